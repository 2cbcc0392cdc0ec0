// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeform.h"

#include "probe/probeheader.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>

#include <chrono>

namespace jimini {

namespace {
QStringList lines(const QPlainTextEdit* edit) {
    QStringList out;
    for (const QString& line : edit->toPlainText().split(QLatin1Char('\n')))
        out << line.trimmed();
    return out;
}
} // namespace

ProbeForm::ProbeForm(QWidget* parent)
    : QWidget(parent) {
    // Two columns: what is sent on the left, how (profiles and load) on the right.
    auto* columns = new QHBoxLayout(this);
    columns->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    auto* how = new QFormLayout;
    columns->addLayout(form, 3);
    columns->addLayout(how, 2);
    m_targets = new QPlainTextEdit(this);
    m_targets->setObjectName(QStringLiteral("targets"));
    m_targets->setAccessibleName(tr("Targets"));
    m_targets->setPlaceholderText(tr("One URL a line, e.g. http://127.0.0.1:8081/target/orders"));
    m_targets->setMaximumHeight(52);
    m_offered = new QComboBox(this);
    m_offered->setObjectName(QStringLiteral("offeredTargets"));
    m_offered->setAccessibleName(tr("Add a target of the fleet"));
    connect(m_offered, &QComboBox::activated, this, [this](int index) {
        const QUrl url = m_offered->itemData(index).toUrl();
        if (url.isValid() && !lines(m_targets).contains(url.toString()))
            m_targets->appendPlainText(url.toString());
    });
    auto* targets = new QVBoxLayout;
    targets->addWidget(m_targets);
    targets->addWidget(m_offered);
    form->addRow(tr("Targets:"), targets);

    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD")});
    form->addRow(tr("&Method:"), m_method);
    m_headers = new QPlainTextEdit(this);
    m_headers->setObjectName(QStringLiteral("headers"));
    m_headers->setPlaceholderText(tr("Name: value, one a line"));
    m_headers->setMaximumHeight(44);
    form->addRow(tr("&Headers:"), m_headers);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("body"));
    m_body->setMaximumHeight(44);
    form->addRow(tr("&Body:"), m_body);

    auto* profiles = new QVBoxLayout;
    for (int i = 0; i < maxRuns; ++i) {
        auto* combo = new QComboBox(this);
        combo->setObjectName(QStringLiteral("profile%1").arg(i + 1));
        combo->setAccessibleName(i == 0 ? tr("Profile") : tr("Compare with profile %1").arg(i + 1));
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        m_profiles << combo;
        profiles->addWidget(combo);
    }
    how->addRow(tr("Profiles:"), profiles);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("loadMode"));
    m_mode->addItem(tr("open loop: calls per second"), int(ProbeLoad::Mode::OpenLoop));
    m_mode->addItem(tr("closed loop: workers"), int(ProbeLoad::Mode::ClosedLoop));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0.1, ProbeOptions::maxRate);
    m_rate->setDecimals(1);
    m_rate->setValue(20);
    m_rate->setSuffix(tr(" /s"));
    m_workers = new QSpinBox(this);
    m_workers->setObjectName(QStringLiteral("workers"));
    m_workers->setRange(1, ProbeOptions::maxWorkers);
    m_workers->setValue(4);
    m_workers->setEnabled(false);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_rate->setEnabled(index == 0);
        m_workers->setEnabled(index == 1);
    });
    auto* load = new QHBoxLayout;
    load->addWidget(m_mode);
    load->addWidget(m_rate);
    load->addWidget(m_workers);
    load->addStretch();
    how->addRow(tr("Load:"), load);

    m_duration = new QDoubleSpinBox(this);
    m_duration->setObjectName(QStringLiteral("duration"));
    m_duration->setRange(0, 86400);
    m_duration->setValue(30);
    m_duration->setSuffix(tr(" s"));
    m_duration->setSpecialValueText(tr("no limit"));
    m_requests = new QSpinBox(this);
    m_requests->setObjectName(QStringLiteral("requests"));
    m_requests->setRange(0, 100000000);
    m_requests->setSuffix(tr(" calls"));
    m_requests->setSpecialValueText(tr("no limit"));
    auto* until = new QHBoxLayout;
    until->addWidget(m_duration);
    until->addWidget(m_requests);
    until->addStretch();
    how->addRow(tr("Until (first of):"), until);
    setOfferedTargets({});
}

