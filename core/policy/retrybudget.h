// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "retryoptions.h"

#include <array>
#include <atomic>
#include <cstdint>

namespace jimini {

// available: retries the budget would grant right now (Ratio), tokens in the bucket (Tokens), or
// infinity (None). calls, retries and denied are lifetime totals, not per-window figures.
struct RetryBudgetSnapshot {
    RetryBudgetKind kind;
    double available;
    std::uint64_t calls;
    std::uint64_t retries;
    std::uint64_t denied;
};

// Caps retries as a share of traffic so that a dead dependency never sees maxAttempts times its load.
// Ratio (Finagle): over a sliding window of buckets, retries < ratio * calls + minRetriesPerSecond *
// windowSeconds. Tokens (gRPC retry throttling): a retryable failure takes a token, a success adds
// budgetTokenRatio, and retries are granted only while more than half the bucket is left.
// Lock-free and allocation-free: every counter is an atomic, each bucket packs (epoch, count) into one
// word so a bucket rolls over with a single compare-exchange.
class RetryBudget {
public:
    explicit RetryBudget(const RetryOptions& options) noexcept;
    RetryBudget(const RetryBudget&) = delete;
    RetryBudget& operator=(const RetryBudget&) = delete;

    void onCall(TimePoint now) noexcept;
    void onSuccess() noexcept;
    // A failed attempt of a retryable kind. Tokens: takes one token and returns whether the bucket is
    // still above half after this very withdrawal, which tryRetry() then honours; otherwise true.
    bool onRetryableFailure() noexcept;
    // Grants (and counts) one retry or denies (and counts) it. tokensPermit is onRetryableFailure()'s
    // answer for the same attempt.
    bool tryRetry(TimePoint now, bool tokensPermit) noexcept;

    RetryBudgetSnapshot snapshot(TimePoint now) const noexcept;

private:
    static constexpr std::size_t kBuckets = 10;
    using Buckets = std::array<std::atomic<std::uint64_t>, kBuckets>;

    std::int64_t bucketIndex(TimePoint now) const noexcept;
    static std::uint32_t increment(Buckets& buckets, std::int64_t index) noexcept;
    static void undo(Buckets& buckets, std::int64_t index) noexcept;
    static std::uint64_t sum(const Buckets& buckets, std::int64_t index, bool skipCurrent) noexcept;
    double ratioAllowance(std::uint64_t callsInWindow) const noexcept;
    bool tryRatio(TimePoint now) noexcept;

    const RetryBudgetKind m_kind;
    const std::int64_t m_bucketWidth; // ns
    const double m_ratio;
    const double m_floor; // minRetriesPerSecond * windowSeconds
    const std::int64_t m_maxMilliTokens;
    const std::int64_t m_successMilliTokens;

    Buckets m_callBuckets{};
    Buckets m_retryBuckets{};
    std::atomic<std::int64_t> m_milliTokens;
    std::atomic<std::uint64_t> m_calls{0};
    std::atomic<std::uint64_t> m_retries{0};
    std::atomic<std::uint64_t> m_denied{0};
};

} // namespace jimini
