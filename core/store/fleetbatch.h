// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "store/instancerow.h"

#include <QMetaType>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <cstdint>

namespace jimini {

// Connection counts of a fleet, for the status bar.
struct FleetCounts {
    int total = 0;
    int ok = 0;         // reachable: a fresh document (whatever its health)
    int degraded = 0;   // of those, health_status degraded
    int critical = 0;   // of those, health_status critical
    int stale = 0;      // no good document for three intervals
    int failing = 0;    // answering badly (refused, malformed, ...) but not yet stale
    int connecting = 0; // no answer yet
    friend bool operator==(const FleetCounts&, const FleetCounts&) = default;
};

// What the worker hands the UI thread at most ten times a second. Removals come first: an endpoint
// removed and added again within one batch is in both, and its new row wins.
struct FleetBatch {
    QStringList removed;
    QVector<InstanceRow> rows; // changed or new, one per endpoint (the newest)
    QVector<FleetEvent> events;
    FleetCounts counts;
    bool countsChanged = false;
};

// Written by the worker, read from any thread.
struct FleetIngestCounters {
    std::atomic<std::uint64_t> received{0};
    std::atomic<std::uint64_t> ingested{0};
    std::atomic<std::uint64_t> ignored{0}; // samples of an endpoint removed meanwhile
    std::atomic<std::uint64_t> batches{0};
};

} // namespace jimini

Q_DECLARE_METATYPE(jimini::FleetCounts)
