// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlclient.h"

#include <QDialog>
#include <QMap>
#include <QStringList>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace jimini {

class TypedConfirmation;

// What a breaker action is about to touch, for the dialog to name it.
struct BreakerSubject {
    QString title;       // "orders-1", or "3 instances of orders"
    QString environment; // empty when unknown; "2 environments" when mixed
    QString service;     // the service name to type for production; "2 services" when mixed
    int instances = 0;
    QStringList policies;                // those with a breaker
    QMap<QString, QString> manualStates; // policy -> "isolated"/"disabled" where some instance has it
};

// Asks for what an operator's breaker change needs: the policy (or all), a reason (required: it goes
// into the services' and the local audit trail) and, to isolate or disable, a time-to-live (5 min, 15
// min, 1 h or custom) after which the breaker returns to automatic. It says what the command does and
// names the environment, service, policy and number of instances; in production (environment
// "production" or "prod", TypedConfirmation::isProduction) OK stays off until the service's name is typed.
class BreakerDialog final : public QDialog {
    Q_OBJECT
public:
    BreakerDialog(const BreakerSubject& subject, ControlClient::BreakerCommand command,
                  QWidget* parent = nullptr);

    QString policy() const; // empty: every policy
    QString reason() const;
    std::optional<int> ttlSeconds() const; // none: until changed (always none for automatic)
    bool ttlValid() const;
    bool needsTypedName() const noexcept { return m_production; }

    static QString explanation(ControlClient::BreakerCommand command);

private:
    void updateState();

    BreakerSubject m_subject;
    ControlClient::BreakerCommand m_command;
    bool m_production;
    QComboBox* m_policy;
    QLineEdit* m_reason;
    QComboBox* m_ttl;
    QLineEdit* m_customTtl;
    QLabel* m_ttlError;
    QLabel* m_summary;
    QLabel* m_returnsFrom;
    TypedConfirmation* m_confirm;
    QDialogButtonBox* m_buttons;
};

} // namespace jimini
