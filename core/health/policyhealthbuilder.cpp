// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/policyhealthbuilder.h"

#include "health/healthtime.h"

namespace jimini {

namespace {
std::optional<QDateTime> wall(const std::optional<TimePoint>& t, TimePoint now, const QDateTime& wallNow) {
    if (!t)
        return std::nullopt;
    return wallTime(*t, now, wallNow);
}
} // namespace

PolicyHealth PolicyHealthBuilder::build(const QString& name, const Pipeline& pipeline, TimePoint now,
                                        const QDateTime& wallNow) {
    PolicyHealth p;
    p.name = name;
    const PipelineStats stats = pipeline.stats();

    if (const CircuitBreaker* breaker = pipeline.circuitBreaker()) {
        const BreakerSnapshot s = breaker->snapshot();
        BreakerHealth b;
        b.state = s.state;
        b.manual = s.manual;
        b.failureCount = s.failureCount;
        b.failureRate = s.failureRate;
        b.slowCallRate = s.slowCallRate;
        b.bufferedCalls = s.bufferedCalls;
        b.rejectedCalls = s.rejectedCalls;
        b.opens = s.opens;
        b.lastFailureTime = wall(s.lastFailureAt, now, wallNow);
        b.nextAttemptTime = wall(s.nextAttemptAt, now, wallNow);
        b.manualUntil = wall(s.manualUntil, now, wallNow);
        p.circuitBreaker = b;
    }
    if (const Bulkhead* bulkhead = pipeline.bulkhead()) {
        const BulkheadSnapshot s = bulkhead->snapshot();
        p.bulkhead = BulkheadHealth{s.active, s.queued, s.capacity, s.queueLimit, s.rejections};
    }
    if (const RateLimiter* limiter = pipeline.rateLimiter()) {
        const RateLimiterSnapshot s = limiter->snapshot(now);
        p.rateLimiter =
            RateLimiterHealth{s.tokensAvailable, s.limit, s.ratePerSecond, s.multiplier, s.rejected};
    }
    if (const RetryPolicy* retry = pipeline.retryPolicy()) {
        const RetryBudgetSnapshot s = retry->budget(now);
        RetryHealth r;
        r.maxAttempts = retry->options().maxAttempts;
        r.retries = stats.retries;
        if (s.kind != RetryBudgetKind::None)
            r.budgetAvailable = s.available;
        r.budgetDenied = s.denied;
        p.retry = r;
    }
    p.statistics =
        PolicyStatistics{stats.total,         stats.successful, stats.failed, stats.circuitBreakerOpens,
                         stats.rateLimitHits, stats.timeouts,   stats.retries};
    return p;
}

} // namespace jimini
