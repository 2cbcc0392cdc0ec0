// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
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
    // The state's enum value (healthnames.h breakerStateCode): 0 closed, 1 open, 2 half_open, 3 isolated,
    // 4 disabled. A step keeps its highest code, so any state but closed shows over a closed breaker.
    BreakerState,
    // metrics.failures, per instance: failed calls in the window by kind (FailureKind order); a kind
    // the source does not report has no points.
    FailuresDownstream,
    FailuresTimeout,
    FailuresRateLimited,
    FailuresBulkheadFull,
    FailuresBreakerOpen,
    FailuresCancelled,
};

// The series of one kind of failure.
constexpr Metric failureMetric(std::size_t kind) {
    return Metric(std::size_t(Metric::FailuresDownstream) + kind);
}

struct SeriesKey {
    QString endpointId;
    QString policy;
    Metric metric;
    friend bool operator==(const SeriesKey&, const SeriesKey&) = default;
};

struct SeriesKeyHash {
    std::size_t operator()(const SeriesKey& key) const noexcept {
        return qHashMulti(0, key.endpointId, key.policy, std::uint8_t(key.metric));
    }
};

struct SeriesPoint {
    std::int64_t timeMs; // wall clock, ms since the epoch: the start of the point's step
    float value;         // mean over the point's step (max for BreakerState: trouble is not averaged away)
    float min;
    float max;
};

// Per-series ring buffers in downsampled tiers (by default 1 s for the last hour, 60 s for the last
// 24 hours): bounded memory whatever the run time. Written by the ingest thread, read by the views;
// downsampling is done once, at append: every tier takes every sample into the point of its own step.
// Memory grows with the history actually held, 64 steps at a time, and all but the newest 64 steps of
// a tier are packed (store/chunkcodec.h): exact for constants, counts and short decimals, within
// 1/8190 of a chunk's range for noisy values. A day of one noisy series is about 18 KB.
//
// Late samples: a sample for a step that already has a point is merged into it (mean, min, max); a
// sample older than the newest point goes into its own step in every tier still holding that step;
// one older than every tier is refused. All three are counted in stats().
class SeriesStore {
public:
    struct Tier {
        std::chrono::seconds step;
        std::size_t capacity;
    };
    struct Stats {
        std::uint64_t appended = 0;   // every append() call
        std::uint64_t duplicates = 0; // same step as the newest point: merged into it
        std::uint64_t outOfOrder = 0; // older than the newest point: merged into its own (older) step
        std::uint64_t tooOld = 0;     // older than every tier: not stored (of outOfOrder)
    };

    explicit SeriesStore(std::vector<Tier> tiers = defaultTiers());
    ~SeriesStore();
    SeriesStore(const SeriesStore&) = delete;
    SeriesStore& operator=(const SeriesStore&) = delete;

    // 1 s for an hour, 60 s for a day: every chart range (2 min to 24 h) gets at most 3,600 points.
    static std::vector<Tier> defaultTiers() {
        return {{std::chrono::seconds(1), 3600}, {std::chrono::seconds(60), 1440}};
    }

    // Allocates on a series' first append, then once per 64 steps of a tier as a chunk is packed.
    void append(const SeriesKey& key, std::int64_t timeMs, float value);
    // Replaces out with the points of the steps overlapping [fromMs, toMs], oldest first, from the finest
    // tier that covers fromMs (the coarsest when none does); no allocation when out has the capacity.
    // Returns the step of the points in ms (0: no such series).
    std::int64_t read(const SeriesKey& key, std::int64_t fromMs, std::int64_t toMs,
                      std::vector<SeriesPoint>& out) const;
    void remove(const QString& endpointId);
    std::vector<SeriesKey> keys(const QString& endpointId) const;
    std::int64_t newestTimeMs(const SeriesKey& key) const; // start of the newest point's step; 0: none

    const std::vector<Tier>& tiers() const noexcept { return m_tiers; }
    std::size_t seriesCount() const;
    // Bytes allocated for the series and their points (exact; the map's nodes and key strings are not
    // counted). Walks every series: for statistics, not for every frame.
    std::size_t memoryBytes() const;
    // The most one series can take, every chunk packed at its largest: the bound of the memory.
    std::size_t worstCaseBytesPerSeries() const noexcept;
    Stats stats() const noexcept;

private:
    struct Series;
    std::unique_ptr<Series> makeSeries() const;

    std::vector<Tier> m_tiers;
    mutable std::shared_mutex m_mutex; // the map; each series has its own lock for its points
    std::unordered_map<SeriesKey, std::unique_ptr<Series>, SeriesKeyHash> m_series;
    std::atomic<std::uint64_t> m_appended{0};
    std::atomic<std::uint64_t> m_duplicates{0};
    std::atomic<std::uint64_t> m_outOfOrder{0};
    std::atomic<std::uint64_t> m_tooOld{0};
};

} // namespace jimini
