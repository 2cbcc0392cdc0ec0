// SPDX-License-Identifier: GPL-3.0-or-later
#include "targetendpoint.h"

#include "serve/agent.h"
#include "serve/httpconnection.h"
#include "sim/faultset.h"

#include "policy/scheduler.h"

#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
QString nameOf(const QString& path) {
    return path.mid(qsizetype(std::char_traits<char>::length(TargetEndpoint::prefix)));
}

std::uint64_t seedFor(std::uint64_t seed) {
    // Its own sequence: probing a target must not shift the generated traffic's draws.
    return seed != 0 ? SplitMix64::mix(seed ^ 0x7461726765740000ull)
                     : QRandomGenerator::global()->generate64();
}

ApiResponse answerFor(const QString& name, const Outcome& outcome) {
    const int status = outcome.httpStatus > 0 ? outcome.httpStatus : 200;
    ApiResponse a = ApiResponse::json(
        status, QJsonObject{{QStringLiteral("target"), name}, {QStringLiteral("status"), status}});
    if ((status == 429 || status == 503) && outcome.retryAfter) {
        const double seconds = std::chrono::duration<double>(*outcome.retryAfter).count();
        a.setHeader("Retry-After", QByteArray::number(qint64(std::ceil(std::max(0.0, seconds)))));
    }
    a.setHeader("Cache-Control", "no-store");
    return a;
}
} // namespace

TargetEndpoint::TargetEndpoint(Agent& agent, QObject* parent)
    : QObject(parent)
    , m_agent(agent)
    , m_downstream(agent.options().target)
    , m_random(seedFor(agent.options().seed)) {}

TargetEndpoint::~TargetEndpoint() {
    closeAll();
}

bool TargetEndpoint::isTarget(const QString& path) {
    return path.startsWith(QLatin1String(prefix));
}

std::optional<ApiResponse> TargetEndpoint::admit(const ApiRequest& head) {
    const QString name = nameOf(head.path);
    if (name.isEmpty() || name.contains(QLatin1Char('/')))
        return ApiResponse::problem(404, QStringLiteral("not-found"), QStringLiteral("Not found"),
                                    QStringLiteral("a target is /target/{name}, one path segment"),
                                    head.path);
    if (head.method != "GET" && head.method != "POST") {
        ApiResponse a = ApiResponse::problem(405, QStringLiteral("method-not-allowed"),
                                             QStringLiteral("Method not allowed"),
                                             QStringLiteral("%1 allows GET, POST").arg(head.path), head.path);
        a.setHeader("Allow", "GET, POST");
        return a;
    }
    return std::nullopt;
}

void TargetEndpoint::handle(HttpConnection& connection, const ApiRequest& request) {
    ++m_received;
    const QString name = nameOf(request.path);
    const TimePoint now = m_agent.now();
    const AttemptPlan plan = m_downstream.plan(m_agent.faults().effect(name, now), m_random);
    if (!plan.hang && plan.outcome.kind != OutcomeKind::Success && plan.outcome.httpStatus == 0) {
        connection.reset(); // a reset: the connection is gone before any answer
        return;
    }
    if (!plan.hang && plan.latency <= Duration::zero()) {
        connection.respond(answerFor(name, plan.outcome));
        return;
    }
    Pending& p = m_pending.emplace_back();
    p.owner = this;
    p.connection = &connection;
    p.hang = plan.hang;
    p.faultId = plan.faultId;
    if (!plan.hang) {
        p.answer = answerFor(name, plan.outcome);
        m_agent.scheduler().schedule(p, plan.latency);
    }
    connection.defer();
    connect(&connection, &HttpConnection::closed, this, &TargetEndpoint::drop, Qt::UniqueConnection);
}

void TargetEndpoint::deliver(Pending& pending) {
    if (pending.connection)
        pending.connection->respond(pending.answer);
    erase(pending);
}

void TargetEndpoint::releaseHangs(const std::vector<int>& faultIds) {
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        Pending& p = *it++;
        if (p.hang && std::find(faultIds.begin(), faultIds.end(), p.faultId) != faultIds.end()) {
            QPointer<HttpConnection> connection = p.connection;
            erase(p);
            if (connection)
                connection->reset();
        }
    }
}

void TargetEndpoint::drop(const HttpConnection* connection) {
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        Pending& p = *it++;
        if (!p.connection || p.connection == connection)
            erase(p);
    }
}

void TargetEndpoint::erase(Pending& pending) {
    m_agent.scheduler().cancel(pending);
    m_pending.remove_if([&](const Pending& p) { return &p == &pending; });
}

void TargetEndpoint::closeAll() {
    for (Pending& p : m_pending)
        m_agent.scheduler().cancel(p);
    m_pending.clear();
}

} // namespace jimini
