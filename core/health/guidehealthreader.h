// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthparseresult.h"

#include <QDateTime>
#include <QJsonObject>

namespace jimini {

// Reads the guide's get_health_status() document unchanged: service_name, health_status, is_healthy,
// metrics (its HealthMetrics, Python isoformat() times or null), alerts and one resilience_stats block,
// which becomes the single policy "default". resilience_stats keys as the guide's get_health_stats():
// circuit_breaker {status (any spelling breakerStateFromName accepts: "closed", "half-open", "FORCED_OPEN",
// ...; healthnames.h), failure_count, last_failure_time}, bulkhead {active_requests, queued_requests,
// capacity}, rate_limiter {tokens_available, requests_per_second}, statistics (the guide's *_operations
// names), all required as in resources/schemas/guide-health.schema.json. What the guide does not report is
// absent (nullopt: the percentiles, requests_per_second, queue_limit, max_tokens, multiplier, ..., and no
// retry block), never a made-up 0; metrics.retries is statistics.retries. The guide's figures are lifetime
// totals, so window_seconds is 0. No instance: empty; no timestamp: readTime.
class GuideHealthReader {
public:
    static HealthParseResult read(const QJsonObject& root, const QDateTime& readTime);
};

} // namespace jimini
