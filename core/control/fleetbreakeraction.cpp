// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/fleetbreakeraction.h"

#include "control/audittrail.h"
#include "control/breakerttl.h"
#include "control/controlservice.h"

#include <QJsonValue>
#include <QTimer>

namespace jimini {

FleetBreakerAction::FleetBreakerAction(FleetBreakerRequest request, ControlService& control,
                                       AuditTrail* audit, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_control(control)
    , m_audit(audit) {
    for (int t = 0; t < m_request.targets.size(); ++t) {
        const BreakerTarget& target = m_request.targets[t];
        for (const QString& policy : target.policies) {
            BreakerItem item;
            item.target = t;
            item.endpointId = target.endpoint.id();
            item.instance = target.instance.isEmpty() ? item.endpointId : target.instance;
            item.policy = policy;
            item.before = target.statesBefore.value(policy);
            m_items.append(item);
        }
    }
}

FleetBreakerAction::~FleetBreakerAction() = default;

QString FleetBreakerAction::auditAction(ControlClient::BreakerCommand command) {
    switch (command) {
    case ControlClient::BreakerCommand::Isolate:
        return QStringLiteral("breaker.isolate");
    case ControlClient::BreakerCommand::Disable:
        return QStringLiteral("breaker.disable");
    case ControlClient::BreakerCommand::Auto:
        return QStringLiteral("breaker.auto");
    }
    return {};
}

int FleetBreakerAction::count(BreakerItem::Status status) const {
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
                             [status](const BreakerItem& item) { return item.status == status; }));
}

void FleetBreakerAction::start() {
    if (m_items.isEmpty()) {
        QTimer::singleShot(0, this, &FleetBreakerAction::finished);
        return;
    }
    ++m_inFlight; // held while sending, so an answer that fails at once cannot finish the action early
    for (int i = 0; i < m_items.size(); ++i)
        send(i);
    --m_inFlight;
    settle();
}

int FleetBreakerAction::retryFailed() {
    if (isRunning())
        return 0;
    QList<int> failed;
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items[i].status == BreakerItem::Status::Failed)
            failed.append(i);
    ++m_inFlight;
    for (int i : failed)
        send(i);
    --m_inFlight;
    settle();
    return int(failed.size());
}

void FleetBreakerAction::send(int index) {
    BreakerItem& item = m_items[index];
    const BreakerTarget& target = m_request.targets[item.target];
    item.status = BreakerItem::Status::Sending;
    item.error.clear();
    item.state.clear();
    item.manualUntil.reset();
    ++item.attempts;
    emit itemChanged(index);
    using Command = ControlClient::BreakerCommand;
    if (m_request.reason.trimmed().isEmpty())
        return fail(index, QStringLiteral("not sent: a reason is required"));
    if (m_request.command == Command::Auto && m_request.ttlSeconds)
        return fail(index, QStringLiteral("not sent: returning to automatic takes no time-to-live"));

    qint64 intent = 0;
    if (m_audit) {
        AuditEntry entry;
        entry.action = auditAction(m_request.command);
        entry.targets = {item.endpointId};
        entry.environment = target.environment;
        entry.service = target.service;
        entry.policy = item.policy;
        entry.before = item.before;
        entry.after = ControlClient::toString(m_request.command);
        if (m_request.ttlSeconds)
            entry.after += QStringLiteral(" for ") + BreakerTtl::toText(*m_request.ttlSeconds);
        entry.reason = m_request.reason;
        intent = m_audit->recordIntent(entry);
        if (intent == 0)
            return fail(index, QStringLiteral("not sent: the audit trail could not record it"));
    }
    ControlClient* client = m_control.newClient(target.endpoint, this);
    client->setTimeout(m_request.timeoutMs);
    ++m_inFlight;
    connect(client, &ControlClient::finished, this, [this, client, index, intent](const ControlResult& r) {
        client->deleteLater();
        --m_inFlight;
        onAnswer(index, intent, r);
    });
    std::optional<double> ttl;
    if (m_request.ttlSeconds)
        ttl = *m_request.ttlSeconds;
    client->setBreakerState(item.policy, m_request.command, m_request.reason, ttl);
}

void FleetBreakerAction::onAnswer(int index, qint64 intent, const ControlResult& result) {
    BreakerItem& item = m_items[index];
    item.answer = result;
    const QString state = result.body.value(QLatin1String("state")).toString();
    if (result.ok && !state.isEmpty()) {
        item.status = BreakerItem::Status::Done;
        item.state = state;
        const QString until = result.body.value(QLatin1String("manual_until")).toString();
        if (!until.isEmpty()) {
            const QDateTime at = QDateTime::fromString(until, Qt::ISODateWithMs);
            if (at.isValid())
                item.manualUntil = at.toUTC();
        }
        const auto text = [&result](QLatin1String key) -> std::optional<QString> {
            const QJsonValue v = result.body.value(key);
            return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
        };
        item.manualActor = text(QLatin1String("manual_actor"));
        item.manualReason = text(QLatin1String("manual_reason"));
    } else {
        item.status = BreakerItem::Status::Failed;
        item.error =
            result.ok ? QStringLiteral("HTTP %1 without a breaker state in the answer").arg(result.httpStatus)
                      : result.reason;
    }
    if (m_audit && intent > 0)
        m_audit->recordOutcome(intent,
                               AuditOutcome{item.status == BreakerItem::Status::Done, item.answerText()});
    emit itemChanged(index);
    settle();
}

void FleetBreakerAction::fail(int index, const QString& why) {
    m_items[index].status = BreakerItem::Status::Failed;
    m_items[index].error = why;
    emit itemChanged(index);
}

void FleetBreakerAction::settle() {
    if (m_inFlight == 0)
        emit finished();
}

} // namespace jimini
