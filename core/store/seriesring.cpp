// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/seriesring.h"

#include <algorithm>

namespace jimini {

std::int64_t SeriesRing::bucketOf(std::int64_t timeMs) const noexcept {
    // Floor, not truncation: a negative time still lands in the bucket that starts before it.
    const std::int64_t q = timeMs / m_stepMs;
    return (timeMs % m_stepMs < 0) ? q - 1 : q;
}

SeriesRing::Slot& SeriesRing::slotOf(std::int64_t bucket) const noexcept {
    const std::int64_t r = bucket % m_capacity;
    return m_slots[r < 0 ? r + m_capacity : r];
}

SeriesRing::Placement SeriesRing::add(std::int64_t timeMs, float value, bool keepMax) noexcept {
    const std::int64_t bucket = bucketOf(timeMs);
    Placement placement = Placement::Newer;
    if (m_newest == emptyBucket || bucket > m_newest) {
        // Buckets skipped since the newest are gaps, and their slots still hold points from a lap ago.
        const std::int64_t first = m_newest == emptyBucket ? bucket : m_newest + 1;
        const std::int64_t clear = std::min(bucket - first + 1, m_capacity);
        for (std::int64_t b = bucket - clear + 1; b <= bucket; ++b)
            slotOf(b).count = 0;
        m_newest = bucket;
    } else if (bucket == m_newest) {
        placement = Placement::Same;
    } else if (bucket > m_newest - m_capacity) {
        placement = Placement::Older;
    } else {
        return Placement::TooOld;
    }
    Slot& slot = slotOf(bucket);
    if (slot.count == 0) {
        slot = Slot{value, value, value, 1};
        return placement;
    }
    ++slot.count;
    slot.min = std::min(slot.min, value);
    slot.max = std::max(slot.max, value);
    slot.value = keepMax ? slot.max : slot.value + (value - slot.value) / float(slot.count);
    return placement;
}

bool SeriesRing::covers(std::int64_t fromMs) const noexcept {
    return !isEmpty() && bucketOf(fromMs) >= m_newest - m_capacity;
}

void SeriesRing::copy(std::int64_t fromMs, std::int64_t toMs, bool keepMax,
                      std::vector<SeriesPoint>& out) const {
    out.clear();
    if (isEmpty() || toMs < fromMs)
        return;
    const std::int64_t first = std::max(bucketOf(fromMs), m_newest - m_capacity + 1);
    const std::int64_t last = std::min(bucketOf(toMs), m_newest);
    for (std::int64_t b = first; b <= last; ++b) {
        const Slot& slot = slotOf(b);
        if (slot.count != 0)
            out.push_back(SeriesPoint{b * m_stepMs, keepMax ? slot.max : slot.value, slot.min, slot.max});
    }
}

} // namespace jimini
