// SPDX-License-Identifier: GPL-3.0-or-later
#include "agentevent.h"

#include "health/healthtime.h"

namespace jimini {

QString AgentEvent::typeName(AgentEventType type) {
    switch (type) {
    case AgentEventType::Transition:
        return QStringLiteral("transition");
    case AgentEventType::Control:
        return QStringLiteral("control");
    case AgentEventType::Config:
        return QStringLiteral("config");
    case AgentEventType::Fault:
        return QStringLiteral("fault");
    }
    return {};
}

QJsonObject AgentEvent::toJson() const {
    QJsonObject o{{QStringLiteral("sequence"), qint64(sequence)},
                  {QStringLiteral("time"), toRfc3339(time)},
                  {QStringLiteral("type"), typeName(type)},
                  {QStringLiteral("policy"), policy.isEmpty() ? QJsonValue() : QJsonValue(policy)},
                  {QStringLiteral("actor"), actor},
                  {QStringLiteral("note"), note}};
    switch (type) {
    case AgentEventType::Transition:
        o.insert(QStringLiteral("from"), from);
        o.insert(QStringLiteral("to"), to);
        o.insert(QStringLiteral("reason"), reason);
        break;
    case AgentEventType::Control:
        o.insert(QStringLiteral("action"), action);
        if (ttlSeconds)
            o.insert(QStringLiteral("ttl_seconds"), *ttlSeconds);
        o.insert(QStringLiteral("before"), before);
        o.insert(QStringLiteral("after"), after);
        break;
    case AgentEventType::Config:
        o.insert(QStringLiteral("before"), before);
        o.insert(QStringLiteral("after"), after);
        break;
    case AgentEventType::Fault:
        o.insert(QStringLiteral("action"), action);
        o.insert(QStringLiteral("fault_id"), faultId);
        if (!fault.isEmpty())
            o.insert(QStringLiteral("fault"), fault);
        break;
    }
    return o;
}

} // namespace jimini
