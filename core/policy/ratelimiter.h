// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <cstdint>

namespace jimini {

struct RateDecision {
    bool permitted = false;
    Duration retryAfter{}; // when rejected: how long until the request would pass (Duration::max(): never)
};

struct RateLimiterSnapshot {
    double tokensAvailable; // permits that would pass right now (fractional for a token bucket)
    double limit;           // burst (token bucket) or per-window limit
    double ratePerSecond;   // the rate currently in force
    std::uint64_t permitted;
    std::uint64_t rejected;
    double multiplier; // 1 unless adaptive
};

// A rate limiter reads time only from its arguments, so the same object runs in real and in virtual
// time. All implementations are thread-safe and never allocate after construction.
class RateLimiter {
public:
    virtual ~RateLimiter() = default;

    // Takes `permits` permits if they are available at `now`; otherwise takes nothing and says when
    // enough would be. More permits than the limiter could ever grant give retryAfter == Duration::max().
    virtual RateDecision tryAcquire(TimePoint now, std::uint32_t permits = 1) noexcept = 0;
    virtual RateLimiterSnapshot snapshot(TimePoint now) const noexcept = 0;
    // Changes the rate from now on (adaptive wrapper, configuration reload).
    virtual void setRate(double requestsPerSecond) noexcept = 0;
    // Feeds the result of a call; only the adaptive limiter uses it.
    virtual void recordOutcome(bool error, TimePoint now) noexcept {
        (void)error;
        (void)now;
    }
};

} // namespace jimini
