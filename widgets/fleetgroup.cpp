// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetgroup.h"

#include "breakerlamp.h"

#include <algorithm>

namespace jimini {

FleetAggregate FleetAggregate::of(const std::vector<InstanceRow>& rows) {
    FleetAggregate a;
    a.instances = int(rows.size());
    double worstShare = 2;
    for (const InstanceRow& row : rows) {
        if (row.stale)
            ++a.stale;
        else if (row.status != SourceStatus::Ok)
            ++a.failing;
        if (row.hasDocument && !row.stale) {
            ++a.fresh;
            a.worst = std::max(a.worst, row.level);
        }
        if (!row.environment.isEmpty() && !a.environments.contains(row.environment))
            a.environments.append(row.environment);
        a.maxErrorRate = std::max(a.maxErrorRate, row.errorRate);
        a.sumRequestRate += row.requestRate;
        a.maxP95 = std::max(a.maxP95, row.p95Seconds);
        double available = 0;
        double limit = 0;
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
                limit += policy.tokenLimit;
            }
            if (policy.hasBulkhead) {
                a.hasBulkhead = true;
                a.bulkheadActive += policy.bulkheadActive;
                a.bulkheadQueued += policy.bulkheadQueued;
                a.bulkheadCapacity += policy.bulkheadCapacity;
            }
        }
        if (tokens) {
            const double share = limit > 0 ? available / limit : 1;
            if (!a.hasTokens || share < worstShare) {
                worstShare = share;
                a.tokensAvailable = available;
                a.tokenLimit = limit;
            }
            a.hasTokens = true;
        }
        if (row.lastSeen.isValid()) {
            if (!a.newestSeen.isValid() || row.lastSeen > a.newestSeen)
                a.newestSeen = row.lastSeen;
            if (!a.oldestSeen.isValid() || row.lastSeen < a.oldestSeen)
                a.oldestSeen = row.lastSeen;
        }
    }
    std::sort(a.environments.begin(), a.environments.end());
    return a;
}

} // namespace jimini
