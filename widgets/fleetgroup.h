// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace jimini {

// What a group row shows of its instances. Built so trouble is never averaged away: the worst level,
// the highest error rate and p95, the scarcest tokens, and counts of open breakers and stale instances.
struct FleetAggregate {
    int instances = 0;
    int fresh = 0; // with a document and not stale: these decide the level
    int stale = 0;
    int failing = 0; // not stale, but the last read failed (or none yet)
    HealthLevel worst = HealthLevel::Healthy;
    int breakers = 0;
    int open = 0; // open or isolated: calls are refused
    int halfOpen = 0;
    int isolated = 0;
    int disabled = 0;
    double maxErrorRate = 0;
    double sumRequestRate = 0;
    double maxP95 = 0;
    bool hasTokens = false;
    double tokensAvailable = 0; // of the instance with the lowest share left
    double tokenLimit = 0;
    bool hasBulkhead = false;
    quint64 bulkheadActive = 0; // sums over instances
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
