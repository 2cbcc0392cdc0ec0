// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakercontrolendpoint.h"

#include "net/operatorheader.h"
#include "serve/agent.h"
#include "serve/breakercommandcodec.h"
#include "serve/eventlog.h"
#include "serve/policyregistry.h"

#include "health/healthcodec.h"
#include "health/healthnames.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jimini {

BreakerControlEndpoint::BreakerControlEndpoint(Agent& agent, const BearerAuth& auth)
    : m_agent(agent)
    , m_auth(auth) {}

ApiResponse BreakerControlEndpoint::handle(const ApiRequest& r, const QString& policy) {
    const PolicyEntry* entry = m_agent.registry().find(policy);
    if (!entry)
        return ApiResponse::problem(404, QStringLiteral("unknown-policy"), QStringLiteral("Unknown policy"),
                                    QStringLiteral("no policy named \"%1\"").arg(policy), r.path);
    if (!entry->pipeline->circuitBreaker())
        return ApiResponse::problem(
            404, QStringLiteral("no-circuit-breaker"), QStringLiteral("No circuit breaker"),
            QStringLiteral("the circuit breaker stage of \"%1\" is off").arg(policy), r.path);
    const BreakerCommandParseResult parsed = BreakerCommandCodec::parse(r.body);
    if (!parsed.command)
        return ApiResponse::invalid(QStringLiteral("invalid-request"), QStringLiteral("Invalid request"),
                                    parsed.errors, r.path);
    const std::optional<BreakerState> state = parsed.command->state;
    const QString& reason = parsed.command->reason;
    const std::optional<double>& ttl = parsed.command->ttlSeconds;

    CircuitBreaker& breaker = *entry->pipeline->circuitBreaker();
    const BreakerState before = breaker.state();
    const std::optional<Duration> ttlDuration = parsed.command->ttl();
    const QString actor = m_auth.actor(r.header("Authorization"), r.header(OperatorHeader::name));
    m_agent.holdTransitions(); // the control event first, then the transition it caused
    QString action;
    if (state == BreakerState::Isolated) {
        action = QStringLiteral("isolate");
        breaker.isolate(ttlDuration, reason.toStdString());
    } else if (state == BreakerState::Disabled) {
        action = QStringLiteral("disable");
        breaker.disable(ttlDuration, reason.toStdString());
    } else {
        action = QStringLiteral("auto");
        breaker.automatic(reason.toStdString());
    }
    AgentEvent event;
    event.time = m_agent.wallAt(m_agent.now());
    event.type = AgentEventType::Control;
    event.policy = policy;
    event.action = action;
    event.actor = actor;
    event.note = reason;
    event.ttlSeconds = ttl;
    event.before = breakerStateName(before);
    event.after = breakerStateName(breaker.state());
    m_agent.manualNotes().record(policy, breaker.state(), reason, actor);
    m_agent.events().append(std::move(event));
    m_agent.releaseTransitions(actor);

    const QJsonArray policies =
        HealthCodec::toJson(m_agent.health()).value(QLatin1String("policies")).toArray();
    for (const QJsonValue& p : policies)
        if (p.toObject().value(QLatin1String("name")).toString() == policy)
            return ApiResponse::json(200, p.toObject().value(QLatin1String("circuit_breaker")).toObject());
    return ApiResponse::json(200, QJsonObject{});
}

} // namespace jimini
