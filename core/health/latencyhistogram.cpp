// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace jimini {

namespace {
std::uint64_t toMicros(Duration d) noexcept {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    return us < 0 ? 0 : static_cast<std::uint64_t>(us);
}
} // namespace

std::size_t LatencyHistogram::indexOf(Duration latency) noexcept {
    const std::uint64_t top = (std::uint64_t{1} << maxValueBits) - 1;
    const std::uint64_t us = std::min(toMicros(latency), top);
    if (us < subBucketCount)
        return static_cast<std::size_t>(us);
    // us has bit_width >= 7: shift it down until it has 6 significant bits (32..63).
    const int shift = std::bit_width(us) - subBucketBits;
    const std::uint64_t sub = us >> shift;
    return static_cast<std::size_t>(subBucketCount + (shift - 1) * subBucketHalf + (sub - subBucketHalf));
}

std::uint64_t LatencyHistogram::lowestMicros(std::size_t index) noexcept {
    if (index < subBucketCount)
        return index;
    const std::size_t rest = index - subBucketCount;
    const std::size_t shift = rest / subBucketHalf + 1;
    const std::uint64_t sub = rest % subBucketHalf + subBucketHalf;
    return sub << shift;
}

std::uint64_t LatencyHistogram::widthMicros(std::size_t index) noexcept {
    if (index < subBucketCount)
        return 1;
    return std::uint64_t{1} << ((index - subBucketCount) / subBucketHalf + 1);
}

void LatencyHistogram::record(Duration latency) noexcept {
    if (latency < Duration::zero())
        latency = Duration::zero();
    ++m_counts[indexOf(latency)];
    ++m_count;
    m_sum += latency;
    m_min = std::min(m_min, latency);
    m_max = std::max(m_max, latency);
}

void LatencyHistogram::merge(const LatencyHistogram& other) noexcept {
    if (other.m_count == 0)
        return;
    for (std::size_t i = 0; i < bucketCount; ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::clear() noexcept {
    *this = LatencyHistogram{};
}

double LatencyHistogram::percentile(double q) const noexcept {
    if (m_count == 0)
        return 0;
    q = std::clamp(std::isnan(q) ? 0.0 : q, 0.0, 1.0);
    const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * double(m_count))));
    std::uint64_t seen = 0;
    std::size_t index = 0;
    for (; index < bucketCount; ++index) {
        seen += m_counts[index];
        if (seen >= rank)
            break;
    }
    // The bucket's midpoint, but never outside what was actually recorded.
    const double mid = (double(lowestMicros(index)) + (double(widthMicros(index)) - 1) / 2.0) * 1e-6;
    const double lo = std::chrono::duration<double>(m_min).count();
    const double hi = std::chrono::duration<double>(m_max).count();
    return std::clamp(mid, lo, hi);
}

std::uint64_t LatencyHistogram::countAtOrBelow(Duration bound) const noexcept {
    if (bound < Duration::zero())
        return 0;
    if (bound >= m_max)
        return m_count;
    const std::size_t last = indexOf(bound);
    std::uint64_t n = 0;
    for (std::size_t i = 0; i <= last; ++i)
        n += m_counts[i];
    return n;
}

} // namespace jimini
