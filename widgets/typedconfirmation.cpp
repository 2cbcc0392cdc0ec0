// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/typedconfirmation.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace jimini {

TypedConfirmation::TypedConfirmation(QWidget* parent)
    : QWidget(parent)
    , m_prompt(new QLabel(this))
    , m_typed(new QLineEdit(this)) {
    m_typed->setObjectName(QStringLiteral("typedName"));
    m_typed->setAccessibleName(tr("Service name, typed to confirm"));
    m_prompt->setBuddy(m_typed);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_prompt);
    layout->addWidget(m_typed, 1);
    connect(m_typed, &QLineEdit::textChanged, this, &TypedConfirmation::update);
    setVisible(false);
}

void TypedConfirmation::require(const QString& name) {
    if (name == m_expected)
        return;
    m_expected = name;
    m_prompt->setText(tr("&Type \"%1\" to confirm:").arg(name));
    m_typed->setPlaceholderText(name);
    m_typed->clear();
    setVisible(isRequired());
    update();
}

bool TypedConfirmation::confirmed() const {
    return !isRequired() || m_typed->text().trimmed() == m_expected;
}

void TypedConfirmation::clear() {
    m_typed->clear();
}

bool TypedConfirmation::isProduction(const QString& environment) {
    const QString e = environment.trimmed().toLower();
    return e == QLatin1String("production") || e == QLatin1String("prod");
}

void TypedConfirmation::update() {
    const bool now = confirmed();
    if (now == m_confirmed)
        return;
    m_confirmed = now;
    emit confirmedChanged(now);
}

} // namespace jimini
