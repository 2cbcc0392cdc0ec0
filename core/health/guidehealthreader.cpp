// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/guidehealthreader.h"

#include "health/healthnames.h"
#include "health/nativehealthreader.h"

namespace jimini {

namespace {
using R = HealthJsonReader;

// Services that write the guide's document with another breaker library spell the state its way
// (resilience4j's "FORCED_OPEN", ...): every alias breakerStateFromName knows is taken.
BreakerState readState(R& r, const QJsonObject& o, const QString& path) {
    const QString status = r.string(o, path, QStringLiteral("status"), R::Required);
    if (r.failed())
        return BreakerState::Closed;
    if (const auto state = breakerStateFromName(status))
        return *state;
    r.fail(R::join(path, QStringLiteral("status")),
           QStringLiteral("expected a breaker state (closed, open, half_open, isolated, disabled, or another "
                          "library's spelling of one), got \"%1\"")
               .arg(status.left(64)));
    return BreakerState::Closed;
}

PolicyHealth readStats(R& r, const QJsonObject& o, const QString& path) {
    PolicyHealth p;
    p.name = QStringLiteral("default");
    if (const auto b = r.object(o, path, QStringLiteral("circuit_breaker"), R::Required)) {
        const QString at = R::join(path, QStringLiteral("circuit_breaker"));
        BreakerHealth h;
        h.state = readState(r, *b, at);
        h.failureCount = r.counter32(*b, at, QStringLiteral("failure_count"), R::Required);
        h.lastFailureTime = r.time(*b, at, QStringLiteral("last_failure_time"), R::Nullable);
        p.circuitBreaker = h;
    }
    if (const auto b = r.object(o, path, QStringLiteral("bulkhead"), R::Required)) {
        const QString at = R::join(path, QStringLiteral("bulkhead"));
        BulkheadHealth h;
        h.activeRequests = r.counter32(*b, at, QStringLiteral("active_requests"), R::Required);
        h.queuedRequests = r.counter32(*b, at, QStringLiteral("queued_requests"), R::Required);
        h.capacity = r.counter32(*b, at, QStringLiteral("capacity"), R::Required);
        p.bulkhead = h;
    }
    if (const auto b = r.object(o, path, QStringLiteral("rate_limiter"), R::Required)) {
        const QString at = R::join(path, QStringLiteral("rate_limiter"));
        RateLimiterHealth h;
        h.tokensAvailable = r.nonNegative(*b, at, QStringLiteral("tokens_available"), R::Required);
        h.requestsPerSecond = r.nonNegative(*b, at, QStringLiteral("requests_per_second"), R::Required);
        p.rateLimiter = h;
    }
    if (const auto s = r.object(o, path, QStringLiteral("statistics"), R::Required)) {
        p.statistics = NativeHealthReader::readStatistics(r, *s, R::join(path, QStringLiteral("statistics")));
        if (p.circuitBreaker)
            p.circuitBreaker->opens = p.statistics.circuitBreakerOpens;
    }
    return p;
}
} // namespace

HealthParseResult GuideHealthReader::read(const QJsonObject& root, const QDateTime& readTime) {
    R r;
    HealthDocument d;
    d.format = HealthFormat::GuideDocument;
    d.windowSeconds = 0;
    d.service = r.string(root, {}, QStringLiteral("service_name"), R::Required);
    d.instance = r.string(root, {}, QStringLiteral("instance"), R::Optional);
    d.environment = r.string(root, {}, QStringLiteral("environment"), R::Optional);
    d.timestamp = r.time(root, {}, QStringLiteral("timestamp"), R::Optional).value_or(readTime.toUTC());
    d.healthStatus = NativeHealthReader::readLevel(r, root, QStringLiteral("health_status"));
    d.isHealthy = r.boolean(root, {}, QStringLiteral("is_healthy"), R::Required);
    if (const auto m = r.object(root, {}, QStringLiteral("metrics"), R::Required))
        d.metrics = NativeHealthReader::readMetrics(r, *m, QStringLiteral("metrics"), false);
    if (const auto a = r.array(root, {}, QStringLiteral("alerts"), R::Required))
        d.alerts = NativeHealthReader::readAlerts(r, *a, QStringLiteral("alerts"));
    if (const auto s = r.object(root, {}, QStringLiteral("resilience_stats"), R::Required)) {
        d.policies.push_back(readStats(r, *s, QStringLiteral("resilience_stats")));
        // The guide's HealthMetrics has no retries; its statistics do, over the same (lifetime) span.
        d.metrics.retries = d.policies.back().statistics.retries;
    }
    if (r.failed())
        return {std::nullopt, r.errorPath(), r.error()};
    return {std::move(d), {}, {}};
}

} // namespace jimini
