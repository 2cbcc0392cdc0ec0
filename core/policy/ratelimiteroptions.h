// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <cstdint>

namespace jimini {

enum class RateLimiterKind : std::uint8_t { TokenBucket, FixedWindow, SlidingWindow };

struct RateLimiterOptions {
    RateLimiterKind kind = RateLimiterKind::TokenBucket;
    double requestsPerSecond = 8;              // the guide's requests_per_second
    std::uint32_t burst = 15;                  // TokenBucket: the guide's burst_limit (bucket size)
    Duration window = std::chrono::seconds(1); // Fixed/SlidingWindow: limit = requestsPerSecond * window

    // The guide's AdaptiveRateLimiter: every adaptInterval, rate x0.8 when the error rate is above
    // 15 %, x1.1 when below 5 %, the multiplier never above 2.
    bool adaptive = false;
    Duration adaptInterval = std::chrono::seconds(60);
    double adaptHighErrorRate = 0.15;
    double adaptLowErrorRate = 0.05;
    double adaptDecrease = 0.8;
    double adaptIncrease = 1.1;
    double adaptMaxMultiplier = 2.0;
    double adaptMinMultiplier = 0.05;
};

} // namespace jimini
