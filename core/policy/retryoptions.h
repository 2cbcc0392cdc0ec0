// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "outcome.h"

#include <cstdint>

namespace jimini {

enum class BackoffKind : std::uint8_t { Constant, Linear, Exponential };
enum class JitterKind : std::uint8_t { None, Full, Equal, Decorrelated };
enum class RetryBudgetKind : std::uint8_t { None, Ratio, Tokens };

struct RetryOptions {
    std::uint32_t maxAttempts = 3; // attempts in all, the first one included (the guide's max_attempts)
    BackoffKind backoff = BackoffKind::Exponential;
    Duration initialDelay = std::chrono::seconds(1); // the guide's initial_delay
    double multiplier = 2.0;                         // Exponential: delay = initial * multiplier^(n-1)
    Duration maxDelay = std::chrono::seconds(10);    // the guide's max_delay, applied after jitter
    JitterKind jitter = JitterKind::Full;            // the guide's randomize: Full when true, None when false

    // Retry only outcomes whose category is in this set and whose canRetry is true. Business errors
    // never; network (service_unavailable) and timeouts yes, as in the guide.
    std::uint32_t retryCategories =
        categoryBit(ErrorCategory::ServiceUnavailable) | categoryBit(ErrorCategory::Timeout) |
        categoryBit(ErrorCategory::SystemBusy) | categoryBit(ErrorCategory::RateLimit);

    // A server's Retry-After replaces the computed delay when larger, but never beyond this cap; a hint
    // above the cap means "do not retry now" only if rejectRetryAfterAboveCap is set.
    bool honourRetryAfter = true;
    Duration maxRetryAfter = std::chrono::seconds(30);
    bool rejectRetryAfterAboveCap = false;

    // Retry budget, so that a failing dependency never gets maxAttempts times its load.
    RetryBudgetKind budget = RetryBudgetKind::Ratio;
    double budgetRatio = 0.2; // Ratio: retries <= ratio * calls in budgetWindow (+ minRetries)
    Duration budgetWindow = std::chrono::seconds(10);
    std::uint32_t budgetMinRetriesPerSecond = 10; // Ratio: a floor so low traffic can still retry
    double budgetTokenMax = 100;                  // Tokens: bucket size (gRPC retry throttling)
    double budgetTokenRatio = 0.1;                // Tokens: added per success; a failure takes 1
};

} // namespace jimini
