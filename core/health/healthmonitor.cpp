// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthmonitor.h"

#include "health/healthtime.h"

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
constexpr std::int64_t secondNs = 1'000'000'000;

bool timesTheOperation(OutcomeKind kind) noexcept {
    return kind == OutcomeKind::Success || kind == OutcomeKind::Failure || kind == OutcomeKind::TimedOut;
}
} // namespace

HealthMonitor::HealthMonitor(QString serviceName, TimePoint start, HealthThresholds thresholds)
    : m_serviceName(std::move(serviceName))
    , m_thresholds(thresholds)
    , m_start(start) {
    const std::int64_t ns = m_thresholds.window.count();
    const auto n = std::max<std::int64_t>(1, (ns + secondNs - 1) / secondNs);
    m_buckets.resize(static_cast<std::size_t>(n));
}

std::int64_t HealthMonitor::secondOf(TimePoint t) noexcept {
    const std::int64_t ns = t.time_since_epoch().count();
    // Floor division, so that negative time points (a steady clock may start anywhere) bucket correctly.
    return ns >= 0 ? ns / secondNs : -((-ns + secondNs - 1) / secondNs);
}

bool HealthMonitor::inWindow(const Bucket& b, std::int64_t nowSecond) const noexcept {
    return b.used && b.second <= nowSecond && b.second > nowSecond - std::int64_t(m_buckets.size());
}

Duration HealthMonitor::covered(TimePoint now) const noexcept {
    // The window's buckets hold the current second and the n-1 before it.
    const std::int64_t firstSecond = secondOf(now) - std::int64_t(m_buckets.size()) + 1;
    const TimePoint windowStart{Duration{firstSecond * secondNs}};
    const TimePoint from = std::max(m_start, windowStart);
    return now > from ? now - from : Duration::zero();
}

HealthMonitor::Bucket* HealthMonitor::bucketFor(TimePoint now) {
    const std::int64_t second = secondOf(now);
    if (m_any && second <= m_newestSecond - std::int64_t(m_buckets.size()))
        return nullptr; // a straggler older than the window: it would land in a newer second's bucket
    const auto n = std::int64_t(m_buckets.size());
    Bucket& b = m_buckets[static_cast<std::size_t>(((second % n) + n) % n)];
    if (!b.used || b.second != second) {
        b.second = second;
        b.used = true;
        b.total = b.successful = b.failed = b.rateLimitHits = b.timeouts = b.retries = b.breakerOpens = 0;
        b.downstream = b.bulkheadFull = b.breakerOpen = b.cancelled = 0;
        b.latency.clear();
    }
    if (!m_any || second > m_newestSecond)
        m_newestSecond = second;
    m_any = true;
    return &b;
}

void HealthMonitor::recordCall(TimePoint now, const Outcome& outcome, Duration latency,
                               std::uint32_t retries) {
    std::lock_guard lock(m_mutex);
    if (outcome.ok()) {
        if (!m_lastSuccess || now > *m_lastSuccess)
            m_lastSuccess = now;
    } else if (!m_lastFailure || now > *m_lastFailure) {
        m_lastFailure = now;
    }
    Bucket* b = bucketFor(now);
    if (!b)
        return;
    ++b->total;
    if (outcome.ok())
        ++b->successful;
    else
        ++b->failed;
    switch (outcome.kind) {
    case OutcomeKind::Success:
        break;
    case OutcomeKind::Failure:
        ++b->downstream;
        break;
    case OutcomeKind::RateLimited:
        ++b->rateLimitHits;
        break;
    case OutcomeKind::BulkheadFull:
    case OutcomeKind::QueueTimeout:
        ++b->bulkheadFull;
        break;
    case OutcomeKind::BreakerOpen:
        ++b->breakerOpen;
        break;
    case OutcomeKind::TimedOut:
        ++b->timeouts;
        break;
    case OutcomeKind::Cancelled:
        ++b->cancelled;
        break;
    }
    b->retries += retries;
    if (timesTheOperation(outcome.kind))
        b->latency.record(latency);
}

void HealthMonitor::recordBreakerOpen(TimePoint now) {
    std::lock_guard lock(m_mutex);
    if (Bucket* b = bucketFor(now))
        ++b->breakerOpens;
}

