// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "circuitbreakeroptions.h"
#include "clock.h"

#include <cstdint>
#include <vector>

namespace jimini {

// The sliding window of the ratio modes: either the last N calls (a ring of bits) or the last
// windowDuration of time (buckets that roll over by time). Not thread-safe: the breaker guards it.
// All memory is taken in the constructor, so recording never allocates.
class BreakerWindow {
public:
    struct Totals {
        std::uint32_t calls = 0;
        std::uint32_t failures = 0;
        std::uint32_t slowCalls = 0;
    };

    // ConsecutiveFailures gets an empty window that records nothing.
    explicit BreakerWindow(const CircuitBreakerOptions& options);

    void record(bool failure, bool slow, TimePoint now) noexcept;
    // `now` only matters for the time window, whose old buckets age out without a record.
    Totals totals(TimePoint now) const noexcept;
    void clear() noexcept;

    Duration bucketDuration() const noexcept { return Duration{m_bucketNs}; }

private:
    struct Bucket {
        std::int64_t epoch; // bucket number since the clock's epoch; stale when outside the span
        std::uint32_t calls;
        std::uint32_t failures;
        std::uint32_t slowCalls;
    };

    std::int64_t bucketIndex(TimePoint now) const noexcept;
    bool bit(const std::vector<std::uint64_t>& bits, std::uint32_t i) const noexcept;
    void setBit(std::vector<std::uint64_t>& bits, std::uint32_t i, bool value) noexcept;

    BreakerMode m_mode;
    // Count window.
    std::uint32_t m_size = 0;
    std::uint32_t m_head = 0;
    Totals m_countTotals;
    std::vector<std::uint64_t> m_failureBits;
    std::vector<std::uint64_t> m_slowBits;
    // Time window.
    std::int64_t m_bucketNs = 1;
    std::vector<Bucket> m_buckets;
};

} // namespace jimini
