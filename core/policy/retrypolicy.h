// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "outcome.h"
#include "retrybudget.h"
#include "retryoptions.h"
#include "splitmix.h"

#include <cstdint>
#include <string_view>

namespace jimini {

// Why the retry loop goes on (Retrying) or ends.
enum class RetryStop : std::uint8_t {
    Retrying,
    Succeeded,
    NotRetryable,
    AttemptsExhausted,
    BudgetExhausted,
    RetryAfterTooLong
};
// "retrying", "succeeded", "not_retryable", "attempts_exhausted", "budget_exhausted", "retry_after_too_long".
std::string_view toString(RetryStop stop) noexcept;

// delay is zero unless retry is set.
struct RetryDecision {
    bool retry = false;
    Duration delay{};
    RetryStop stop = RetryStop::Succeeded;
};

// Decides, after each attempt, whether to try again and after how long. It does not run or wait for
// anything: the pipeline does, and reports back. Thread-safe and lock-free; one policy is shared by all
// the calls of an endpoint, since the budget only means something across calls.
//
// Checks in order: success; not retryable (canRetry false or category not in retryCategories);
// attempts exhausted; Retry-After above the cap (when rejected); the budget. A retryable failure takes a
// token (Tokens budget) even when attempts are exhausted, as in gRPC: it still signals trouble.
class RetryPolicy {
public:
    // seed 0: seeded once from std::random_device. Any other seed replays the same jitter sequence.
    explicit RetryPolicy(const RetryOptions& options, std::uint64_t seed = 0);
    RetryPolicy(const RetryPolicy&) = delete;
    RetryPolicy& operator=(const RetryPolicy&) = delete;

    // Once per call, before its first attempt: the calls the ratio budget is a share of.
    void onCallStarted(TimePoint now) noexcept;
    // attemptsMade >= 1 counts the attempt that produced outcome; previousDelay is the delay before the
    // last retry (zero before the first), which decorrelated jitter grows from.
    RetryDecision decide(const Outcome& outcome, std::uint32_t attemptsMade, Duration previousDelay,
                         TimePoint now) noexcept;
    // Refills the token budget. decide() already does this for a success it is shown; call it only for
    // successes that never reach decide().
    void onSuccess() noexcept;
    RetryBudgetSnapshot budget(TimePoint now) const noexcept;
    const RetryOptions& options() const noexcept { return m_options; }

private:
    const RetryOptions m_options;
    RetryBudget m_budget;
    SplitMix64 m_random;
};

} // namespace jimini
