// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/failureparts.h"
#include "health/healthdocument.h"
#include "net/sourcesample.h"

#include <QDateTime>
#include <QString>
#include <QVector>

#include <optional>
#include <vector>

namespace jimini {

// What the fleet overview shows of one policy of one instance.
struct PolicyRow {
    QString name;
    std::optional<BreakerState> breakerState; // empty when the stage is off (or the source does not say)
    bool breakerManual = false;
    std::uint64_t breakerOpens = 0;
    bool hasRateLimiter = false;
    double tokensAvailable = 0;
    std::optional<double> tokenLimit; // not reported by every source (the guide's document)
    bool hasBulkhead = false;
    std::uint32_t bulkheadActive = 0;
    std::uint32_t bulkheadQueued = 0;
    std::uint32_t bulkheadCapacity = 0;
    // Last, so that positional initializers of the fields above stay valid.
    std::optional<QDateTime> breakerManualUntil; // manual_until: when a manual state returns to automatic
    std::optional<QString> breakerManualReason;  // manual_reason: why (absent: the service did not say)
    std::optional<QString> breakerManualActor;   // manual_actor: who, as the service recorded it
    friend bool operator==(const PolicyRow&, const PolicyRow&) = default;
};

// One row of the fleet overview: the latest state of one instance, computed off the UI thread from its
// samples. Models diff these by endpointId.
struct InstanceRow {
    QString endpointId;
    QString service; // group; empty until the workspace or the service itself names it
    QString instance;
    QString environment;
    QString documentUrl; // the URL the health document is asked at, named in every error
    SourceStatus status = SourceStatus::Connecting;
    QString reason; // why there is no fresh document (empty when status is Ok)
    // What the last failed read was (refused, timed out, HTTP 503, ...) and its reason, kept while the
    // connection backs off: a Backoff sample names no cause of its own. Ok after a good document.
    SourceStatus cause = SourceStatus::Ok;
    QString causeReason;
    bool stale = false;       // no good document for three intervals: shown greyed with lastSeen
    QDateTime lastSeen;       // time of the last good document
    bool hasDocument = false; // false until the first good document
    HealthLevel level = HealthLevel::Healthy;
    // The figures of the last good document; none before the first one, and none the source did not
    // report (a dash, never 0).
    std::optional<double> errorRate;   // metrics.current_error_rate
    std::optional<double> requestRate; // metrics.requests_per_second
    std::optional<double> p95Seconds;  // metrics.p95_response_time
    FailureParts failures; // metrics.failed_operations and what they were, as far as the source says
    // What the metrics cover, in seconds back from the document's time: covered_seconds, else
    // window_seconds. Empty for a guide document, whose figures are totals since the service started.
    std::optional<double> metricsSpanSeconds;
    std::optional<double> metricsWindowSeconds; // window_seconds (native documents only)
    std::vector<PolicyRow> policies;
    std::vector<HealthAlert> alerts;
    // The last 60 s of error rate, oldest first, one point per second; sparklineGap where nothing is known
    // (before the first document, or more than three intervals after the last). Empty: never reached.
    QVector<float> errorSparkline;
    static constexpr float sparklineGap = -1.0f;

    // A good document not older than the stale limit: what group figures and alerts may take as now.
    bool isCurrent() const { return hasDocument && !stale; }
    // Unreachable as Prometheus' up == 0, held for three intervals (stale), or never reached at all.
    bool isUnreachable() const {
        return !isCurrent() && status != SourceStatus::Connecting && (stale || !hasDocument);
    }
    friend bool operator==(const InstanceRow&, const InstanceRow&) = default;
};

} // namespace jimini
