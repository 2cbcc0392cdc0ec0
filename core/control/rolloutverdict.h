// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QMap>
#include <QString>

namespace jimini {

// What a rollout watches on one instance, taken from its health document as the service said it (no
// figure is made up: an instance whose document has no breaker for a policy has none here).
struct WatchedHealth {
    double errorRate = 0;                 // metrics.current_error_rate, 0..1
    QMap<QString, BreakerState> breakers; // policies[].circuit_breaker.state, by policy name
    // window_seconds: the span the error rate covers. A watch shorter than it ends on a rate that still
    // mixes in calls from before the push.
    double windowSeconds = 60;

    static WatchedHealth from(const HealthDocument& document);
};

// The decision of one watched reading against the instance's own reading from before the rollout:
// roll back when the error rate rose by more than thresholdPp percentage points, or when a breaker is
// open (or half-open, i.e. it opened) that was closed before. A policy the old config did not have
// counts as closed before: a new policy starts closed. figure says what decided, for the operator:
// "error rate 2.1% → 37.5% (+35.4 pp > 10 pp)", "breaker payments opened"; when nothing trips, the
// error rate as watched ("error rate 2.1% → 2.3% (+0.2 pp)").
struct RolloutVerdict {
    bool rollBack = false;
    QString figure;

    static RolloutVerdict judge(const WatchedHealth& baseline, const WatchedHealth& watched,
                                double thresholdPp);
};

} // namespace jimini
