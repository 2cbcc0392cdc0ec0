// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/outcome.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace jimini {

// What a caller saw of one call, in the categories an operator counts: the pipeline's rejections by
// stage, the dependency's own answers by status class, and what never got an answer. A queue timeout is
// shed by the bulkhead like a full bulkhead; a failure without an HTTP status is a network error.
enum class CallCategory : std::uint8_t {
    Success,
    RateLimited,
    BulkheadFull,
    BreakerOpen,
    Timeout,
    Http4xx,
    Http5xx,
    Network,
    Cancelled,
};
inline constexpr std::size_t callCategoryCount = 9;

constexpr CallCategory callCategoryOf(const Outcome& outcome) noexcept {
    switch (outcome.kind) {
    case OutcomeKind::Success:
        return CallCategory::Success;
    case OutcomeKind::RateLimited:
        return CallCategory::RateLimited;
    case OutcomeKind::BulkheadFull:
    case OutcomeKind::QueueTimeout:
        return CallCategory::BulkheadFull;
    case OutcomeKind::BreakerOpen:
        return CallCategory::BreakerOpen;
    case OutcomeKind::TimedOut:
        return CallCategory::Timeout;
    case OutcomeKind::Cancelled:
        return CallCategory::Cancelled;
    case OutcomeKind::Failure:
        break;
    }
    if (outcome.httpStatus >= 500)
        return CallCategory::Http5xx;
    if (outcome.httpStatus >= 400)
        return CallCategory::Http4xx;
    return CallCategory::Network;
}

// Shed by the pipeline: the call never reached the dependency.
constexpr bool isShed(CallCategory category) noexcept {
    return category == CallCategory::RateLimited || category == CallCategory::BulkheadFull ||
           category == CallCategory::BreakerOpen;
}

// "success", "rate_limited", "bulkhead_full", "breaker_open", "timeout", "http_4xx", "http_5xx",
// "network", "cancelled".
std::string_view toString(CallCategory category) noexcept;

} // namespace jimini
