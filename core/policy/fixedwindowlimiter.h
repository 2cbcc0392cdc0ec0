// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ratelimiter.h"
#include "ratelimiteroptions.h"

#include <atomic>
#include <cstdint>

namespace jimini {

// At most limit = ceil(requestsPerSecond * window) permits per window; windows are aligned to the
// clock's epoch, so the count starts over exactly at each multiple of the window. Lock-free: the window
// (its index, low 32 bits) and its count share one atomic word.
class FixedWindowLimiter final : public RateLimiter {
public:
    FixedWindowLimiter(double requestsPerSecond, Duration window);
    explicit FixedWindowLimiter(const RateLimiterOptions& options)
        : FixedWindowLimiter(options.requestsPerSecond, options.window) {}

    RateDecision tryAcquire(TimePoint now, std::uint32_t permits = 1) noexcept override;
    RateLimiterSnapshot snapshot(TimePoint now) const noexcept override;
    void setRate(double requestsPerSecond) noexcept override;

    std::uint32_t limit() const noexcept { return m_limit.load(std::memory_order_relaxed); }
    Duration window() const noexcept { return Duration{m_window}; }

    // ceil(requestsPerSecond * window), also used by the sliding window.
    static std::uint32_t limitFor(double requestsPerSecond, Duration window) noexcept;

private:
    const std::int64_t m_window;
    std::atomic<std::uint32_t> m_limit;
    std::atomic<double> m_rate;
    std::atomic<std::uint64_t> m_state{0}; // window index (low 32 bits) << 32 | count in that window
    std::atomic<std::uint64_t> m_permitted{0};
    std::atomic<std::uint64_t> m_rejected{0};
};

} // namespace jimini
