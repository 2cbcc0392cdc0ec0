// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutrollback.h"

#include "control/rolloutaudit.h"

#include "net/controlclient.h"
#include "net/controlresult.h"

namespace jimini {

RolloutRollback::RolloutRollback(QList<RolloutInstance>& instances, const QList<ControlClient*>& clients,
                                 RolloutAudit& audit, QObject* parent)
    : QObject(parent)
    , m_instances(instances)
    , m_clients(clients)
    , m_audit(audit) {}

void RolloutRollback::start(const QList<int>& order, int decidingIndex) {
    m_queue = order;
    m_decidingIndex = decidingIndex;
    next();
}

void RolloutRollback::next() {
    if (m_queue.isEmpty()) {
        emit finished();
        return;
    }
    const int index = m_queue.front();
    RolloutInstance& instance = m_instances[index];
    m_retried412 = false;
    m_intent =
        m_audit.intent(QStringLiteral("rollout.rollback"), {instance.endpoint.id()},
                       QString::fromLatin1(instance.currentEtag), QString::fromLatin1(instance.oldEtag));
    if (m_audit.isRecording() && m_intent == 0) {
        m_queue.removeFirst();
        emit stepped(index, RolloutStep::Failed,
                     QStringLiteral("not rolled back: the audit trail could not be written"));
        return next();
    }
    m_clients[index]->putConfig(instance.oldConfig, instance.currentEtag);
}

void RolloutRollback::onAnswer(int index, const ControlResult& result) {
    if (m_queue.isEmpty() || m_queue.front() != index)
        return; // not the push this waits for
    RolloutInstance& instance = m_instances[index];
    if (result.httpStatus == 412 && !m_retried412 && !result.etag.isEmpty()) {
        // The version in force is not the one last seen (a push whose answer was lost): the old config
        // is the one known, so it goes back over whatever is there.
        m_retried412 = true;
        instance.currentEtag = result.etag;
        m_clients[index]->putConfig(instance.oldConfig, instance.currentEtag);
        return;
    }
    m_audit.outcome(m_intent, result.ok, result.ok ? QString::fromLatin1(result.etag) : result.reason);
    m_intent = 0;
    m_queue.removeFirst();
    const QString decided = instance.figure;
    if (result.ok) {
        instance.currentEtag = result.etag;
        instance.mayHaveNewConfig = false;
        const QString back = QStringLiteral("old config %1 back").arg(QString::fromLatin1(result.etag));
        // The instance whose reading stopped the rollout keeps that figure: it is what decided.
        emit stepped(index, RolloutStep::RolledBack,
                     index == m_decidingIndex ? decided + QStringLiteral("; ") + back : back);
    } else {
        emit stepped(index, RolloutStep::Failed, QStringLiteral("rollback failed: ") + result.reason);
    }
    next();
}

} // namespace jimini
