// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrybudget.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace jimini {

namespace {
// Tokens are kept in thousandths, as gRPC does, so that the bucket is one integer atomic.
constexpr double kMilli = 1000.0;
constexpr double kMaxMilliTokens = 1e15;

double finiteNonNegative(double v) noexcept {
    return std::isfinite(v) && v > 0 ? v : 0.0;
}

std::int64_t toMilli(double tokens) noexcept {
    return std::llround(std::min(finiteNonNegative(tokens) * kMilli, kMaxMilliTokens));
}

// A bucket word: the high half is the bucket's epoch (its time index, truncated), the low half its count.
constexpr std::uint64_t bucketWord(std::uint32_t epoch, std::uint32_t count) noexcept {
    return (std::uint64_t{epoch} << 32) | count;
}
constexpr std::uint32_t epochOf(std::uint64_t word) noexcept {
    return static_cast<std::uint32_t>(word >> 32);
}
constexpr std::uint32_t countOf(std::uint64_t word) noexcept {
    return static_cast<std::uint32_t>(word);
}
// How many buckets `epoch` lies behind `current`; negative when it is ahead (a thread whose now is newer).
constexpr std::int32_t age(std::uint32_t current, std::uint32_t epoch) noexcept {
    return static_cast<std::int32_t>(current - epoch);
}
} // namespace

RetryBudget::RetryBudget(const RetryOptions& options) noexcept
    : m_kind(options.budget)
    , m_bucketWidth(std::max<std::int64_t>(1, options.budgetWindow.count() / std::int64_t{kBuckets}))
    , m_ratio(finiteNonNegative(options.budgetRatio))
    , m_floor(options.budgetMinRetriesPerSecond *
              std::max(0.0, std::chrono::duration<double>(options.budgetWindow).count()))
    , m_maxMilliTokens(toMilli(options.budgetTokenMax))
    , m_successMilliTokens(toMilli(options.budgetTokenRatio))
    , m_milliTokens(m_maxMilliTokens) {}

std::int64_t RetryBudget::bucketIndex(TimePoint now) const noexcept {
    const std::int64_t ns = now.time_since_epoch().count();
    // Floor division, so that times before the epoch still land in distinct buckets.
    return ns / m_bucketWidth - (ns % m_bucketWidth < 0 ? 1 : 0);
}

std::uint32_t RetryBudget::increment(Buckets& buckets, std::int64_t index) noexcept {
    auto& bucket = buckets[static_cast<std::size_t>(index % std::int64_t{kBuckets} + kBuckets) % kBuckets];
    const auto epoch = static_cast<std::uint32_t>(index);
    std::uint64_t word = bucket.load(std::memory_order_relaxed);
    for (;;) {
        std::uint64_t next;
        // Another epoch in our slot is a whole window away: a bucket that has left the window, or, after
        // the clock was set back, one from the abandoned future. Either way it no longer counts.
        if (epochOf(word) != epoch)
            next = bucketWord(epoch, 1);
        else if (countOf(word) == std::numeric_limits<std::uint32_t>::max())
            return countOf(word); // saturated; never carry into the epoch
        else
            next = word + 1;
        if (bucket.compare_exchange_weak(word, next, std::memory_order_relaxed))
            return countOf(next);
    }
}

void RetryBudget::undo(Buckets& buckets, std::int64_t index) noexcept {
    auto& bucket = buckets[static_cast<std::size_t>(index % std::int64_t{kBuckets} + kBuckets) % kBuckets];
    const auto epoch = static_cast<std::uint32_t>(index);
    std::uint64_t word = bucket.load(std::memory_order_relaxed);
    // If the bucket rolled over meanwhile, our reservation left with it: nothing to give back.
    while (epochOf(word) == epoch && countOf(word) > 0)
        if (bucket.compare_exchange_weak(word, word - 1, std::memory_order_relaxed))
            return;
}

