// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/rolloutinstance.h"

#include <QList>
#include <QObject>
#include <QString>

namespace jimini {

class ControlClient;
class RolloutAudit;
struct ControlResult;

// A rollout's way back: pushes each instance's old config (as GET gave it before the rollout) to the
// instances given, one at a time in the order given (the reverse of the pushes), each with If-Match and
// recorded in the audit trail before it is sent and with the answer. A 412 is retried once over the
// version in force then (a push whose answer was lost left another one there). The instances and clients
// are the rollout's: the rollback sets each one's ETag; steps are the rollout's to set (stepped()).
class RolloutRollback final : public QObject {
    Q_OBJECT
public:
    RolloutRollback(QList<RolloutInstance>& instances, const QList<ControlClient*>& clients,
                    RolloutAudit& audit, QObject* parent = nullptr);

    // decidingIndex: the instance whose reading stopped the rollout (it keeps that figure), or -1.
    void start(const QList<int>& order, int decidingIndex);
    bool isBusy() const noexcept { return !m_queue.isEmpty(); }
    // The answer to a rollback push of instance index.
    void onAnswer(int index, const ControlResult& result);

signals:
    void stepped(int index, jimini::RolloutStep step, const QString& figure);
    void finished(); // every instance of the order rolled back or failed

private:
    void next();

    QList<RolloutInstance>& m_instances;
    const QList<ControlClient*>& m_clients;
    RolloutAudit& m_audit;
    QList<int> m_queue; // what is left to roll back, next first
    qint64 m_intent = 0;
    int m_decidingIndex = -1;
    bool m_retried412 = false; // the push in flight already retried after a 412
};

} // namespace jimini
