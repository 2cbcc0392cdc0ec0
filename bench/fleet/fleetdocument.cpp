// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetdocument.h"

#include <QDateTime>

#include <cmath>

namespace jimini {

FleetFigures FleetFigures::of(int n, qint64 second) {
    const double phase = std::sin(double(second + n) / 7.0);
    FleetFigures f;
    f.requestsPerSecond = 20 + 10 * phase + n % 13;
    f.errorRate = n % 50 == 0 ? 0.3 : 0.01 * (1 + phase);
    f.p50 = 0.02 + 0.005 * phase;
    f.p95 = 0.08 + 0.02 * phase + 0.001 * (n % 17);
    f.p99 = 0.2 + 0.05 * phase;
    f.tokensAvailable = 10 + 4 * phase;
    f.bulkheadActive = std::uint32_t(3 + 2 * phase);
    // A few breakers cycle through open and closed so rows and events change.
    f.breakerOpen = n % 97 == 0 && second % 20 < 10;
    f.degraded = n % 50 == 0;
    return f;
}

HealthDocument fleetDocument(int n, qint64 second) {
    const FleetFigures f = FleetFigures::of(n, second);
    HealthDocument d;
    d.service = QStringLiteral("svc-%1").arg(n / 4);
    d.instance = QStringLiteral("svc-%1-%2").arg(n / 4).arg(n % 4);
    d.environment = n % 3 == 0 ? QStringLiteral("production") : QStringLiteral("staging");
    d.timestamp = QDateTime::currentDateTimeUtc();
    d.configVersion = QStringLiteral("v1");
    d.metrics.serviceName = d.service;
    d.metrics.requestsPerSecond = f.requestsPerSecond;
    d.metrics.currentErrorRate = f.errorRate;
    d.metrics.totalOperations = std::uint64_t(1000 + second * 20);
    d.metrics.failedOperations = std::uint64_t(double(d.metrics.totalOperations) * f.errorRate);
    d.metrics.successfulOperations = d.metrics.totalOperations - d.metrics.failedOperations;
    d.metrics.p50ResponseTime = f.p50;
    d.metrics.p95ResponseTime = f.p95;
    d.metrics.p99ResponseTime = f.p99;
    d.metrics.averageResponseTime = 0.03;
    d.healthStatus = f.degraded ? HealthLevel::Degraded : HealthLevel::Healthy;
    d.isHealthy = d.healthStatus == HealthLevel::Healthy;
    if (f.degraded)
        d.alerts.push_back({AlertLevel::Warning, QStringLiteral("High error rate: 30.0%"),
                            QStringLiteral("error_rate"), 0.3, 0.1});
    for (int p = 0; p < 2; ++p) {
        PolicyHealth policy;
        policy.name = p == 0 ? QStringLiteral("db") : QStringLiteral("upstream");
        BreakerHealth breaker;
        breaker.state = f.breakerOpen ? BreakerState::Open : BreakerState::Closed;
        breaker.opens = std::uint64_t(second / 20);
        policy.circuitBreaker = breaker;
        policy.bulkhead = BulkheadHealth{f.bulkheadActive, 0, FleetFigures::bulkheadCapacity, 5, 0};
        policy.rateLimiter = RateLimiterHealth{f.tokensAvailable, FleetFigures::tokenLimit, 8, 1, 0};
        policy.retry = RetryHealth{3, std::uint64_t(second), std::nullopt, 0};
        policy.statistics.totalOperations = d.metrics.totalOperations;
        policy.statistics.successfulOperations = d.metrics.successfulOperations;
        policy.statistics.failedOperations = d.metrics.failedOperations;
        d.policies.push_back(policy);
    }
    return d;
}

} // namespace jimini