std::uint64_t RetryBudget::sum(const Buckets& buckets, std::int64_t index, bool skipCurrent) noexcept {
    const auto current = static_cast<std::uint32_t>(index);
    std::uint64_t total = 0;
    for (const auto& bucket : buckets) {
        const std::uint64_t word = bucket.load(std::memory_order_relaxed);
        const std::int32_t a = age(current, epochOf(word));
        if (a >= (skipCurrent ? 1 : 0) && a < static_cast<std::int32_t>(kBuckets))
            total += countOf(word);
    }
    return total;
}

double RetryBudget::ratioAllowance(std::uint64_t callsInWindow) const noexcept {
    return m_ratio * static_cast<double>(callsInWindow) + m_floor;
}

void RetryBudget::onCall(TimePoint now) noexcept {
    m_calls.fetch_add(1, std::memory_order_relaxed);
    if (m_kind == RetryBudgetKind::Ratio)
        increment(m_callBuckets, bucketIndex(now));
}

void RetryBudget::onSuccess() noexcept {
    if (m_kind != RetryBudgetKind::Tokens || m_successMilliTokens == 0)
        return;
    std::int64_t tokens = m_milliTokens.load(std::memory_order_relaxed);
    // A full bucket is the common case for a healthy dependency: no write, no contention.
    while (tokens < m_maxMilliTokens && !m_milliTokens.compare_exchange_weak(
                                            tokens, std::min(m_maxMilliTokens, tokens + m_successMilliTokens),
                                            std::memory_order_relaxed)) {
    }
}

bool RetryBudget::onRetryableFailure() noexcept {
    if (m_kind != RetryBudgetKind::Tokens)
        return true;
    std::int64_t tokens = m_milliTokens.load(std::memory_order_relaxed);
    std::int64_t next;
    do {
        next = std::max<std::int64_t>(0, tokens - static_cast<std::int64_t>(kMilli));
    } while (!m_milliTokens.compare_exchange_weak(tokens, next, std::memory_order_relaxed));
    // Judged on the value this withdrawal produced, so concurrent failures cannot all slip past the
    // threshold on one stale reading.
    return 2 * next > m_maxMilliTokens;
}

bool RetryBudget::tryRatio(TimePoint now) noexcept {
    const std::int64_t index = bucketIndex(now);
    // Reserve first, then check: the count our own increment produced is unique among concurrent
    // callers, so the window grants exactly its allowance, not allowance plus the number of threads.
    const std::uint64_t mine = increment(m_retryBuckets, index);
    const std::uint64_t retries = mine + sum(m_retryBuckets, index, true);
    if (static_cast<double>(retries - 1) < ratioAllowance(sum(m_callBuckets, index, false)))
        return true;
    undo(m_retryBuckets, index);
    return false;
}

bool RetryBudget::tryRetry(TimePoint now, bool tokensPermit) noexcept {
    bool granted = true;
    if (m_kind == RetryBudgetKind::Ratio)
        granted = tryRatio(now);
    else if (m_kind == RetryBudgetKind::Tokens)
        granted = tokensPermit;
    (granted ? m_retries : m_denied).fetch_add(1, std::memory_order_relaxed);
    return granted;
}

RetryBudgetSnapshot RetryBudget::snapshot(TimePoint now) const noexcept {
    double available = std::numeric_limits<double>::infinity();
    if (m_kind == RetryBudgetKind::Ratio) {
        const std::int64_t index = bucketIndex(now);
        const double room = ratioAllowance(sum(m_callBuckets, index, false)) -
                            static_cast<double>(sum(m_retryBuckets, index, false));
        available = std::max(0.0, std::ceil(room));
    } else if (m_kind == RetryBudgetKind::Tokens) {
        available = static_cast<double>(m_milliTokens.load(std::memory_order_relaxed)) / kMilli;
    }
    return {m_kind, available, m_calls.load(std::memory_order_relaxed),
            m_retries.load(std::memory_order_relaxed), m_denied.load(std::memory_order_relaxed)};
}

} // namespace jimini
