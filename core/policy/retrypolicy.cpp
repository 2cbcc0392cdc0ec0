// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrypolicy.h"

#include "backoff.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <random>

namespace jimini {

namespace {
constexpr std::array<std::string_view, 6> stopNames{"retrying",         "succeeded",
                                                    "not_retryable",    "attempts_exhausted",
                                                    "budget_exhausted", "retry_after_too_long"};

std::uint64_t freshSeed() noexcept {
    // random_device may throw where no entropy source exists; the clock is a good enough fallback for jitter.
    std::uint64_t seed = 0;
    try {
        std::random_device device;
        seed = (std::uint64_t{device()} << 32) ^ device();
    } catch (...) {
    }
    return SplitMix64::mix(seed ^ static_cast<std::uint64_t>(
                                      std::chrono::high_resolution_clock::now().time_since_epoch().count()));
}

constexpr RetryDecision stop(RetryStop reason) noexcept {
    return RetryDecision{false, Duration::zero(), reason};
}
} // namespace

std::string_view toString(RetryStop stop) noexcept {
    const auto i = static_cast<std::size_t>(stop);
    return i < stopNames.size() ? stopNames[i] : "unknown";
}

RetryPolicy::RetryPolicy(const RetryOptions& options, std::uint64_t seed)
    : m_options(options)
    , m_budget(options)
    , m_random(seed != 0 ? seed : freshSeed()) {}

void RetryPolicy::onCallStarted(TimePoint now) noexcept {
    m_budget.onCall(now);
}

void RetryPolicy::onSuccess() noexcept {
    m_budget.onSuccess();
}

RetryBudgetSnapshot RetryPolicy::budget(TimePoint now) const noexcept {
    return m_budget.snapshot(now);
}

RetryDecision RetryPolicy::decide(const Outcome& outcome, std::uint32_t attemptsMade, Duration previousDelay,
                                  TimePoint now) noexcept {
    if (outcome.ok()) {
        m_budget.onSuccess();
        return stop(RetryStop::Succeeded);
    }
    if (!outcome.canRetry || (m_options.retryCategories & categoryBit(outcome.category)) == 0)
        return stop(RetryStop::NotRetryable);

    const bool tokensPermit = m_budget.onRetryableFailure();
    if (attemptsMade >= m_options.maxAttempts)
        return stop(RetryStop::AttemptsExhausted);

    // An ignored hint is ignored entirely: it neither lengthens the delay nor vetoes the retry.
    std::optional<Duration> hint;
    if (m_options.honourRetryAfter && outcome.retryAfter) {
        hint = std::max(*outcome.retryAfter, Duration::zero());
        if (*hint > m_options.maxRetryAfter) {
            if (m_options.rejectRetryAfterAboveCap)
                return stop(RetryStop::RetryAfterTooLong);
            hint = std::max(m_options.maxRetryAfter, Duration::zero());
        }
    }

    // Last, so that a retry refused for any other reason never spends budget.
    if (!m_budget.tryRetry(now, tokensPermit))
        return stop(RetryStop::BudgetExhausted);

    Duration delay =
        backoffDelay(m_options, std::max<std::uint32_t>(attemptsMade, 1), previousDelay, m_random.nextUnit());
    if (hint)
        delay = std::max(delay, *hint);
    return RetryDecision{true, delay, RetryStop::Retrying};
}

} // namespace jimini
