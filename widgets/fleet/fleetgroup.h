// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace jimini {

// What a group row shows of its instances. Only instances with current data (a good document, not stale)
// count in the figures: a stale or unreachable instance's last figures are not "now", and the row says
// how many instances its figures cover (reporting of instances). Built so trouble is never averaged
// away: the worst level, the highest error rate and p95, the scarcest tokens, and counts of open
// breakers and stale instances; beside the worst error rate, the overall one weighted by traffic.
struct FleetAggregate {
    int instances = 0;
    int fresh = 0; // with current data: these decide the level and make the figures ("reporting")
    int stale = 0;
    int failing = 0; // not stale, but the last read failed (or none yet)
    HealthLevel worst = HealthLevel::Healthy;
    int breakers = 0;
    int open = 0; // open or isolated: calls are refused
    int halfOpen = 0;
    int isolated = 0;
    int disabled = 0;
    std::optional<double> maxErrorRate;     // worst of the reporting instances
    std::optional<double> overallErrorRate; // failed / all calls of those reporting a request rate
    int errorRates = 0;                     // reporting instances that gave an error rate
    std::optional<double> sumRequestRate;   // sum over the reporting instances that gave one
    int requestRates = 0;                   // how many did
    std::optional<double> maxP95;
    int p95s = 0;
    bool hasTokens = false;
    double tokensAvailable = 0; // of the instance with the lowest share left
    std::optional<double> tokenLimit;
    bool hasBulkhead = false;
    quint64 bulkheadActive = 0; // sums over the reporting instances
    quint64 bulkheadQueued = 0;
    quint64 bulkheadCapacity = 0;
    QDateTime newestSeen;
    QDateTime oldestSeen;
    QStringList environments;
    friend bool operator==(const FleetAggregate&, const FleetAggregate&) = default;

    static FleetAggregate of(const std::vector<InstanceRow>& rows);
};

struct FleetGroup {
    QString service;
    int row = 0;                        // position among the groups, kept current by FleetModel
    std::vector<InstanceRow> instances; // sorted by (instance, endpointId)
    FleetAggregate aggregate;
};

} // namespace jimini
