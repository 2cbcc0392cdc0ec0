// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace jimini {

// The guide's error categories; None marks a success.
enum class ErrorCategory : std::uint8_t {
    None,
    ServiceUnavailable,
    SystemBusy,
    Timeout,
    RateLimit,
    BusinessLogic,
    Unknown,
};

constexpr std::uint32_t categoryBit(ErrorCategory c) noexcept { return 1u << static_cast<unsigned>(c); }

// What happened to one call. Rejections by a policy are kinds of their own, so callers can tell
// "the service failed" from "we did not even try".
enum class OutcomeKind : std::uint8_t {
    Success,
    Failure,      // the operation ran and failed
    RateLimited,  // rejected by the rate limiter
    BulkheadFull, // rejected by the bulkhead: no slot and no room in its queue
    QueueTimeout, // waited in the bulkhead queue longer than allowed
    BreakerOpen,  // rejected by an open (or isolated, or half-open and busy) breaker
    TimedOut,     // an attempt or the overall deadline ran out
    Cancelled,    // the caller gave up
};

// Results and rejections are values: the guide's ErrorMetadata (can_retry, retry_after,
// may_have_succeeded, error_category) plus the kind and, for HTTP operations, the status code.
struct Outcome {
    OutcomeKind kind = OutcomeKind::Success;
    ErrorCategory category = ErrorCategory::None;
    bool canRetry = false;
    bool mayHaveSucceeded = false;
    std::int16_t httpStatus = 0;
    std::optional<Duration> retryAfter;

    constexpr bool ok() const noexcept { return kind == OutcomeKind::Success; }
    constexpr bool isRejection() const noexcept
    {
        return kind == OutcomeKind::RateLimited || kind == OutcomeKind::BulkheadFull ||
               kind == OutcomeKind::QueueTimeout || kind == OutcomeKind::BreakerOpen;
    }

    static constexpr Outcome success() noexcept { return Outcome{}; }
    static constexpr Outcome failure(ErrorCategory category, bool canRetry,
                                     std::optional<Duration> retryAfter = std::nullopt) noexcept
    {
        return Outcome{OutcomeKind::Failure, category, canRetry, false, 0, retryAfter};
    }
    // The guide's rejection defaults: breaker 60 s, bulkhead 5 s, rate limit 30 s.
    static constexpr Outcome breakerOpen(Duration retryAfter = std::chrono::seconds(60)) noexcept
    {
        return Outcome{OutcomeKind::BreakerOpen, ErrorCategory::ServiceUnavailable, true, false, 0, retryAfter};
    }
    static constexpr Outcome bulkheadFull(Duration retryAfter = std::chrono::seconds(5)) noexcept
    {
        return Outcome{OutcomeKind::BulkheadFull, ErrorCategory::SystemBusy, true, false, 0, retryAfter};
    }
    static constexpr Outcome queueTimeout(Duration retryAfter = std::chrono::seconds(5)) noexcept
    {
        return Outcome{OutcomeKind::QueueTimeout, ErrorCategory::SystemBusy, true, false, 0, retryAfter};
    }
    static constexpr Outcome rateLimited(Duration retryAfter = std::chrono::seconds(30)) noexcept
    {
        return Outcome{OutcomeKind::RateLimited, ErrorCategory::RateLimit, true, false, 0, retryAfter};
    }
    static constexpr Outcome timedOut() noexcept
    {
        return Outcome{OutcomeKind::TimedOut, ErrorCategory::Timeout, true, true, 0, std::nullopt};
    }
    static constexpr Outcome cancelled() noexcept
    {
        return Outcome{OutcomeKind::Cancelled, ErrorCategory::Unknown, false, true, 0, std::nullopt};
    }
};

// The guide's spelling: "service_unavailable", "system_busy", "timeout", "rate_limit",
// "business_logic", "unknown" ("none" for a success).
std::string_view toString(ErrorCategory category) noexcept;
std::optional<ErrorCategory> errorCategoryFromString(std::string_view text) noexcept;
// "success", "failure", "rate_limited", "bulkhead_full", "queue_timeout", "breaker_open", "timeout",
// "cancelled".
std::string_view toString(OutcomeKind kind) noexcept;

} // namespace jimini
