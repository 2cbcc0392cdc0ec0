// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/breakers/breakerdialog.h"

#include "control/breakerttl.h"
#include "widgets/typedconfirmation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace jimini {

namespace {
constexpr int kCustom = -1;
}

BreakerDialog::BreakerDialog(const BreakerSubject& subject, ControlClient::BreakerCommand command,
                             QWidget* parent)
    : QDialog(parent)
    , m_subject(subject)
    , m_command(command)
    , m_production(TypedConfirmation::isProduction(subject.environment))
    , m_policy(new QComboBox(this))
    , m_reason(new QLineEdit(this))
    , m_ttl(new QComboBox(this))
    , m_customTtl(new QLineEdit(this))
    , m_ttlError(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_returnsFrom(new QLabel(this))
    , m_confirm(new TypedConfirmation(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    using Command = ControlClient::BreakerCommand;
    const bool automatic = command == Command::Auto;
    const QString verb = command == Command::Isolate   ? tr("Isolate")
                         : command == Command::Disable ? tr("Disable")
                                                       : tr("Return to automatic");
    setWindowTitle(tr("%1 breaker of %2").arg(verb, subject.title));
    m_policy->setObjectName(QStringLiteral("policy"));
    m_policy->setAccessibleName(tr("Policy"));
    m_policy->addItems(subject.policies);
    if (subject.policies.size() > 1)
        m_policy->addItem(tr("All policies"), QStringLiteral("*"));
    if (automatic && !subject.manualStates.isEmpty()) // the one in a manual state is what is returned
        m_policy->setCurrentIndex(std::max(0, m_policy->findText(subject.manualStates.firstKey())));

    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("why (kept in the services' and the console's audit trail)"));
    m_reason->setAccessibleName(tr("Reason"));

    m_ttl->setObjectName(QStringLiteral("ttl"));
    m_ttl->setAccessibleName(tr("Time to live"));
    m_ttl->addItem(tr("Until changed"), 0);
    m_ttl->addItem(tr("5 min"), 300);
    m_ttl->addItem(tr("15 min"), 900);
    m_ttl->addItem(tr("1 h"), 3600);
    m_ttl->addItem(tr("Custom..."), kCustom);
    m_customTtl->setObjectName(QStringLiteral("customTtl"));
    m_customTtl->setAccessibleName(tr("Custom time to live"));
    m_customTtl->setPlaceholderText(tr("90, 90s, 5m, 1h"));
    m_customTtl->setVisible(false);
    m_ttlError->setVisible(false);

    auto* what = new QLabel(explanation(command), this);
    what->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_returnsFrom->setObjectName(QStringLiteral("returnsFrom"));
    m_returnsFrom->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(what);
    form->addRow(tr("&Policy:"), m_policy);
    form->addRow(tr("&Reason:"), m_reason);
    if (!automatic) {
        form->addRow(tr("&Time to live:"), m_ttl);
        form->addRow(QString(), m_customTtl);
        form->addRow(QString(), m_ttlError);
    } else {
        m_ttl->setVisible(false);
        form->addRow(m_returnsFrom);
    }
    form->addRow(m_summary);
    if (m_production) {
        m_confirm->require(subject.service);
        form->addRow(m_confirm);
    }
    form->addRow(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(verb);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &BreakerDialog::updateState);
    connect(m_customTtl, &QLineEdit::textChanged, this, &BreakerDialog::updateState);
    connect(m_confirm, &TypedConfirmation::confirmedChanged, this, &BreakerDialog::updateState);
    connect(m_policy, &QComboBox::currentIndexChanged, this, &BreakerDialog::updateState);
    connect(m_ttl, &QComboBox::currentIndexChanged, this, [this] {
        m_customTtl->setVisible(m_ttl->currentData().toInt() == kCustom);
        updateState();
    });
    updateState();
}

QString BreakerDialog::explanation(ControlClient::BreakerCommand command) {
    switch (command) {
    case ControlClient::BreakerCommand::Isolate:
        return tr("Isolate forces the breaker open: every call through the policy is refused at once, "
                  "without reaching the dependency, until the time to live runs out or it is returned to "
                  "automatic.");
    case ControlClient::BreakerCommand::Disable:
        return tr("Disable forces the breaker closed: calls go through to the dependency whatever the "
                  "failures, and the breaker never opens, until the time to live runs out or it is "
                  "returned to automatic.");
    case ControlClient::BreakerCommand::Auto:
        return tr("Return to automatic hands the breaker back to its own rules: it starts closed and "
                  "opens again on failures.");
    }
    return {};
}

QString BreakerDialog::policy() const {
    return m_policy->currentData().toString() == QLatin1String("*") ? QString() : m_policy->currentText();
}

QString BreakerDialog::reason() const {
    return m_reason->text().trimmed();
}

std::optional<int> BreakerDialog::ttlSeconds() const {
    if (m_command == ControlClient::BreakerCommand::Auto)
        return std::nullopt;
    const int preset = m_ttl->currentData().toInt();
    if (preset == kCustom)
        return BreakerTtl::parse(m_customTtl->text()).seconds;
    return preset > 0 ? std::optional<int>(preset) : std::nullopt;
}

bool BreakerDialog::ttlValid() const {
    return m_command == ControlClient::BreakerCommand::Auto || m_ttl->currentData().toInt() != kCustom ||
           BreakerTtl::parse(m_customTtl->text()).seconds.has_value();
}

void BreakerDialog::updateState() {
    const QString policyText = policy().isEmpty() ? tr("every policy") : tr("policy %1").arg(policy());
    const QString environment =
        m_subject.environment.isEmpty() ? tr("an unnamed environment") : m_subject.environment;
    const QString count =
        m_subject.instances == 1 ? tr("1 instance") : tr("%1 instances").arg(m_subject.instances);
    m_summary->setText(tr("Environment %1, service %2, %3: %4.")
                           .arg(environment,
                                m_subject.service.isEmpty() ? tr("(unnamed)") : m_subject.service,
                                m_policy->count() > 0 ? policyText : tr("no policy"), count));
    if (m_command == ControlClient::BreakerCommand::Auto) {
        const QString from = m_subject.manualStates.value(policy());
        m_returnsFrom->setText(
            from.isEmpty() ? tr("Returns %1 to automatic from whatever state it is in now.").arg(policyText)
                           : tr("Returns %1 to automatic from %2.").arg(policyText, from));
    }
    const bool customBad = !ttlValid();
    m_ttlError->setVisible(customBad && !m_customTtl->text().isEmpty());
    if (customBad)
        m_ttlError->setText(BreakerTtl::parse(m_customTtl->text()).error);
    const bool named = m_confirm->confirmed();
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!reason().isEmpty() && m_policy->count() > 0 && ttlValid() && named);
}

} // namespace jimini
