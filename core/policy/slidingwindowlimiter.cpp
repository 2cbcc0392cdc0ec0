// SPDX-License-Identifier: GPL-3.0-or-later
#include "slidingwindowlimiter.h"
#include "floordiv.h"

#include "fixedwindowlimiter.h"

#include <algorithm>
#include <thread>

namespace jimini {

namespace {
// Products of a count (< 2^32) and a window in ns (< 2^63) need 95 bits to stay exact.
__extension__ typedef unsigned __int128 Wide;

// Smallest t with previous * (window - t) <= budget * window, i.e. ceil(window * (previous - budget) /
// previous): how far into a window the previous count has faded enough. Requires budget <= previous.
std::int64_t fadeTime(std::uint64_t previous, std::uint64_t budget, std::int64_t window) noexcept {
    const Wide numerator = Wide(std::uint64_t(window)) * (previous - budget);
    return std::int64_t((numerator + previous - 1) / previous);
}
} // namespace

SlidingWindowLimiter::SlidingWindowLimiter(double requestsPerSecond, Duration window)
    : m_window(std::max<std::int64_t>(1, window.count()))
    , m_limit(FixedWindowLimiter::limitFor(requestsPerSecond, Duration{m_window}))
    , m_rate(requestsPerSecond) {}

void SlidingWindowLimiter::lock() const noexcept {
    for (;;) {
        if (!m_lock.exchange(true, std::memory_order_acquire))
            return;
        while (m_lock.load(std::memory_order_relaxed))
            std::this_thread::yield();
    }
}

void SlidingWindowLimiter::unlock() const noexcept {
    m_lock.store(false, std::memory_order_release);
}

SlidingWindowLimiter::Counts SlidingWindowLimiter::countsLocked(std::int64_t now) const noexcept {
    const std::int64_t index = floorDiv(now, m_window);
    if (index < m_index) // a caller whose `now` lags: judge it at the start of the newest window
        return Counts{m_previous, m_current, 0};
    const std::int64_t elapsed = now - index * m_window;
    if (index == m_index)
        return Counts{m_previous, m_current, elapsed};
    if (index == m_index + 1)
        return Counts{m_current, 0, elapsed};
    return Counts{0, 0, elapsed};
}

RateDecision SlidingWindowLimiter::tryAcquire(TimePoint now, std::uint32_t permits) noexcept {
    if (permits == 0)
        return RateDecision{true, Duration::zero()};
    const std::int64_t t = now.time_since_epoch().count();
    const std::uint64_t w = std::uint64_t(m_window);
    lock();
    const std::uint64_t limit = m_limit;
    if (permits > limit) {
        unlock();
        m_rejected.fetch_add(1, std::memory_order_relaxed);
        return RateDecision{false, Duration::max()};
    }
    const Counts c = countsLocked(t);
    // estimate + permits <= limit, scaled by the window to stay in integers.
    const Wide used = Wide(c.previous) * (w - std::uint64_t(c.elapsed)) + Wide(c.current + permits) * w;
    if (used <= Wide(limit) * w) {
        const std::int64_t index = std::max(floorDiv(t, m_window), m_index);
        m_previous = std::uint32_t(c.previous);
        m_current = std::uint32_t(c.current + permits);
        m_index = index;
        unlock();
        m_permitted.fetch_add(1, std::memory_order_relaxed);
        return RateDecision{true, Duration::zero()};
    }
    unlock();
    m_rejected.fetch_add(1, std::memory_order_relaxed);

    // Later in this window, once the previous count has faded enough...
    const std::uint64_t untilEnd = w - std::uint64_t(c.elapsed);
    if (c.current + permits <= limit && c.previous > 0) {
        const std::int64_t at = fadeTime(c.previous, limit - permits - c.current, m_window);
        if (at < m_window)
            return RateDecision{false, Duration{at - c.elapsed}};
    }
    // ...or in the next one, where this window's count becomes the fading one.
    const std::uint64_t budget = limit - permits;
    const std::int64_t at = c.current <= budget ? 0 : fadeTime(c.current, budget, m_window);
    return RateDecision{false, Duration{std::int64_t(untilEnd) + at}};
}

RateLimiterSnapshot SlidingWindowLimiter::snapshot(TimePoint now) const noexcept {
    lock();
    const Counts c = countsLocked(now.time_since_epoch().count());
    const std::uint32_t limit = m_limit;
    const double rate = m_rate;
    unlock();
    const double estimate =
        double(c.previous) * (double(m_window - c.elapsed) / double(m_window)) + double(c.current);
    return RateLimiterSnapshot{std::max(0.0, double(limit) - estimate),
                               double(limit),
                               rate,
                               m_permitted.load(std::memory_order_relaxed),
                               m_rejected.load(std::memory_order_relaxed),
                               1.0};
}

void SlidingWindowLimiter::setRate(double requestsPerSecond) noexcept {
    const std::uint32_t limit = FixedWindowLimiter::limitFor(requestsPerSecond, Duration{m_window});
    lock();
    m_limit = limit;
    m_rate = requestsPerSecond;
    unlock();
}

std::uint32_t SlidingWindowLimiter::limit() const noexcept {
    lock();
    const std::uint32_t limit = m_limit;
    unlock();
    return limit;
}

} // namespace jimini
