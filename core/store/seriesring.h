// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/seriesstore.h"

#include <cstdint>
#include <vector>

namespace jimini {

// One tier of one series. Time-indexed: the slot of a bucket is bucket mod capacity, so a point's time is
// implied by its slot (no timestamp stored) and a late sample finds its slot in O(1).
class SeriesRing {
public:
    struct Slot {
        float value = 0; // running mean, or max when keeping the max
        float min = 0;
        float max = 0;
        std::uint32_t count = 0; // samples merged into the slot; 0: empty
    };
    enum class Placement : std::uint8_t { Newer, Same, Older, TooOld };

    SeriesRing(std::int64_t stepMs, std::size_t capacity, Slot* storage) noexcept
        : m_slots(storage)
        , m_capacity(std::int64_t(capacity))
        , m_stepMs(stepMs) {}

    Placement add(std::int64_t timeMs, float value, bool keepMax) noexcept;
    // The bucket holding fromMs is inside the ring, or at most one bucket older than its oldest slot
    // (a read of "the last hour" from a ring of one hour at 1 s is served by that ring).
    bool covers(std::int64_t fromMs) const noexcept;
    void copy(std::int64_t fromMs, std::int64_t toMs, bool keepMax, std::vector<SeriesPoint>& out) const;
    bool isEmpty() const noexcept { return m_newest == emptyBucket; }
    std::int64_t stepMs() const noexcept { return m_stepMs; }
    std::int64_t newestTimeMs() const noexcept { return m_newest * m_stepMs; }

private:
    static constexpr std::int64_t emptyBucket = INT64_MIN;
    std::int64_t bucketOf(std::int64_t timeMs) const noexcept;
    Slot& slotOf(std::int64_t bucket) const noexcept;

    Slot* m_slots;
    std::int64_t m_capacity;
    std::int64_t m_stepMs;
    std::int64_t m_newest = emptyBucket;
};

} // namespace jimini
