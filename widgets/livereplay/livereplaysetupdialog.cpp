// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/livereplay/livereplaysetupdialog.h"

#include "sim/scenariolibrary.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace jimini {

LiveReplaySetupDialog::LiveReplaySetupDialog(const QList<QPair<QString, QString>>& instances,
                                             const QStringList& checked, QWidget* parent)
    : QDialog(parent)
    , m_scenarios(new QComboBox)
    , m_targets(new QListWidget)
    , m_error(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel)) {
    setObjectName(QStringLiteral("liveReplaySetup"));
    setWindowTitle(tr("Play scenario against the fleet"));
    m_scenarios->setObjectName(QStringLiteral("scenarioBox"));
    for (const QString& name : ScenarioLibrary::names())
        m_scenarios->addItem(name, name);
    auto* file = new QPushButton(tr("&File..."));
    file->setObjectName(QStringLiteral("scenarioFileButton"));
    connect(file, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Scenario file"), QString(), tr("Scenarios (*.json)"));
        if (!path.isEmpty())
            setScenarioFile(path);
    });
    auto* scenarioRow = new QHBoxLayout;
    scenarioRow->addWidget(m_scenarios, 1);
    scenarioRow->addWidget(file);

    m_targets->setObjectName(QStringLiteral("targetList"));
    for (const auto& [id, name] : instances) {
        auto* item =
            new QListWidgetItem(name == id ? id : QStringLiteral("%1 (%2)").arg(name, id), m_targets);
        item->setData(Qt::UserRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(id) ? Qt::Checked : Qt::Unchecked);
    }
    connect(m_targets, &QListWidget::itemChanged, this, &LiveReplaySetupDialog::update);

    m_error->setObjectName(QStringLiteral("scenarioError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* note =
        new QLabel(tr("Each phase is injected as a fault on the instances' policy of the dependency, "
                      "with a lease renewed while it lasts. Abort, closing the console or a lost "
                      "connection clears every fault the replay injected."));
    note->setWordWrap(true);
    QPushButton* play = m_buttons->addButton(tr("&Play"), QDialogButtonBox::AcceptRole);
    play->setObjectName(QStringLiteral("playButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LiveReplaySetupDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LiveReplaySetupDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Scenario:"), scenarioRow);
    form->addRow(tr("&Instances:"), m_targets);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    update();
}

void LiveReplaySetupDialog::setScenarioFile(const QString& path) {
    int index = m_scenarios->findData(path);
    if (index < 0) {
        m_scenarios->addItem(QFileInfo(path).fileName(), path);
        index = m_scenarios->count() - 1;
    }
    m_scenarios->setCurrentIndex(index);
}

QStringList LiveReplaySetupDialog::checkedEndpoints() const {
    QStringList ids;
    for (int i = 0; i < m_targets->count(); ++i)
        if (m_targets->item(i)->checkState() == Qt::Checked)
            ids.append(m_targets->item(i)->data(Qt::UserRole).toString());
    return ids;
}

void LiveReplaySetupDialog::update() {
    for (QAbstractButton* b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(!checkedEndpoints().isEmpty());
}

void LiveReplaySetupDialog::accept() {
    if (checkedEndpoints().isEmpty())
        return;
    const QString what = m_scenarios->currentData().toString();
    const ScenarioParseResult parsed = ScenarioLibrary::load(what);
    if (!parsed.scenario) {
        const FieldError first = parsed.errors.value(0);
        m_error->setText(first.path.isEmpty() ? first.message
                                              : what + QStringLiteral(": ") + first.toString());
        return;
    }
    m_scenario = parsed.scenario;
    QDialog::accept();
}

} // namespace jimini
