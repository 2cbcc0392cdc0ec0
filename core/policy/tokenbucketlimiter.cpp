// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenbucketlimiter.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace jimini {

namespace {
// TAT keeps 62 bits (±73 years of nanoseconds); the low two carry the rate generation.
constexpr std::int64_t kLongAgo = -(std::int64_t{1} << 60);
// burst*interval stays below 2^52 ns (52 days), so TAT arithmetic never overflows.
constexpr std::int64_t kMaxTolerance = std::int64_t{1} << 52;

constexpr std::uint64_t tatWord(std::int64_t tat, std::uint64_t generation) noexcept {
    return (static_cast<std::uint64_t>(tat) << 2) | (generation & 3u);
}
constexpr std::int64_t tatOf(std::uint64_t word) noexcept {
    return static_cast<std::int64_t>(word) >> 2;
}
constexpr std::uint64_t generationOf(std::uint64_t word) noexcept {
    return word & 3u;
}
} // namespace

TokenBucketLimiter::TokenBucketLimiter(double requestsPerSecond, std::uint32_t burst)
    : m_burst(burst)
    , m_state(tatWord(kLongAgo, 0))
    , m_rate(requestsPerSecond)
    , m_lastNow(kLongAgo) {
    const std::int64_t interval = intervalFor(requestsPerSecond);
    m_interval[0].store(interval, std::memory_order_relaxed);
    m_interval[1].store(interval, std::memory_order_relaxed);
}

std::int64_t TokenBucketLimiter::intervalFor(double requestsPerSecond) const noexcept {
    const std::int64_t longest = kMaxTolerance / std::max<std::int64_t>(m_burst, 1);
    if (!(requestsPerSecond > 0))
        return longest;
    const double ns = std::round(1e9 / requestsPerSecond);
    if (!(ns < double(longest)))
        return longest;
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(ns));
}

Duration TokenBucketLimiter::interval() const noexcept {
    const std::uint64_t word = m_state.load(std::memory_order_acquire);
    return Duration{m_interval[generationOf(word) & 1].load(std::memory_order_acquire)};
}

void TokenBucketLimiter::noteNow(std::int64_t now) noexcept {
    // A racy maximum is enough: it only anchors setRate()'s conversion.
    if (now > m_lastNow.load(std::memory_order_relaxed))
        m_lastNow.store(now, std::memory_order_relaxed);
}

RateDecision TokenBucketLimiter::tryAcquire(TimePoint now, std::uint32_t permits) noexcept {
    const std::int64_t t = now.time_since_epoch().count();
    noteNow(t);
    if (permits == 0)
        return RateDecision{true, Duration::zero()};
    if (permits > m_burst) {
        m_rejected.fetch_add(1, std::memory_order_relaxed);
        return RateDecision{false, Duration::max()};
    }
    std::uint64_t word = m_state.load(std::memory_order_acquire);
    for (;;) {
        const std::uint64_t generation = generationOf(word);
        const std::int64_t interval = m_interval[generation & 1].load(std::memory_order_acquire);
        const std::int64_t newTat = std::max(tatOf(word), t) + std::int64_t{permits} * interval;
        const std::int64_t allowedAt = newTat - std::int64_t{m_burst} * interval;
        if (allowedAt > t) {
            m_rejected.fetch_add(1, std::memory_order_relaxed);
            return RateDecision{false, Duration{allowedAt - t}};
        }
        if (m_state.compare_exchange_weak(word, tatWord(newTat, generation), std::memory_order_acq_rel,
                                          std::memory_order_acquire)) {
            m_permitted.fetch_add(1, std::memory_order_relaxed);
            return RateDecision{true, Duration::zero()};
        }
    }
}

RateLimiterSnapshot TokenBucketLimiter::snapshot(TimePoint now) const noexcept {
    const std::int64_t t = now.time_since_epoch().count();
    const std::uint64_t word = m_state.load(std::memory_order_acquire);
    const std::int64_t interval = m_interval[generationOf(word) & 1].load(std::memory_order_acquire);
    const std::int64_t debt = std::max<std::int64_t>(0, tatOf(word) - t);
    // A caller whose `now` lags another thread's can see more debt than the bucket holds: clamp.
    const double tokens = std::clamp(double(m_burst) - double(debt) / double(interval), 0.0, double(m_burst));
    return RateLimiterSnapshot{tokens,
                               double(m_burst),
                               m_rate.load(std::memory_order_relaxed),
                               m_permitted.load(std::memory_order_relaxed),
                               m_rejected.load(std::memory_order_relaxed),
                               1.0};
}

void TokenBucketLimiter::setRate(double requestsPerSecond) noexcept {
    while (m_rateLock.exchange(true, std::memory_order_acquire))
        std::this_thread::yield();
    m_rate.store(requestsPerSecond, std::memory_order_relaxed);
    const std::int64_t newInterval = intervalFor(requestsPerSecond);
    std::uint64_t word = m_state.load(std::memory_order_acquire);
    for (;;) {
        const std::uint64_t generation = generationOf(word);
        const std::int64_t oldInterval = m_interval[generation & 1].load(std::memory_order_acquire);
        const std::int64_t now = m_lastNow.load(std::memory_order_relaxed);
        std::int64_t tat = tatOf(word);
        if (tat > now) {
            // Same missing tokens, refilled at the new pace.
            const long double debt = (long double)(tat - now) * newInterval / oldInterval;
            tat = now + std::min<std::int64_t>(std::llround(debt), std::int64_t{m_burst} * newInterval);
        }
        const std::uint64_t next = generation + 1;
        // The slot's previous users (generation - 1) can no longer win a CAS: the word has moved on.
        m_interval[next & 1].store(newInterval, std::memory_order_release);
        if (m_state.compare_exchange_weak(word, tatWord(tat, next), std::memory_order_acq_rel,
                                          std::memory_order_acquire))
            break;
    }
    m_rateLock.store(false, std::memory_order_release);
}

} // namespace jimini
