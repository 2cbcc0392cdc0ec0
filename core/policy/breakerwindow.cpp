// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakerwindow.h"
#include "floordiv.h"

#include <algorithm>
#include <limits>

namespace jimini {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();

} // namespace

BreakerWindow::BreakerWindow(const CircuitBreakerOptions& options)
    : m_mode(options.mode) {
    if (m_mode == BreakerMode::CountWindow) {
        m_size = std::max<std::uint32_t>(1, options.windowSize);
        m_failureBits.assign((m_size + 63) / 64, 0);
        m_slowBits.assign((m_size + 63) / 64, 0);
    } else if (m_mode == BreakerMode::TimeWindow) {
        const auto buckets = std::max<std::uint32_t>(1, options.windowBuckets);
        // A span shorter than one nanosecond per bucket still needs a positive bucket width.
        m_bucketNs = std::max<std::int64_t>(1, options.windowDuration.count() / buckets);
        m_buckets.assign(buckets, Bucket{kNever, 0, 0, 0});
    }
}

bool BreakerWindow::bit(const std::vector<std::uint64_t>& bits, std::uint32_t i) const noexcept {
    return (bits[i / 64] >> (i % 64)) & 1u;
}

void BreakerWindow::setBit(std::vector<std::uint64_t>& bits, std::uint32_t i, bool value) noexcept {
    const auto mask = std::uint64_t{1} << (i % 64);
    bits[i / 64] = value ? (bits[i / 64] | mask) : (bits[i / 64] & ~mask);
}

std::int64_t BreakerWindow::bucketIndex(TimePoint now) const noexcept {
    return floorDiv(now.time_since_epoch().count(), m_bucketNs);
}

void BreakerWindow::record(bool failure, bool slow, TimePoint now) noexcept {
    if (m_mode == BreakerMode::CountWindow) {
        if (m_countTotals.calls == m_size) {
            // The oldest call leaves the ring where the newest one goes.
            m_countTotals.failures -= bit(m_failureBits, m_head);
            m_countTotals.slowCalls -= bit(m_slowBits, m_head);
        } else {
            ++m_countTotals.calls;
        }
        setBit(m_failureBits, m_head, failure);
        setBit(m_slowBits, m_head, slow);
        m_countTotals.failures += failure;
        m_countTotals.slowCalls += slow;
        m_head = (m_head + 1 == m_size) ? 0 : m_head + 1;
    } else if (m_mode == BreakerMode::TimeWindow) {
        const auto index = bucketIndex(now);
        const auto n = static_cast<std::int64_t>(m_buckets.size());
        auto& bucket = m_buckets[static_cast<std::size_t>(((index % n) + n) % n)];
        if (bucket.epoch != index)
            bucket = Bucket{index, 0, 0, 0};
        ++bucket.calls;
        bucket.failures += failure;
        bucket.slowCalls += slow;
    }
}

BreakerWindow::Totals BreakerWindow::totals(TimePoint now) const noexcept {
    if (m_mode != BreakerMode::TimeWindow)
        return m_countTotals;
    const auto index = bucketIndex(now);
    const auto oldest = index - static_cast<std::int64_t>(m_buckets.size()) + 1;
    Totals sum;
    for (const auto& bucket : m_buckets) {
        if (bucket.epoch == kNever || bucket.epoch < oldest || bucket.epoch > index)
            continue;
        sum.calls += bucket.calls;
        sum.failures += bucket.failures;
        sum.slowCalls += bucket.slowCalls;
    }
    return sum;
}

void BreakerWindow::clear() noexcept {
    m_head = 0;
    m_countTotals = {};
    std::fill(m_failureBits.begin(), m_failureBits.end(), 0);
    std::fill(m_slowBits.begin(), m_slowBits.end(), 0);
    std::fill(m_buckets.begin(), m_buckets.end(), Bucket{kNever, 0, 0, 0});
}

} // namespace jimini
