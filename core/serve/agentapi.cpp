// SPDX-License-Identifier: GPL-3.0-or-later
#include "agentapi.h"

#include "net/operatorheader.h"
#include "serve/agent.h"
#include "serve/breakercontrolendpoint.h"
#include "serve/eventlog.h"
#include "serve/metricsexporter.h"
#include "serve/policyregistry.h"
#include "sim/faultcodec.h"
#include "sim/faultset.h"

#include "config/configcodec.h"
#include "health/healthcodec.h"
#include "health/healthtime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

namespace jimini {

namespace {
const QString kPrefix = QString::fromLatin1(AgentApi::prefix);

bool isMutation(const QByteArray& method) {
    return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

// The id of a /faults/{id} path (digits only), or 0.
int faultIdOf(const QString& path) {
    const QString faults = kPrefix + QLatin1String("/faults/");
    if (!path.startsWith(faults))
        return 0;
    const QString digits = path.mid(faults.size());
    if (digits.isEmpty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return 0;
    return digits.toInt();
}

// The methods a path answers to; empty for an unknown path. *policy is set for a breaker path.
QStringList methodsFor(const QString& path, QString* policy) {
    if (path == QLatin1String("/metrics") || path == kPrefix + QLatin1String("/health") ||
        path == kPrefix + QLatin1String("/stream") || path == kPrefix + QLatin1String("/events"))
        return {QStringLiteral("GET")};
    if (path == kPrefix + QLatin1String("/config"))
        return {QStringLiteral("GET"), QStringLiteral("PUT")};
    if (path == kPrefix + QLatin1String("/faults"))
        return {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("DELETE")};
    if (faultIdOf(path) > 0)
        return {QStringLiteral("PUT"), QStringLiteral("DELETE")};
    const QString breakers = kPrefix + QLatin1String("/breakers/");
    if (path.startsWith(breakers) && path.endsWith(QLatin1String("/state"))) {
        const QString name = path.mid(breakers.size(), path.size() - breakers.size() - 6);
        if (!name.isEmpty() && !name.contains(QLatin1Char('/'))) {
            *policy = name;
            return {QStringLiteral("POST")};
        }
    }
    return {};
}

// If-Match: a list of entity tags, compared strongly (RFC 9110 13.1.1): a weak tag W/"..." never
// matches, since a weak validator does not promise the same bytes and a PUT must not overwrite a config
// it has not seen. A bare version without quotes is taken as its strong tag.
bool ifMatches(const QByteArray& header, const QString& version) {
    for (QByteArray tag : header.split(',')) {
        tag = tag.trimmed();
        if (tag.startsWith("W/"))
            continue;
        if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"'))
            tag = tag.mid(1, tag.size() - 2);
        if (!tag.isEmpty() && QString::fromLatin1(tag) == version)
            return true;
    }
    return false;
}

qsizetype countHeaders(const ApiRequest& r, const QByteArray& name) {
    return std::count_if(r.headers.begin(), r.headers.end(),
                         [&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray etag(const QString& version) {
    return '"' + version.toLatin1() + '"';
}

} // namespace

AgentApi::AgentApi(Agent& agent, BearerAuth auth)
    : m_agent(agent)
    , m_auth(std::move(auth)) {}

bool AgentApi::isStream(const ApiRequest& r) {
    return r.method == "GET" && r.path == kPrefix + QLatin1String("/stream");
}

ApiResponse AgentApi::handle(const ApiRequest& r) {
    ApiResponse a = route(r);
    a.setHeader("Cache-Control", "no-store"); // every figure is live
    return a;
}

std::optional<ApiResponse> AgentApi::admit(const ApiRequest& r) const {
    QString policy;
    const QStringList allowed = methodsFor(r.path, &policy);
    if (allowed.isEmpty())
        return ApiResponse::problem(404, QStringLiteral("not-found"), QStringLiteral("Not found"),
                                    QStringLiteral("no such resource"), r.path);
    if (!allowed.contains(QString::fromLatin1(r.method))) {
        ApiResponse a = ApiResponse::problem(
            405, QStringLiteral("method-not-allowed"), QStringLiteral("Method not allowed"),
            QStringLiteral("%1 allows %2").arg(r.path, allowed.join(QStringLiteral(", "))), r.path);
        a.setHeader("Allow", allowed.join(QStringLiteral(", ")).toLatin1());
        return a;
    }
    return refuseUnauthorized(r);
}

ApiResponse AgentApi::route(const ApiRequest& r) {
    if (std::optional<ApiResponse> refused = admit(r))
        return *refused;
    // The server bounds bodies as they arrive; this is for callers that hand the API a request directly.
    const qsizetype limit = m_agent.options().http.maxBodyBytes;
    if (r.body.size() > limit)
        return ApiResponse::problem(
            413, QStringLiteral("payload-too-large"), QStringLiteral("Payload too large"),
            QStringLiteral("request bodies are limited to %1 bytes").arg(limit), r.path);
    QString policy;
    methodsFor(r.path, &policy);
    if (r.path == QLatin1String("/metrics"))
        return metrics(r);
    if (!policy.isEmpty())
        return breakerState(r, policy);
    const QString leaf = r.path.mid(kPrefix.size());
    if (leaf == QLatin1String("/health"))
        return health(r);
    if (leaf == QLatin1String("/config"))
        return r.method == "GET" ? getConfig(r) : putConfig(r);
    if (leaf == QLatin1String("/faults"))
        return r.method == "GET" ? getFaults(r) : r.method == "POST" ? postFault(r) : deleteFaults(r);
    if (leaf == QLatin1String("/events"))
        return events(r);
    if (const int id = faultIdOf(r.path); id > 0)
        return faultById(r, id);
    // The stream is the server's (it keeps the connection); it only gets here through a misrouting.
    return ApiResponse::problem(404, QStringLiteral("not-found"), QStringLiteral("Not found"),
                                QStringLiteral("no such resource"), r.path);
}

std::optional<ApiResponse> AgentApi::refuseUnauthorized(const ApiRequest& r) const {
    if (!isMutation(r.method))
        return std::nullopt;
    // Two credentials are ambiguous: which one acts depends on who reads the request (a proxy may check
    // one, we another). Refused whatever they say.
    if (countHeaders(r, "Authorization") > 1)
        return ApiResponse::problem(400, QStringLiteral("bad-request"), QStringLiteral("Bad request"),
                                    QStringLiteral("more than one Authorization header"), r.path);
    switch (m_auth.check(r.header("Authorization"))) {
    case BearerAuth::Verdict::Allowed:
        return std::nullopt;
    case BearerAuth::Verdict::Missing: {
        ApiResponse a =
            ApiResponse::problem(401, QStringLiteral("unauthorized"), QStringLiteral("Unauthorized"),
                                 QStringLiteral("this request needs Authorization: Bearer <token>"), r.path);
        a.setHeader("WWW-Authenticate", "Bearer realm=\"jimini\"");
        return a;
    }
    case BearerAuth::Verdict::Wrong:
        break;
    }
    return ApiResponse::problem(403, QStringLiteral("forbidden"), QStringLiteral("Forbidden"),
                                QStringLiteral("the bearer token is not accepted"), r.path);
}

QByteArray AgentApi::healthJson() const {
    return QJsonDocument(HealthCodec::toJson(m_agent.health())).toJson(QJsonDocument::Compact);
}

ApiResponse AgentApi::health(const ApiRequest&) {
    return ApiResponse::json(200, healthJson());
}

ApiResponse AgentApi::breakerState(const ApiRequest& r, const QString& policy) {
    return BreakerControlEndpoint(m_agent, m_auth).handle(r, policy);
}

ApiResponse AgentApi::getConfig(const ApiRequest&) {
    ApiResponse a = ApiResponse::json(200, m_agent.registry().serialized());
    a.setHeader("ETag", etag(m_agent.registry().version()));
    return a;
}

ApiResponse AgentApi::putConfig(const ApiRequest& r) {
    // If-Match: * would defeat the check: it counts as missing.
    if (!r.hasHeader("If-Match") || r.header("If-Match").trimmed() == "*")
        return ApiResponse::problem(
            428, QStringLiteral("if-match-required"), QStringLiteral("If-Match required"),
            QStringLiteral("PUT /resilience/v1/config needs If-Match with the ETag of GET "
                           "/resilience/v1/config"),
            r.path);
    const QString current = m_agent.registry().version();
    if (!ifMatches(r.header("If-Match"), current)) {
        ApiResponse a =
            ApiResponse::problem(412, QStringLiteral("stale-config"), QStringLiteral("Stale config version"),
                                 QStringLiteral("If-Match %1 is not the current version \"%2\"")
                                     .arg(QString::fromLatin1(r.header("If-Match")), current),
                                 r.path);
        a.setHeader("ETag", etag(current));
        return a;
    }
    ConfigParseResult parsed = ConfigCodec::parse(r.body);
    QList<ConfigError> errors = parsed.errors;
    if (parsed.ok())
        errors = m_agent.applyConfig(*parsed.config,
                                     m_auth.actor(r.header("Authorization"), r.header(OperatorHeader::name)));
    if (!errors.isEmpty())
        return ApiResponse::invalid(QStringLiteral("invalid-config"), QStringLiteral("Invalid config"),
                                    errors, r.path);
    ApiResponse a = ApiResponse::json(200, m_agent.registry().serialized());
    a.setHeader("ETag", etag(m_agent.registry().version()));
    // Which breakers started over (their options changed); every other breaker kept its state. Policy
    // names are [A-Za-z0-9_.-], so the list needs no quoting.
    a.setHeader(resetHeader, m_agent.registry().lastReset().join(QStringLiteral(", ")).toLatin1());
    return a;
}

ApiResponse AgentApi::getFaults(const ApiRequest&) {
    m_agent.housekeeping();
    QJsonArray list;
    for (Fault& f : m_agent.faults().active(m_agent.now())) {
        f.expiresAtWall = m_agent.wallAt(f.expiresAt);
        list.append(FaultCodec::toJson(f));
    }
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("faults"), list}});
}

ApiResponse AgentApi::postFault(const ApiRequest& r) {
    FaultParseResult parsed = FaultCodec::parse(r.body);
    if (!parsed.errors.isEmpty())
        return ApiResponse::invalid(QStringLiteral("invalid-request"), QStringLiteral("Invalid request"),
                                    parsed.errors, r.path);
    if (!parsed.fault->policy.isEmpty() && !m_agent.registry().find(parsed.fault->policy))
        return ApiResponse::problem(404, QStringLiteral("unknown-policy"), QStringLiteral("Unknown policy"),
                                    QStringLiteral("no policy named \"%1\"").arg(parsed.fault->policy),
                                    r.path);
    Fault fault = std::move(*parsed.fault);
    const TimePoint now = m_agent.now();
    fault.id = m_agent.faults().add(fault, now);
    fault.expiresAtWall = m_agent.wallAt(m_agent.faults().find(fault.id, now)->expiresAt);

    AgentEvent event;
    event.time = m_agent.wallAt(now);
    event.type = AgentEventType::Fault;
    event.policy = fault.policy;
    event.action = QStringLiteral("injected");
    event.actor = m_auth.actor(r.header("Authorization"), r.header(OperatorHeader::name));
    event.faultId = fault.id;
    event.fault = fault.stored;
    m_agent.events().append(std::move(event));

    ApiResponse a =
        ApiResponse::json(201, QJsonObject{{QStringLiteral("id"), fault.id},
                                           {QStringLiteral("expires_at"), toRfc3339(fault.expiresAtWall)}});
    a.setHeader("Location", (kPrefix + QStringLiteral("/faults/%1").arg(fault.id)).toLatin1());
    return a;
}

ApiResponse AgentApi::faultById(const ApiRequest& r, int id) {
    m_agent.housekeeping(); // a lapsed lease is reported as ended before it is asked about
    const auto unknown = [&] {
        return ApiResponse::problem(
            404, QStringLiteral("unknown-fault"), QStringLiteral("Unknown fault"),
            QStringLiteral("no fault %1 in force (it ended, was cleared, or never was)").arg(id), r.path);
    };
    if (r.method == "DELETE") {
        if (!m_agent.clearFault(id, m_auth.actor(r.header("Authorization"), r.header(OperatorHeader::name))))
            return unknown();
        return ApiResponse::empty(204);
    }
    const FaultLeaseParseResult parsed = FaultCodec::parseLease(r.body);
    if (!parsed.errors.isEmpty())
        return ApiResponse::invalid(QStringLiteral("invalid-request"), QStringLiteral("Invalid request"),
                                    parsed.errors, r.path);
    std::optional<Fault> renewed = m_agent.faults().renew(id, *parsed.lease, m_agent.now());
    if (!renewed)
        return unknown();
    renewed->expiresAtWall = m_agent.wallAt(renewed->expiresAt);
    return ApiResponse::json(200, FaultCodec::toJson(*renewed));
}

ApiResponse AgentApi::deleteFaults(const ApiRequest& r) {
    m_agent.clearFaults(m_auth.actor(r.header("Authorization"), r.header(OperatorHeader::name)));
    return ApiResponse::empty(204);
}

ApiResponse AgentApi::events(const ApiRequest& r) {
    std::uint64_t since = 0;
    if (r.query.hasQueryItem(QStringLiteral("since"))) {
        bool ok = false;
        since = r.query.queryItemValue(QStringLiteral("since")).toULongLong(&ok);
        if (!ok)
            return ApiResponse::invalid(
                QStringLiteral("invalid-request"), QStringLiteral("Invalid request"),
                {{QStringLiteral("since"), QStringLiteral("must be an integer >= 0")}}, r.path);
    }
    // since=N is inclusive, so that polling with since=next never misses nor repeats an event.
    const EventSlice slice = m_agent.events().after(since == 0 ? 0 : since - 1);
    QJsonArray list;
    for (const AgentEvent& e : slice.events)
        list.append(e.toJson());
    return ApiResponse::json(
        200, QJsonObject{{QStringLiteral("events"), list}, {QStringLiteral("next"), qint64(slice.next)}});
}

ApiResponse AgentApi::metrics(const ApiRequest&) {
    return ApiResponse::text(200, MetricsExporter::contentType,
                             MetricsExporter::render(m_agent.registry(), m_agent.now()));
}

} // namespace jimini
