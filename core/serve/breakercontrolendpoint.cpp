// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakercontrolendpoint.h"

#include "serve/agent.h"
#include "serve/eventlog.h"
#include "serve/policyregistry.h"

#include "health/healthcodec.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jimini {

namespace {
std::optional<QJsonObject> bodyObject(const QByteArray& body, QList<ConfigError>* errors) {
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
    if (e.error != QJsonParseError::NoError) {
        errors->append(
            {QString(),
             QStringLiteral("malformed JSON at offset %1: %2").arg(e.offset).arg(e.errorString())});
        return std::nullopt;
    }
    if (!doc.isObject()) {
        errors->append({QString(), QStringLiteral("the document must be an object")});
        return std::nullopt;
    }
    return doc.object();
}
} // namespace

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
    QList<ConfigError> errors;
    const std::optional<QJsonObject> body = bodyObject(r.body, &errors);
    QString state;
    QString reason;
    std::optional<double> ttl;
    if (body) {
        state = body->value(QLatin1String("state")).toString();
        if (state != QLatin1String("isolated") && state != QLatin1String("disabled") &&
            state != QLatin1String("auto"))
            errors.append(
                {QStringLiteral("state"), QStringLiteral("must be \"isolated\", \"disabled\" or \"auto\"")});
        for (auto it = body->begin(); it != body->end(); ++it)
            if (it.key() != QLatin1String("state") && it.key() != QLatin1String("reason") &&
                it.key() != QLatin1String("ttl_seconds"))
                errors.append({it.key(), QStringLiteral("unknown key")});
        const QJsonValue why = body->value(QLatin1String("reason"));
        reason = why.toString();
        if (!why.isString() || reason.isEmpty() || reason.size() > 1024)
            errors.append(
                {QStringLiteral("reason"), QStringLiteral("required: a string of 1 to 1024 characters")});
        const QJsonValue t = body->value(QLatin1String("ttl_seconds"));
        if (!t.isUndefined() && !t.isNull()) {
            if (!t.isDouble() || !(t.toDouble() > 0 && t.toDouble() <= 31536000))
                errors.append({QStringLiteral("ttl_seconds"),
                               QStringLiteral("must be a number of seconds in (0, 31536000]")});
            else if (state == QLatin1String("auto"))
                errors.append(
                    {QStringLiteral("ttl_seconds"), QStringLiteral("not allowed with state \"auto\"")});
            else
                ttl = t.toDouble();
        }
    }
    if (!errors.isEmpty())
        return ApiResponse::invalid(QStringLiteral("invalid-request"), QStringLiteral("Invalid request"),
                                    errors, r.path);

    CircuitBreaker& breaker = *entry->pipeline->circuitBreaker();
    const BreakerState before = breaker.state();
    std::optional<Duration> ttlDuration;
    if (ttl)
        ttlDuration = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(*ttl));
    const QString actor = m_auth.actor(r.header("Authorization"));
    m_agent.holdTransitions(); // the control event first, then the transition it caused
    QString action;
    if (state == QLatin1String("isolated")) {
        action = QStringLiteral("isolate");
        breaker.isolate(ttlDuration, reason.toStdString());
    } else if (state == QLatin1String("disabled")) {
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
    event.before = QString::fromLatin1(toString(before).data(), qsizetype(toString(before).size()));
    const std::string_view after = toString(breaker.state());
    event.after = QString::fromLatin1(after.data(), qsizetype(after.size()));
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
