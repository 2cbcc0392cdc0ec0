// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"
#include "policy/pipeline.h"

#include <QDateTime>
#include <QString>

namespace jimini {

// One policies[] entry from a live Pipeline's snapshots. A stage that is off gives a null block. Steady
// times (last failure, next attempt, manual TTL) become UTC via wallNow, the wall time at now.
//
// Where the figures come from: circuit_breaker from CircuitBreaker::snapshot() (state spelled as
// toString(BreakerState)); bulkhead from Bulkhead::snapshot() (rejection_count = calls turned away with a
// full queue; queue timeouts are not in it); rate_limiter from RateLimiter::snapshot(now) (max_tokens is
// the burst or per-window limit); retry: max_attempts from the options, retries from the pipeline's
// statistics, budget_* from the retry budget (budget_available null without a budget); statistics from
// Pipeline::stats() (lifetime totals).
class PolicyHealthBuilder {
public:
    static PolicyHealth build(const QString& name, const Pipeline& pipeline, TimePoint now,
                              const QDateTime& wallNow);
};

} // namespace jimini