HealthMetrics HealthMonitor::metricsLocked(TimePoint now, const QDateTime* wallNow) const {
    HealthMetrics m;
    m.serviceName = m_serviceName;
    const std::int64_t nowSecond = secondOf(now);
    LatencyHistogram latency;
    FailureBreakdown failures;
    for (const Bucket& b : m_buckets) {
        if (!inWindow(b, nowSecond))
            continue;
        m.totalOperations += b.total;
        m.successfulOperations += b.successful;
        m.failedOperations += b.failed;
        m.rateLimitHits += b.rateLimitHits;
        m.timeouts += b.timeouts;
        m.retries += b.retries;
        m.circuitBreakerOpens += b.breakerOpens;
        failures.downstream += b.downstream;
        failures.bulkheadFull += b.bulkheadFull;
        failures.breakerOpen += b.breakerOpen;
        failures.cancelled += b.cancelled;
        latency.merge(b.latency);
    }
    failures.timeout = m.timeouts;
    failures.rateLimited = m.rateLimitHits;
    m.failures = failures;
    m.p50ResponseTime = m.p95ResponseTime = m.p99ResponseTime = 0.0; // v1: 0 when no call finished
    if (latency.count() > 0) {
        m.averageResponseTime =
            std::chrono::duration<double>(latency.sum()).count() / double(latency.count());
        m.p50ResponseTime = latency.percentile(0.50);
        m.p95ResponseTime = latency.percentile(0.95);
        m.p99ResponseTime = latency.percentile(0.99);
    }
    if (m.totalOperations > 0)
        m.currentErrorRate = double(m.failedOperations) / double(m.totalOperations);
    const double coveredSeconds = std::chrono::duration<double>(covered(now)).count();
    m.coveredSeconds = coveredSeconds;
    m.requestsPerSecond = double(m.totalOperations) / std::max(coveredSeconds, 1.0);
    if (wallNow) {
        if (m_lastSuccess)
            m.lastSuccessTime = wallTime(*m_lastSuccess, now, *wallNow);
        if (m_lastFailure)
            m.lastFailureTime = wallTime(*m_lastFailure, now, *wallNow);
    }
    return m;
}

HealthMetrics HealthMonitor::metrics(TimePoint now, const QDateTime& wallNow) const {
    std::lock_guard lock(m_mutex);
    return metricsLocked(now, &wallNow);
}

LatencyHistogram HealthMonitor::latencies(TimePoint now) const {
    std::lock_guard lock(m_mutex);
    LatencyHistogram merged;
    const std::int64_t nowSecond = secondOf(now);
    for (const Bucket& b : m_buckets)
        if (inWindow(b, nowSecond))
            merged.merge(b.latency);
    return merged;
}

bool HealthMonitor::isHealthy(const HealthMetrics& m) const {
    return !(m.currentErrorRate > m_thresholds.errorRate ||
             m.averageResponseTime > m_thresholds.responseTime ||
             m.circuitBreakerOpens > m_thresholds.recentBreakerOpens);
}

HealthLevel HealthMonitor::level(const HealthMetrics& m) const {
    if (isHealthy(m))
        return HealthLevel::Healthy;
    if (m.currentErrorRate > m_thresholds.criticalErrorRate ||
        m.averageResponseTime > m_thresholds.criticalResponseTime ||
        m.circuitBreakerOpens > m_thresholds.criticalBreakerOpens)
        return HealthLevel::Critical;
    return HealthLevel::Degraded;
}

std::vector<HealthAlert> HealthMonitor::alerts(const HealthMetrics& m) const {
    std::vector<HealthAlert> out;
    if (m.currentErrorRate > m_thresholds.errorRate) {
        // Python's f"{x:.2%}" multiplies by 100 in double and rounds to two places; so does this.
        out.push_back(
            {m.currentErrorRate < m_thresholds.alertCriticalErrorRate ? AlertLevel::Warning
                                                                      : AlertLevel::Critical,
             QStringLiteral("High error rate: %1%").arg(QString::number(m.currentErrorRate * 100, 'f', 2)),
             QStringLiteral("error_rate"), m.currentErrorRate, m_thresholds.errorRate});
    }
    if (m.averageResponseTime > m_thresholds.responseTime) {
        out.push_back(
            {AlertLevel::Warning,
             QStringLiteral("High response time: %1s").arg(QString::number(m.averageResponseTime, 'f', 2)),
             QStringLiteral("response_time"), m.averageResponseTime, m_thresholds.responseTime});
    }
    if (m.circuitBreakerOpens > 0) {
        out.push_back({AlertLevel::Warning,
                       QStringLiteral("Circuit breaker opens detected: %1").arg(m.circuitBreakerOpens),
                       QStringLiteral("circuit_breaker_opens"), double(m.circuitBreakerOpens), std::nullopt});
    }
    return out;
}

HealthLevel HealthMonitor::level(TimePoint now) const {
    std::lock_guard lock(m_mutex);
    return level(metricsLocked(now, nullptr));
}

bool HealthMonitor::isHealthy(TimePoint now) const {
    std::lock_guard lock(m_mutex);
    return isHealthy(metricsLocked(now, nullptr));
}

std::vector<HealthAlert> HealthMonitor::alerts(TimePoint now) const {
    std::lock_guard lock(m_mutex);
    return alerts(metricsLocked(now, nullptr));
}

} // namespace jimini
