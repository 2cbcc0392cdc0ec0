// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bulkheadoptions.h"
#include "circuitbreakeroptions.h"
#include "ratelimiteroptions.h"
#include "retryoptions.h"
#include "timeoutoptions.h"

#include <array>
#include <cstdint>
#include <optional>

namespace jimini {

enum class Stage : std::uint8_t { RateLimit, Bulkhead, CircuitBreaker, Retry, Timeout };
inline constexpr std::size_t stageCount = 5;
// The guide's order, outermost first; the operation runs inside the last stage.
inline constexpr std::array<Stage, stageCount> guideOrder{
    Stage::RateLimit, Stage::Bulkhead, Stage::CircuitBreaker, Stage::Retry, Stage::Timeout};

// Everything a pipeline is built from. A disengaged optional leaves that stage out.
struct PipelineOptions {
    std::optional<RateLimiterOptions> rateLimit = RateLimiterOptions{};
    std::optional<BulkheadOptions> bulkhead = BulkheadOptions{};
    std::optional<CircuitBreakerOptions> circuitBreaker = CircuitBreakerOptions{};
    std::optional<RetryOptions> retry = RetryOptions{};
    std::optional<TimeoutOptions> timeout = TimeoutOptions{};
    // Outermost first; each stage appears exactly once (absent stages are skipped).
    std::array<Stage, stageCount> order = guideOrder;
};

} // namespace jimini
