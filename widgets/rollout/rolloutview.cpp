// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/rollout/rolloutview.h"

#include "control/configdifftext.h"
#include "control/rollout.h"
#include "widgets/rollout/rolloutmodel.h"
#include "widgets/typedconfirmation.h"

#include "config/configcodec.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace jimini {

RolloutView::RolloutView(QWidget* parent)
    : QWidget(parent)
    , m_model(new RolloutModel(this))
    , m_service(new QComboBox)
    , m_file(new QLineEdit)
    , m_watch(new QSpinBox)
    , m_batch(new QSpinBox)
    , m_threshold(new QDoubleSpinBox)
    , m_reason(new QLineEdit)
    , m_confirm(new TypedConfirmation)
    , m_start(new QPushButton(tr("&Start rollout")))
    , m_abort(new QPushButton(tr("&Abort")))
    , m_progress(new QProgressBar)
    , m_summary(new QLabel)
    , m_table(new QTableView) {
    m_service->setObjectName(QStringLiteral("service"));
    m_file->setObjectName(QStringLiteral("configFile"));
    m_watch->setObjectName(QStringLiteral("watch"));
    m_batch->setObjectName(QStringLiteral("batch"));
    m_threshold->setObjectName(QStringLiteral("threshold"));
    m_reason->setObjectName(QStringLiteral("reason"));
    m_start->setObjectName(QStringLiteral("start"));
    m_abort->setObjectName(QStringLiteral("abort"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_service->setToolTip(tr("Every instance of this service gets the config; the first one is the canary"));
    m_file->setPlaceholderText(tr("the new config (JSON)"));
    m_watch->setRange(1, 24 * 3600);
    m_watch->setValue(60);
    m_watch->setSuffix(tr(" s"));
    m_watch->setToolTip(tr("How long the canary, and each batch after it, is watched"));
    m_batch->setRange(1, 1000);
    m_batch->setToolTip(tr("Instances per batch after the canary"));
    m_threshold->setRange(0, 100);
    m_threshold->setDecimals(1);
    m_threshold->setValue(10);
    m_threshold->setSuffix(tr(" pp"));
    m_threshold->setToolTip(tr("Roll back when an instance's error rate rises by more than this many "
                               "percentage points over its own rate before the rollout (an opened breaker "
                               "rolls back too)"));
    m_reason->setPlaceholderText(tr("why, for the audit trail"));
    m_abort->setToolTip(tr("Stop, and push the old config back to every instance that got the new one"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RolloutModel::FigureColumn, QHeaderView::Stretch);

    auto* browse = new QPushButton(tr("&Browse..."));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Config to roll out"), m_file->text(),
                                                          tr("Config (*.json);;All files (*)"));
        if (!file.isEmpty())
            m_file->setText(file);
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Ser&vice:"), m_service);
    auto* fileLabel = new QLabel(tr("&Config file:"));
    fileLabel->setBuddy(m_file);
    form->addRow(fileLabel, fileRow);
    form->addRow(tr("Canary &watch:"), m_watch);
    form->addRow(tr("&Batch size:"), m_batch);
    form->addRow(tr("&Threshold:"), m_threshold);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(m_confirm);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_abort);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    connect(m_start, &QPushButton::clicked, this, &RolloutView::start);
    connect(m_abort, &QPushButton::clicked, this, &RolloutView::abort);
    connect(m_service, &QComboBox::currentIndexChanged, this, &RolloutView::updateConfirmation);
    connect(m_file, &QLineEdit::textChanged, this, &RolloutView::updateConfirmation); // another config
    connect(m_confirm, &TypedConfirmation::confirmedChanged, this, &RolloutView::updateState);
    updateState();
}

RolloutView::~RolloutView() {
    m_model->setRollout(nullptr);
}

void RolloutView::setRunner(ConsoleClock& clock, ControlService& control, AuditTrail* audit) {
    m_clock = &clock;
    m_control = &control;
    m_audit = audit;
}

void RolloutView::setServices(const QMap<QString, QList<ServiceEndpoint>>& services,
                              const QMap<QString, QStringList>& environments) {
    if (environments != m_environments) {
        m_environments = environments;
        updateConfirmation();
    }
    if (services == m_services && m_service->count() == services.size())
        return;
    m_services = services;
    const QString current = m_service->currentData().toString();
    m_service->clear();
    for (auto it = services.cbegin(); it != services.cend(); ++it)
        m_service->addItem(it.value().size() == 1
                               ? tr("%1 (1 instance)").arg(it.key())
                               : tr("%1 (%2 instances)").arg(it.key()).arg(it.value().size()),
                           it.key());
    selectService(current);
}

void RolloutView::selectService(const QString& service) {
    const int index = m_service->findData(service);
    if (index >= 0)
        m_service->setCurrentIndex(index);
}

bool RolloutView::start() {
    if (m_rollout && m_rollout->phase() != Rollout::Phase::Finished)
        return false;
    const auto refuse = [this](const QString& why) {
        m_summary->setText(why);
        return false;
    };
    if (!m_clock || !m_control)
        return refuse(tr("Rollouts are not available in this window"));
    const QString service = m_service->currentData().toString();
    if (service.isEmpty() || m_services.value(service).isEmpty())
        return refuse(tr("Choose a service with at least one instance"));
    QFile file(m_file->text());
    if (m_file->text().isEmpty())
        return refuse(tr("Choose the config file to roll out"));
    if (!file.open(QIODevice::ReadOnly))
        return refuse(tr("%1: %2").arg(m_file->text(), file.errorString()));
    if (file.size() > ConfigCodec::maxDocumentSize)
        return refuse(tr("%1: larger than %2 bytes").arg(m_file->text()).arg(ConfigCodec::maxDocumentSize));
    RolloutOptions options;
    options.service = service;
    options.instances = m_services.value(service);
    options.config = file.read(ConfigCodec::maxDocumentSize + 1);
    if (const ConfigParseResult parsed = ConfigCodec::parse(options.config); parsed.ok())
        options.environment = parsed.config->environment;
    // The config may take the service to production even where the fleet does not say it is there.
    if (TypedConfirmation::isProduction(options.environment))
        m_confirm->require(service);
    if (!m_confirm->confirmed())
        return refuse(tr("A rollout to production: type \"%1\" to confirm").arg(service));
    options.watch = std::chrono::seconds(m_watch->value());
    options.batchSize = m_batch->value();
    options.thresholdPp = m_threshold->value();
    options.reason = m_reason->text();
    m_model->setRollout(nullptr);
    m_rollout = std::make_unique<Rollout>(options, *m_clock, *m_control, m_audit);
    m_model->setRollout(m_rollout.get());
    connect(m_rollout.get(), &Rollout::instanceChanged, this, &RolloutView::updateState);
    connect(m_rollout.get(), &Rollout::phaseChanged, this, &RolloutView::updateState);
    connect(m_rollout.get(), &Rollout::finished, this, [this] {
        updateState();
        emit statusMessage(tr("Rollout of %1: %2").arg(m_rollout->options().service, m_rollout->summary()));
    });
    m_confirm->clear(); // the next rollout is confirmed anew
    m_rollout->start();
    updateState();
    return true;
}

void RolloutView::updateConfirmation() {
    const QString service = m_service->currentData().toString();
    const QStringList environments = m_environments.value(service);
    const bool production =
        std::any_of(environments.cbegin(), environments.cend(), &TypedConfirmation::isProduction);
    m_confirm->require(production ? service : QString());
}

void RolloutView::abort() {
    if (m_rollout)
        m_rollout->abort();
}

void RolloutView::updateState() {
    const bool running = m_rollout && m_rollout->phase() != Rollout::Phase::Finished;
    m_start->setEnabled(!running && m_confirm->confirmed());
    m_abort->setEnabled(running && m_rollout->phase() != Rollout::Phase::RollingBack);
    for (QWidget* field :
         {static_cast<QWidget*>(m_service), static_cast<QWidget*>(m_file), static_cast<QWidget*>(m_watch),
          static_cast<QWidget*>(m_batch), static_cast<QWidget*>(m_threshold), static_cast<QWidget*>(m_reason),
          static_cast<QWidget*>(m_confirm)})
        field->setEnabled(!running);
    if (!m_rollout) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(tr("No rollout yet"));
        return;
    }
    const int total = int(m_rollout->instances().size());
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(m_rollout->doneCount());
    m_progress->setFormat(tr("%1 of %2 done").arg(m_rollout->doneCount()).arg(total));
    switch (m_rollout->phase()) {
    case Rollout::Phase::Idle:
    case Rollout::Phase::Preparing:
        m_summary->setText(tr("Reading every instance's config and health..."));
        break;
    case Rollout::Phase::Pushing:
    case Rollout::Phase::Watching: {
        const QString where =
            m_rollout->currentBatch() == 0
                ? tr("Canary: %1").arg(m_rollout->instances().front().name)
                : tr("Batch %1 of %2").arg(m_rollout->currentBatch()).arg(m_rollout->batchCount() - 1);
        const QStringList changes = ConfigDiffText::lines(m_rollout->changes());
        m_summary->setText(
            tr("%1. Changes: %2")
                .arg(where, changes.isEmpty() ? tr("none") : changes.join(QStringLiteral("; ")).trimmed()));
        break;
    }
    case Rollout::Phase::RollingBack:
        m_summary->setText(tr("Rolling back..."));
        break;
    case Rollout::Phase::Finished:
        m_summary->setText(m_rollout->summary());
        break;
    }
}

} // namespace jimini
