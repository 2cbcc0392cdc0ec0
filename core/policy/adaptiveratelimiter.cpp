// SPDX-License-Identifier: GPL-3.0-or-later
#include "adaptiveratelimiter.h"

#include <algorithm>
#include <limits>

namespace jimini {

namespace {
constexpr std::int64_t kNotStarted = std::numeric_limits<std::int64_t>::min();
constexpr std::uint64_t kOneError = std::uint64_t{1} << 32;
} // namespace

AdaptiveRateLimiter::AdaptiveRateLimiter(std::unique_ptr<RateLimiter> inner,
                                         const RateLimiterOptions& options)
    : m_inner(std::move(inner))
    , m_options(options)
    , m_baseRate(options.requestsPerSecond)
    , m_intervalStart(kNotStarted) {}

RateLimiterSnapshot AdaptiveRateLimiter::snapshot(TimePoint now) const noexcept {
    RateLimiterSnapshot s = m_inner->snapshot(now);
    s.multiplier = m_multiplier.load(std::memory_order_relaxed);
    return s;
}

void AdaptiveRateLimiter::setRate(double requestsPerSecond) noexcept {
    m_baseRate.store(requestsPerSecond, std::memory_order_relaxed);
    m_inner->setRate(requestsPerSecond * m_multiplier.load(std::memory_order_relaxed));
}

void AdaptiveRateLimiter::recordOutcome(bool error, TimePoint now) noexcept {
    const std::int64_t t = now.time_since_epoch().count();
    std::int64_t start = m_intervalStart.load(std::memory_order_acquire);
    if (start == kNotStarted) {
        m_intervalStart.compare_exchange_strong(start, t, std::memory_order_acq_rel);
    } else if (t - start >= m_options.adaptInterval.count() &&
               m_intervalStart.compare_exchange_strong(start, t, std::memory_order_acq_rel)) {
        // Only the thread that moved the interval on gets here, once per interval. Outcomes racing with
        // the exchange may land in either interval; the error rate is an estimate anyway.
        adapt(m_counts.exchange(0, std::memory_order_acq_rel));
    }
    m_counts.fetch_add(error ? kOneError + 1 : 1, std::memory_order_acq_rel);
}

void AdaptiveRateLimiter::adapt(std::uint64_t counts) noexcept {
    const auto calls = static_cast<std::uint32_t>(counts);
    const auto errors = static_cast<std::uint32_t>(counts >> 32);
    if (calls == 0)
        return;
    const double errorRate = double(errors) / double(calls);
    double multiplier = m_multiplier.load(std::memory_order_relaxed);
    if (errorRate > m_options.adaptHighErrorRate)
        multiplier = std::max(m_options.adaptMinMultiplier, multiplier * m_options.adaptDecrease);
    else if (errorRate < m_options.adaptLowErrorRate)
        multiplier = std::max(m_options.adaptMinMultiplier,
                              std::min(m_options.adaptMaxMultiplier, multiplier * m_options.adaptIncrease));
    else
        return;
    m_multiplier.store(multiplier, std::memory_order_relaxed);
    m_inner->setRate(m_baseRate.load(std::memory_order_relaxed) * multiplier);
}

} // namespace jimini
