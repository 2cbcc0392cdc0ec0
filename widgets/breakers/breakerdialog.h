// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlclient.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace jimini {

// Asks for what an operator's breaker change needs: the policy, a reason (required: it goes into the
// service's audit trail) and an optional time-to-live after which the breaker returns to automatic.
class BreakerDialog final : public QDialog {
    Q_OBJECT
public:
    // Auto takes no TTL.
    BreakerDialog(const QString& instance, ControlClient::BreakerCommand command, const QStringList& policies,
                  QWidget* parent = nullptr);

    QString policy() const;
    QString reason() const;
    int ttlSeconds() const; // 0: none

private:
    void updateOk();

    QComboBox* m_policy;
    QLineEdit* m_reason;
    QSpinBox* m_ttl;
    QDialogButtonBox* m_buttons;
};

} // namespace jimini
