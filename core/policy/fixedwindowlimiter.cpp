// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixedwindowlimiter.h"
#include "floordiv.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace jimini {

namespace {
constexpr std::uint64_t windowWord(std::uint32_t tag, std::uint32_t count) noexcept {
    return (std::uint64_t{tag} << 32) | count;
}

// The window a word belongs to, relative to the caller's: > 0 newer, 0 the same, < 0 older. The 32-bit
// tag wraps after 2^32 windows; a word that old is mistaken for a current one for one window at most.
constexpr std::int32_t windowsAhead(std::uint64_t word, std::uint32_t tag) noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(word >> 32) - tag);
}
} // namespace

FixedWindowLimiter::FixedWindowLimiter(double requestsPerSecond, Duration window)
    : m_window(std::max<std::int64_t>(1, window.count()))
    , m_limit(limitFor(requestsPerSecond, Duration{m_window}))
    , m_rate(requestsPerSecond) {}

std::uint32_t FixedWindowLimiter::limitFor(double requestsPerSecond, Duration window) noexcept {
    const double exact = requestsPerSecond * (double(window.count()) / 1e9);
    if (!(exact > 0))
        return 0;
    // The epsilon keeps 0.1/s over 10 s at 1 rather than 2 after rounding noise.
    const double limit = std::ceil(exact - 1e-9);
    constexpr double most = double(std::numeric_limits<std::uint32_t>::max());
    return limit >= most ? std::numeric_limits<std::uint32_t>::max() : static_cast<std::uint32_t>(limit);
}

RateDecision FixedWindowLimiter::tryAcquire(TimePoint now, std::uint32_t permits) noexcept {
    if (permits == 0)
        return RateDecision{true, Duration::zero()};
    const std::uint32_t limit = m_limit.load(std::memory_order_relaxed);
    if (permits > limit) {
        m_rejected.fetch_add(1, std::memory_order_relaxed);
        return RateDecision{false, Duration::max()};
    }
    const std::int64_t t = now.time_since_epoch().count();
    const std::int64_t index = floorDiv(t, m_window);
    const auto tag = static_cast<std::uint32_t>(index);
    std::uint64_t word = m_state.load(std::memory_order_acquire);
    for (;;) {
        const std::int32_t ahead = windowsAhead(word, tag);
        // A caller whose `now` lags behind the word's window counts against that (newer) window.
        const std::uint32_t wordTag = ahead < 0 ? tag : static_cast<std::uint32_t>(word >> 32);
        const std::uint32_t count = ahead < 0 ? 0 : static_cast<std::uint32_t>(word);
        if (std::uint64_t{count} + permits > limit) {
            m_rejected.fetch_add(1, std::memory_order_relaxed);
            return RateDecision{false, Duration{(index + ahead + 1) * m_window - t}};
        }
        if (m_state.compare_exchange_weak(word, windowWord(wordTag, count + permits),
                                          std::memory_order_acq_rel, std::memory_order_acquire)) {
            m_permitted.fetch_add(1, std::memory_order_relaxed);
            return RateDecision{true, Duration::zero()};
        }
    }
}

RateLimiterSnapshot FixedWindowLimiter::snapshot(TimePoint now) const noexcept {
    const std::int64_t index = floorDiv(now.time_since_epoch().count(), m_window);
    const std::uint64_t word = m_state.load(std::memory_order_acquire);
    const std::uint32_t count =
        windowsAhead(word, static_cast<std::uint32_t>(index)) < 0 ? 0 : static_cast<std::uint32_t>(word);
    const std::uint32_t limit = m_limit.load(std::memory_order_relaxed);
    return RateLimiterSnapshot{
        double(limit > count ? limit - count : 0),  double(limit),
        m_rate.load(std::memory_order_relaxed),     m_permitted.load(std::memory_order_relaxed),
        m_rejected.load(std::memory_order_relaxed), 1.0};
}

void FixedWindowLimiter::setRate(double requestsPerSecond) noexcept {
    m_rate.store(requestsPerSecond, std::memory_order_relaxed);
    m_limit.store(limitFor(requestsPerSecond, Duration{m_window}), std::memory_order_relaxed);
}

} // namespace jimini
