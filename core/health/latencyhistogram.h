// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace jimini {

// A fixed-size log-linear histogram of durations in the manner of HdrHistogram: microsecond units, exact
// below 64 µs, then every power of two cut into 32 equal buckets, so a bucket is at most 1/32 of its
// value wide and a percentile (the bucket's midpoint, clamped to the recorded min/max) is within about
// 1.6 % of the truth. It covers 0 to 2^30 µs (~18 min; longer samples land in the top bucket but still
// count fully in sum()). 832 counters, no allocation, record() is O(1). Not thread-safe: the owner locks.
class LatencyHistogram {
public:
    static constexpr int subBucketBits = 6;
    static constexpr std::uint64_t subBucketCount = 1u << subBucketBits; // 64
    static constexpr std::uint64_t subBucketHalf = subBucketCount / 2;   // 32
    static constexpr int maxValueBits = 30;                              // 2^30 µs
    static constexpr std::size_t bucketCount =
        subBucketCount + (maxValueBits - subBucketBits) * subBucketHalf; // 832

    void record(Duration latency) noexcept;
    void merge(const LatencyHistogram& other) noexcept;
    void clear() noexcept;

    // q in [0, 1]; seconds; 0 when empty. The value at rank ceil(q * count) (at least 1).
    double percentile(double q) const noexcept;
    std::uint64_t count() const noexcept { return m_count; }
    Duration sum() const noexcept { return m_sum; }
    Duration min() const noexcept { return m_count ? m_min : Duration::zero(); }
    Duration max() const noexcept { return m_max; }
    // Samples at or below bound, for Prometheus' cumulative buckets. Resolved to whole buckets: samples in
    // the bucket that holds the bound count as below it, so the answer may include a few up to ~3 % above.
    std::uint64_t countAtOrBelow(Duration bound) const noexcept;

    // The bucket a duration falls into, and the range [lowest, lowest + width) of microseconds it covers.
    static std::size_t indexOf(Duration latency) noexcept;
    static std::uint64_t lowestMicros(std::size_t index) noexcept;
    static std::uint64_t widthMicros(std::size_t index) noexcept;

private:
    std::array<std::uint64_t, bucketCount> m_counts{};
    std::uint64_t m_count = 0;
    Duration m_sum{};
    Duration m_min = Duration::max();
    Duration m_max{};
};

} // namespace jimini
