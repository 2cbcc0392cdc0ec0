// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <chrono>
#include <cstdint>

namespace jimini {

// The guide's ResilienceHealthMonitor numbers. Every comparison is strict ("> 10 %"), as in the guide.
struct HealthThresholds {
    double errorRate = 0.10;                    // unhealthy above (guide: error_rate_threshold)
    double responseTime = 5.0;                  // seconds; unhealthy above (guide: response_time_threshold)
    double criticalErrorRate = 0.25;            // critical above
    double criticalResponseTime = 10.0;         // seconds; critical above
    std::uint64_t criticalBreakerOpens = 10;    // critical above
    double alertCriticalErrorRate = 0.20;       // the error-rate alert is critical from here on (not below)
    std::uint32_t recentBreakerOpens = 3;       // unhealthy above
    Duration window = std::chrono::seconds(60); // the rolling window every figure is taken over
};

} // namespace jimini
