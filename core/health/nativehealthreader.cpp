// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/nativehealthreader.h"

#include "health/healthnames.h"

namespace jimini {

namespace {
using R = HealthJsonReader;
const QString schemaV1 = QStringLiteral("jimini.health/v1");

// v1 is strict: the canonical names only (other spellings are the guide reader's).
QStringList breakerStates() {
    QStringList names;
    for (BreakerState s : {BreakerState::Closed, BreakerState::Open, BreakerState::HalfOpen,
                           BreakerState::Isolated, BreakerState::Disabled})
        names << breakerStateName(s);
    return names;
}
} // namespace

HealthLevel NativeHealthReader::readLevel(HealthJsonReader& r, const QJsonObject& o, const QString& key) {
    const QString s = r.oneOf(
        o, {}, key, {QStringLiteral("healthy"), QStringLiteral("degraded"), QStringLiteral("critical")},
        R::Required);
    return healthLevelFromString(s).value_or(HealthLevel::Healthy);
}

HealthMetrics NativeHealthReader::readMetrics(HealthJsonReader& r, const QJsonObject& o, const QString& path,
                                              bool native) {
    // Native v1 requires every key; the figures the guide lacks may be null there ("not reported").
    const R::Presence extra = native ? R::Required : R::Optional;
    const R::Presence reported = native ? R::Nullable : R::Optional;
    HealthMetrics m;
    m.serviceName = r.string(o, path, QStringLiteral("service_name"), R::Required);
    m.totalOperations = r.counter(o, path, QStringLiteral("total_operations"), R::Required);
    m.successfulOperations = r.counter(o, path, QStringLiteral("successful_operations"), R::Required);
    m.failedOperations = r.counter(o, path, QStringLiteral("failed_operations"), R::Required);
    m.circuitBreakerOpens = r.counter(o, path, QStringLiteral("circuit_breaker_opens"), R::Required);
    m.rateLimitHits = r.counter(o, path, QStringLiteral("rate_limit_hits"), R::Required);
    m.timeouts = r.counter(o, path, QStringLiteral("timeouts"), R::Required);
    m.retries = r.counter(o, path, QStringLiteral("retries"), extra);
    m.averageResponseTime = r.nonNegative(o, path, QStringLiteral("average_response_time"), R::Required);
    m.p50ResponseTime = r.optionalNonNegative(o, path, QStringLiteral("p50_response_time"), reported);
    m.p95ResponseTime = r.optionalNonNegative(o, path, QStringLiteral("p95_response_time"), reported);
    m.p99ResponseTime = r.optionalNonNegative(o, path, QStringLiteral("p99_response_time"), reported);
    m.lastSuccessTime = r.time(o, path, QStringLiteral("last_success_time"), R::Nullable);
    m.lastFailureTime = r.time(o, path, QStringLiteral("last_failure_time"), R::Nullable);
    m.currentErrorRate = r.fraction(o, path, QStringLiteral("current_error_rate"), R::Required);
    m.requestsPerSecond = r.optionalNonNegative(o, path, QStringLiteral("requests_per_second"), reported);
    // Added within v1: a service that does not say it leaves it unknown.
    if (native && o.contains(QStringLiteral("covered_seconds")))
        m.coveredSeconds = r.nonNegative(o, path, QStringLiteral("covered_seconds"), R::Required);
    if (native && o.contains(QStringLiteral("failures")))
        m.failures = readFailures(r, m, o, path);
    return m;
}

std::optional<FailureBreakdown> NativeHealthReader::readFailures(HealthJsonReader& r, const HealthMetrics& m,
                                                                 const QJsonObject& o, const QString& path) {
    const auto f = r.object(o, path, QStringLiteral("failures"), R::Required);
    if (!f)
        return std::nullopt;
    const QString at = R::join(path, QStringLiteral("failures"));
    FailureBreakdown b;
    b.downstream = r.counter(*f, at, QStringLiteral("downstream"), R::Required);
    b.timeout = r.counter(*f, at, QStringLiteral("timeout"), R::Required);
    b.rateLimited = r.counter(*f, at, QStringLiteral("rate_limited"), R::Required);
    b.bulkheadFull = r.counter(*f, at, QStringLiteral("bulkhead_full"), R::Required);
    b.breakerOpen = r.counter(*f, at, QStringLiteral("breaker_open"), R::Required);
    b.cancelled = r.counter(*f, at, QStringLiteral("cancelled"), R::Required);
    if (r.failed())
        return std::nullopt;
    // The parts of a figure that do not make it up would be shown as its explanation: refuse them.
    std::uint64_t sum = 0;
    bool overflow = false;
    for (const std::uint64_t part :
         {b.downstream, b.timeout, b.rateLimited, b.bulkheadFull, b.breakerOpen, b.cancelled})
        overflow |= __builtin_add_overflow(sum, part, &sum);
    if (overflow || sum != m.failedOperations)
        r.fail(at, QStringLiteral("the parts add up to %1, not failed_operations %2")
                       .arg(overflow ? QStringLiteral("more than 2^64") : QString::number(sum))
                       .arg(m.failedOperations));
    else if (b.timeout != m.timeouts)
        r.fail(R::join(at, QStringLiteral("timeout")),
               QStringLiteral("%1, but timeouts is %2").arg(b.timeout).arg(m.timeouts));
    else if (b.rateLimited != m.rateLimitHits)
        r.fail(R::join(at, QStringLiteral("rate_limited")),
               QStringLiteral("%1, but rate_limit_hits is %2").arg(b.rateLimited).arg(m.rateLimitHits));
    return r.failed() ? std::nullopt : std::optional<FailureBreakdown>(b);
}

std::vector<HealthAlert> NativeHealthReader::readAlerts(HealthJsonReader& r, const QJsonArray& a,
                                                        const QString& path) {
    std::vector<HealthAlert> alerts;
    for (qsizetype i = 0; i < a.size() && !r.failed(); ++i) {
        const QString at = R::index(path, i);
        if (!a.at(i).isObject()) {
            r.fail(at, QStringLiteral("expected an object, got %1").arg(R::describe(a.at(i))));
            break;
        }
        const QJsonObject o = a.at(i).toObject();
        HealthAlert alert;
        const QString level = r.oneOf(o, at, QStringLiteral("level"),
                                      {QStringLiteral("warning"), QStringLiteral("critical")}, R::Required);
        alert.level = alertLevelFromString(level).value_or(AlertLevel::Warning);
        alert.message = r.string(o, at, QStringLiteral("message"), R::Required);
        alert.metric = r.string(o, at, QStringLiteral("metric"), R::Required);
        alert.value = r.number(o, at, QStringLiteral("value"), R::Required);
        alert.threshold = r.nullableNumber(o, at, QStringLiteral("threshold"), R::Optional);
        alerts.push_back(std::move(alert));
    }
    return alerts;
}

PolicyStatistics NativeHealthReader::readStatistics(HealthJsonReader& r, const QJsonObject& o,
                                                    const QString& path) {
    PolicyStatistics s;
    s.totalOperations = r.counter(o, path, QStringLiteral("total_operations"), R::Required);
    s.successfulOperations = r.counter(o, path, QStringLiteral("successful_operations"), R::Required);
    s.failedOperations = r.counter(o, path, QStringLiteral("failed_operations"), R::Required);
    s.circuitBreakerOpens = r.counter(o, path, QStringLiteral("circuit_breaker_opens"), R::Required);
    s.rateLimitHits = r.counter(o, path, QStringLiteral("rate_limit_hits"), R::Required);
    s.timeouts = r.counter(o, path, QStringLiteral("timeouts"), R::Required);
    s.retries = r.counter(o, path, QStringLiteral("retries"), R::Required);
    return s;
}

PolicyHealth NativeHealthReader::readPolicy(HealthJsonReader& r, const QJsonObject& o, const QString& path) {
    PolicyHealth p;
    p.name = r.string(o, path, QStringLiteral("name"), R::Required);
    if (const auto b = r.object(o, path, QStringLiteral("circuit_breaker"), R::Nullable)) {
        const QString at = R::join(path, QStringLiteral("circuit_breaker"));
        BreakerHealth h;
        h.state = breakerStateFromName(r.oneOf(*b, at, QStringLiteral("state"), breakerStates(), R::Required))
                      .value_or(BreakerState::Closed);
        h.manual = r.boolean(*b, at, QStringLiteral("manual"), R::Required);
        h.failureCount = r.counter32(*b, at, QStringLiteral("failure_count"), R::Required);
        h.failureRate = r.optionalFraction(*b, at, QStringLiteral("failure_rate"), R::Nullable);
        h.slowCallRate = r.optionalFraction(*b, at, QStringLiteral("slow_call_rate"), R::Nullable);
        h.bufferedCalls = r.optionalCounter32(*b, at, QStringLiteral("buffered_calls"), R::Nullable);
        h.rejectedCalls = r.optionalCounter(*b, at, QStringLiteral("rejected_calls"), R::Nullable);
        h.opens = r.counter(*b, at, QStringLiteral("opens"), R::Required);
        h.lastFailureTime = r.time(*b, at, QStringLiteral("last_failure_time"), R::Nullable);
        h.nextAttemptTime = r.time(*b, at, QStringLiteral("next_attempt_time"), R::Nullable);
        h.manualUntil = r.time(*b, at, QStringLiteral("manual_until"), R::Nullable);
        h.manualReason = r.boundedString(*b, at, QStringLiteral("manual_reason"), R::Optional,
                                         BreakerHealth::maxManualReason);
        h.manualActor = r.boundedString(*b, at, QStringLiteral("manual_actor"), R::Optional,
                                        BreakerHealth::maxManualActor);
        p.circuitBreaker = h;
    }
    if (const auto b = r.object(o, path, QStringLiteral("bulkhead"), R::Nullable)) {
        const QString at = R::join(path, QStringLiteral("bulkhead"));
        BulkheadHealth h;
        h.activeRequests = r.counter32(*b, at, QStringLiteral("active_requests"), R::Required);
        h.queuedRequests = r.counter32(*b, at, QStringLiteral("queued_requests"), R::Required);
        h.capacity = r.counter32(*b, at, QStringLiteral("capacity"), R::Required);
        h.queueLimit = r.optionalCounter32(*b, at, QStringLiteral("queue_limit"), R::Nullable);
        h.rejectionCount = r.optionalCounter(*b, at, QStringLiteral("rejection_count"), R::Nullable);
        p.bulkhead = h;
    }
    if (const auto b = r.object(o, path, QStringLiteral("rate_limiter"), R::Nullable)) {
        const QString at = R::join(path, QStringLiteral("rate_limiter"));
        RateLimiterHealth h;
        h.tokensAvailable = r.nonNegative(*b, at, QStringLiteral("tokens_available"), R::Required);
        h.maxTokens = r.optionalNonNegative(*b, at, QStringLiteral("max_tokens"), R::Nullable);
        h.requestsPerSecond = r.nonNegative(*b, at, QStringLiteral("requests_per_second"), R::Required);
        h.multiplier = r.optionalNonNegative(*b, at, QStringLiteral("multiplier"), R::Nullable);
        h.rejected = r.optionalCounter(*b, at, QStringLiteral("rejected"), R::Nullable);
        p.rateLimiter = h;
    }
    if (const auto b = r.object(o, path, QStringLiteral("retry"), R::Nullable)) {
        const QString at = R::join(path, QStringLiteral("retry"));
        RetryHealth h;
        h.maxAttempts = r.counter32(*b, at, QStringLiteral("max_attempts"), R::Required);
        h.retries = r.counter(*b, at, QStringLiteral("retries"), R::Required);
        h.budgetAvailable = r.nullableNumber(*b, at, QStringLiteral("budget_available"), R::Nullable);
        h.budgetDenied = r.counter(*b, at, QStringLiteral("budget_denied"), R::Required);
        p.retry = h;
    }
    if (const auto s = r.object(o, path, QStringLiteral("statistics"), R::Required))
        p.statistics = readStatistics(r, *s, R::join(path, QStringLiteral("statistics")));
    return p;
}

HealthParseResult NativeHealthReader::read(const QJsonObject& root) {
    HealthJsonReader r;
    HealthDocument d;
    d.format = HealthFormat::NativeV1;
    const QString schema = r.string(root, {}, QStringLiteral("schema"), R::Required, schemaV1);
    if (!r.failed() && schema != schemaV1)
        r.fail(QStringLiteral("schema"), QStringLiteral("expected \"%1\", got \"%2\"").arg(schemaV1, schema));
    d.service = r.string(root, {}, QStringLiteral("service"), R::Required);
    d.instance = r.string(root, {}, QStringLiteral("instance"), R::Required);
    d.environment = r.string(root, {}, QStringLiteral("environment"), R::Required);
    d.timestamp = r.time(root, {}, QStringLiteral("timestamp"), R::Required).value_or(QDateTime());
    d.healthStatus = readLevel(r, root, QStringLiteral("health_status"));
    d.isHealthy = r.boolean(root, {}, QStringLiteral("is_healthy"), R::Required);
    d.configVersion = r.string(root, {}, QStringLiteral("config_version"), R::Required);
    d.windowSeconds = r.nonNegative(root, {}, QStringLiteral("window_seconds"), R::Required, 60.0);
    if (const auto m = r.object(root, {}, QStringLiteral("metrics"), R::Required))
        d.metrics = readMetrics(r, *m, QStringLiteral("metrics"), true);
    if (const auto a = r.array(root, {}, QStringLiteral("alerts"), R::Required))
        d.alerts = readAlerts(r, *a, QStringLiteral("alerts"));
    if (const auto a = r.array(root, {}, QStringLiteral("policies"), R::Required)) {
        for (qsizetype i = 0; i < a->size() && !r.failed(); ++i) {
            const QString at = R::index(QStringLiteral("policies"), i);
            if (!a->at(i).isObject()) {
                r.fail(at, QStringLiteral("expected an object, got %1").arg(R::describe(a->at(i))));
                break;
            }
            d.policies.push_back(readPolicy(r, a->at(i).toObject(), at));
        }
    }
    if (r.failed())
        return {std::nullopt, r.errorPath(), r.error()};
    return {std::move(d), {}, {}};
}

} // namespace jimini