void ProbeForm::setOfferedTargets(const QList<QPair<QString, QUrl>>& targets) {
    QSignalBlocker blocker(m_offered);
    m_offered->clear();
    m_offered->addItem(targets.isEmpty() ? tr("no target offered by the fleet's agents")
                                         : tr("add a target of the fleet…"));
    for (const auto& [label, url] : targets)
        m_offered->addItem(label, url);
    m_offered->setEnabled(!targets.isEmpty());
}

void ProbeForm::setProfileChoices(const QList<ProbeProfileChoice>& choices) {
    if (choices == m_choices)
        return;
    for (int i = 0; i < m_profiles.size(); ++i) {
        QComboBox* combo = m_profiles[i];
        const QString current = combo->currentText();
        QSignalBlocker blocker(combo);
        combo->clear();
        if (i > 0)
            combo->addItem(tr("(none)"), -1);
        for (int c = 0; c < choices.size(); ++c)
            combo->addItem(choices[c].label, c);
        const int keep = combo->findText(current);
        combo->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    m_choices = choices;
}

ProbeFormResult ProbeForm::read() const {
    ProbeFormResult result;
    QStringList& errors = result.errors;
    ProbeFormInput input;
    const QStringList targetLines = lines(m_targets);
    for (int i = 0; i < targetLines.size(); ++i) {
        if (targetLines[i].isEmpty())
            continue;
        const QUrl url(targetLines[i], QUrl::StrictMode);
        if (const auto e = checkProbeUrl(url))
            errors << tr("Targets, line %1: %2").arg(i + 1).arg(*e);
        else if (!input.targets.contains(url))
            input.targets << url;
    }
    if (input.targets.isEmpty() && errors.isEmpty())
        errors << tr("Targets: give at least one URL");
    input.request.method = m_method->currentText().toLatin1();
    const QStringList headerLines = lines(m_headers);
    for (int i = 0; i < headerLines.size(); ++i) {
        if (headerLines[i].isEmpty())
            continue;
        const ProbeHeaderResult h = parseProbeHeader(headerLines[i]);
        if (h.header)
            input.request.headers << *h.header;
        else
            errors << tr("Headers, line %1: %2").arg(i + 1).arg(h.error);
    }
    input.request.body = m_body->toPlainText().toUtf8();
    if (input.request.body.size() > maxBodyBytes)
        errors << tr("Body: more than 1 MiB");
    for (QComboBox* combo : m_profiles) {
        const int c = combo->currentData().isValid() ? combo->currentData().toInt() : -1;
        if (c < 0 || c >= m_choices.size())
            continue;
        if (input.profiles.contains(m_choices[c]))
            errors << tr("Profiles: \"%1\" is chosen twice").arg(m_choices[c].label);
        else
            input.profiles << m_choices[c];
    }
    if (input.profiles.isEmpty())
        errors << tr("Profiles: choose a profile");
    const qsizetype runs = input.targets.size() * input.profiles.size();
    if (runs > maxRuns)
        errors << tr("%1 targets × %2 profiles make %3 runs; at most %4 run at once")
                      .arg(input.targets.size())
                      .arg(input.profiles.size())
                      .arg(runs)
                      .arg(maxRuns);
    input.load.mode = ProbeLoad::Mode(m_mode->currentData().toInt());
    input.load.rate = m_rate->value();
    input.load.workers = input.load.mode == ProbeLoad::Mode::ClosedLoop ? m_workers->value() : 0;
    if (m_duration->value() > 0)
        input.load.duration =
            std::chrono::duration_cast<Duration>(std::chrono::duration<double>(m_duration->value()));
    if (m_requests->value() > 0)
        input.load.requests = std::uint64_t(m_requests->value());
    if (!input.load.duration && !input.load.requests)
        errors << tr("Until: give a duration or a number of calls");
    if (errors.isEmpty())
        result.input = input;
    return result;
}

} // namespace jimini
