// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;

namespace jimini {

// "Type "orders" to confirm": what an action on production asks before it may go (the breaker dialog,
// the rollout page). The operator types the service's name; a pasted or mistyped one does not match
// (trimmed, case-sensitive). Hidden, and confirmed, while nothing is required.
class TypedConfirmation final : public QWidget {
    Q_OBJECT
public:
    explicit TypedConfirmation(QWidget* parent = nullptr);

    // The name to type; empty: nothing to type. A new name clears what was typed.
    void require(const QString& name);
    bool isRequired() const noexcept { return !m_expected.isEmpty(); }
    const QString& expected() const noexcept { return m_expected; }
    // Nothing is required, or the typed text is the name.
    bool confirmed() const;
    // Empties the field (after the action went: the next one is confirmed anew).
    void clear();
    QLineEdit* lineEdit() const noexcept { return m_typed; } // object name "typedName"

    // An environment whose actions need the typed name: "production" or "prod", any case.
    static bool isProduction(const QString& environment);

signals:
    void confirmedChanged(bool confirmed);

private:
    void update();

    QString m_expected;
    QLabel* m_prompt;
    QLineEdit* m_typed;
    bool m_confirmed = true;
};

} // namespace jimini
