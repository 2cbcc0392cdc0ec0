// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/failureparts.h"
#include "health/healthdocument.h"
#include "net/sourcesample.h"

#include <QDateTime>
#include <QString>
#include <QVector>

#include <vector>

namespace jimini {

// What the fleet overview shows of one policy of one instance.
struct PolicyRow {
    QString name;
    QString breakerState; // closed, open, half_open, isolated, disabled; empty when the stage is off
    bool breakerManual = false;
    std::uint64_t breakerOpens = 0;
    bool hasRateLimiter = false;
    double tokensAvailable = 0;
    double tokenLimit = 0;
    bool hasBulkhead = false;
    std::uint32_t bulkheadActive = 0;
    std::uint32_t bulkheadQueued = 0;
    std::uint32_t bulkheadCapacity = 0;
    friend bool operator==(const PolicyRow&, const PolicyRow&) = default;
};

// One row of the fleet overview: the latest state of one instance, computed off the UI thread from its
// samples. Models diff these by endpointId.
struct InstanceRow {
    QString endpointId;
    QString service; // group
    QString instance;
    QString environment;
    SourceStatus status = SourceStatus::Connecting;
    QString reason;           // why there is no fresh document (empty when status is Ok)
    bool stale = false;       // no good document for three intervals: shown greyed with lastSeen
    QDateTime lastSeen;       // time of the last good document
    bool hasDocument = false; // false until the first good document
    HealthLevel level = HealthLevel::Healthy;
    double errorRate = 0;   // metrics.current_error_rate
    double requestRate = 0; // metrics.requests_per_second
    double p95Seconds = 0;  // metrics.p95_response_time
    FailureParts failures;  // metrics.failed_operations and what they were, as far as the source says
    std::vector<PolicyRow> policies;
    std::vector<HealthAlert> alerts;
    QVector<float> errorSparkline; // the last 60 s of error rate, oldest first, one point per second
    friend bool operator==(const InstanceRow&, const InstanceRow&) = default;
};

} // namespace jimini
