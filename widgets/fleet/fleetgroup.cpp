// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetgroup.h"

#include "widgets/breakerlamp.h"

#include <algorithm>

namespace jimini {

namespace {

void takeMax(std::optional<double>& into, const std::optional<double>& value, int& count) {
    if (!value)
        return;
    into = std::max(into.value_or(*value), *value);
    ++count;
}

void addPolicies(FleetAggregate& a, const InstanceRow& row, double& worstShare) {
    double available = 0;
    std::optional<double> limit = 0.0;
    bool tokens = false;
    for (const PolicyRow& policy : row.policies) {
        const BreakerLamp lamp = breakerLampFromState(policy.breakerState);
        if (lamp != BreakerLamp::Off)
            ++a.breakers;
        a.open += lamp == BreakerLamp::Open || lamp == BreakerLamp::Isolated;
        a.halfOpen += lamp == BreakerLamp::HalfOpen;
        a.isolated += lamp == BreakerLamp::Isolated;
        a.disabled += lamp == BreakerLamp::Disabled;
        if (policy.hasRateLimiter) {
            tokens = true;
            available += policy.tokensAvailable;
            // One policy without a reported limit leaves the instance's limit unknown.
            limit = limit && policy.tokenLimit ? std::optional<double>(*limit + *policy.tokenLimit)
                                               : std::nullopt;
        }
        if (policy.hasBulkhead) {
            a.hasBulkhead = true;
            a.bulkheadActive += policy.bulkheadActive;
            a.bulkheadQueued += policy.bulkheadQueued;
            a.bulkheadCapacity += policy.bulkheadCapacity;
        }
    }
    if (!tokens)
        return;
    // An unknown limit sorts as full: it cannot be the scarcest one shown.
    const double share = limit && *limit > 0 ? available / *limit : 1;
    if (!a.hasTokens || share < worstShare) {
        worstShare = share;
        a.tokensAvailable = available;
        a.tokenLimit = limit;
    }
    a.hasTokens = true;
}

} // namespace

FleetAggregate FleetAggregate::of(const std::vector<InstanceRow>& rows) {
    FleetAggregate a;
    a.instances = int(rows.size());
    double worstShare = 2;
    double calls = 0;
    double failed = 0;
    for (const InstanceRow& row : rows) {
        if (row.stale)
            ++a.stale;
        else if (row.status != SourceStatus::Ok)
            ++a.failing;
        if (!row.environment.isEmpty() && !a.environments.contains(row.environment))
            a.environments.append(row.environment);
        if (row.lastSeen.isValid()) {
            if (!a.newestSeen.isValid() || row.lastSeen > a.newestSeen)
                a.newestSeen = row.lastSeen;
            if (!a.oldestSeen.isValid() || row.lastSeen < a.oldestSeen)
                a.oldestSeen = row.lastSeen;
        }
        if (!row.isCurrent())
            continue;
        ++a.fresh;
        a.worst = std::max(a.worst, row.level);
        takeMax(a.maxErrorRate, row.errorRate, a.errorRates);
        takeMax(a.maxP95, row.p95Seconds, a.p95s);
        if (row.requestRate) {
            a.sumRequestRate = a.sumRequestRate.value_or(0) + *row.requestRate;
            ++a.requestRates;
            if (row.errorRate) {
                calls += *row.requestRate;
                failed += *row.requestRate * *row.errorRate;
            }
        }
        addPolicies(a, row, worstShare);
    }
    if (calls > 0)
        a.overallErrorRate = failed / calls;
    std::sort(a.environments.begin(), a.environments.end());
    return a;
}

} // namespace jimini
