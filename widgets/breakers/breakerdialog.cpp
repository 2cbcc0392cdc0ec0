// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/breakers/breakerdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace jimini {

BreakerDialog::BreakerDialog(const QString& instance, ControlClient::BreakerCommand command,
                             const QStringList& policies, QWidget* parent)
    : QDialog(parent)
    , m_policy(new QComboBox(this))
    , m_reason(new QLineEdit(this))
    , m_ttl(new QSpinBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    using Command = ControlClient::BreakerCommand;
    const QString verb = command == Command::Isolate   ? tr("Isolate")
                         : command == Command::Disable ? tr("Disable")
                                                       : tr("Return to automatic");
    setWindowTitle(tr("%1 breaker of %2").arg(verb, instance));
    m_policy->addItems(policies);
    m_policy->setAccessibleName(tr("Policy"));
    m_reason->setPlaceholderText(tr("why (kept in the service's audit trail)"));
    m_reason->setAccessibleName(tr("Reason"));
    m_ttl->setRange(0, 7 * 24 * 3600);
    m_ttl->setSuffix(tr(" s"));
    m_ttl->setSpecialValueText(tr("until changed"));
    m_ttl->setAccessibleName(tr("Time to live in seconds"));
    m_ttl->setEnabled(command != Command::Auto);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Policy:"), m_policy);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("&Time to live:"), m_ttl);
    form->addRow(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(verb);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &BreakerDialog::updateOk);
    updateOk();
}

QString BreakerDialog::policy() const {
    return m_policy->currentText();
}
QString BreakerDialog::reason() const {
    return m_reason->text().trimmed();
}
int BreakerDialog::ttlSeconds() const {
    return m_ttl->isEnabled() ? m_ttl->value() : 0;
}

void BreakerDialog::updateOk() {
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!reason().isEmpty() && m_policy->count() > 0);
}

} // namespace jimini
