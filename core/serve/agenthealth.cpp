// SPDX-License-Identifier: GPL-3.0-or-later
#include "agenthealth.h"

#include "serve/policyregistry.h"

#include "health/healthmonitor.h"
#include "health/policyhealthbuilder.h"

#include <chrono>

namespace jimini {

HealthDocument AgentHealth::build(const AgentIdentity& identity, const HealthMonitor& monitor,
                                  const PolicyRegistry& registry, TimePoint now, const QDateTime& wallNow) {
    HealthDocument d;
    d.service = identity.service;
    d.instance = identity.instance;
    d.environment = identity.environment.isEmpty() ? registry.config().environment : identity.environment;
    d.timestamp = wallNow;
    d.configVersion = registry.version();
    d.windowSeconds = std::chrono::duration<double>(monitor.thresholds().window).count();
    d.metrics = monitor.metrics(now, wallNow);
    d.healthStatus = monitor.level(d.metrics);
    d.isHealthy = monitor.isHealthy(d.metrics);
    d.alerts = monitor.alerts(d.metrics);
    for (const PolicyEntry& entry : registry.entries()) {
        PolicyHealth p = PolicyHealthBuilder::build(entry.name, *entry.pipeline, now, wallNow);
        const PipelineStats s = entry.stats();
        p.statistics.totalOperations = s.total;
        p.statistics.successfulOperations = s.successful;
        p.statistics.failedOperations = s.failed;
        p.statistics.circuitBreakerOpens = s.circuitBreakerOpens;
        p.statistics.rateLimitHits = s.rateLimitHits;
        p.statistics.timeouts = s.timeouts;
        p.statistics.retries = s.retries;
        if (p.circuitBreaker)
            p.circuitBreaker->opens += entry.carried.circuitBreakerOpens;
        if (p.retry)
            p.retry->retries = s.retries;
        d.policies.push_back(std::move(p));
    }
    return d;
}

} // namespace jimini
