// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ratelimiter.h"
#include "ratelimiteroptions.h"

#include <atomic>
#include <cstdint>
#include <limits>

namespace jimini {

// The sliding window counter (Cloudflare's approximation): the estimate at `now` is the previous
// window's count weighted by how much of it the sliding window still overlaps, plus the current
// window's count; a request for n passes while estimate + n <= limit = ceil(requestsPerSecond * window).
// Windows are aligned to the clock's epoch. Three words of state behind a tiny spinlock: no allocation.
class SlidingWindowLimiter final : public RateLimiter {
public:
    SlidingWindowLimiter(double requestsPerSecond, Duration window);
    explicit SlidingWindowLimiter(const RateLimiterOptions& options)
        : SlidingWindowLimiter(options.requestsPerSecond, options.window) {}

    RateDecision tryAcquire(TimePoint now, std::uint32_t permits = 1) noexcept override;
    RateLimiterSnapshot snapshot(TimePoint now) const noexcept override;
    void setRate(double requestsPerSecond) noexcept override;

    std::uint32_t limit() const noexcept;
    Duration window() const noexcept { return Duration{m_window}; }

private:
    struct Counts {
        std::uint64_t previous;
        std::uint64_t current;
        std::int64_t elapsed; // ns into the current window
    };
    Counts countsLocked(std::int64_t now) const noexcept;
    void lock() const noexcept;
    void unlock() const noexcept;

    const std::int64_t m_window;
    mutable std::atomic<bool> m_lock{false};
    // Guarded by m_lock.
    std::int64_t m_index = std::numeric_limits<std::int64_t>::min() / 2; // "long ago"
    std::uint32_t m_previous = 0;
    std::uint32_t m_current = 0;
    std::uint32_t m_limit;
    double m_rate;

    std::atomic<std::uint64_t> m_permitted{0};
    std::atomic<std::uint64_t> m_rejected{0};
};

} // namespace jimini
