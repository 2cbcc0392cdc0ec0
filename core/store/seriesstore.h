// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>
#include <cstdint>
#include <vector>

namespace jimini {

// The figures kept as history, per instance (policy empty) or per policy.
enum class Metric : std::uint8_t {
    RequestRate, // calls per second
    ErrorRate,   // 0..1
    LatencyP50,  // seconds
    LatencyP95,
    LatencyP99,
    TokensAvailable, // per policy
    TokenLimit,
    BulkheadActive,
    BulkheadQueued,
    BulkheadCapacity,
    BreakerState, // 0 closed, 1 half_open, 2 open, 3 isolated, 4 disabled
};

struct SeriesKey {
    QString endpointId;
    QString policy;
    Metric metric;
    friend bool operator==(const SeriesKey&, const SeriesKey&) = default;
};

struct SeriesPoint {
    std::int64_t timeMs; // wall clock, ms since the epoch
    float value;         // mean over the point's step (max for BreakerState: trouble is not averaged away)
    float min;
    float max;
};

// Per-series ring buffers in downsampled tiers (by default 1 s for the last hour, 10 s for the last
// 24 hours): bounded memory whatever the run time. Written by the ingest thread, read by the views;
// downsampling is done once, at append.
class SeriesStore {
public:
    struct Tier {
        std::chrono::seconds step;
        std::size_t capacity;
    };
    explicit SeriesStore(std::vector<Tier> tiers = {{std::chrono::seconds(1), 3600},
                                                    {std::chrono::seconds(10), 8640}});
    ~SeriesStore();

    void append(const SeriesKey& key, std::int64_t timeMs, float value);
    // Replaces out with the points of [fromMs, toMs] from the finest tier that covers fromMs.
    void read(const SeriesKey& key, std::int64_t fromMs, std::int64_t toMs,
              std::vector<SeriesPoint>& out) const;
    void remove(const QString& endpointId);

    std::size_t seriesCount() const;
    std::size_t memoryBytes() const;
};

} // namespace jimini
