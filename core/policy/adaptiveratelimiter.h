// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ratelimiter.h"
#include "ratelimiteroptions.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace jimini {

// The guide's AdaptiveRateLimiter around any RateLimiter: it counts calls and errors per adaptInterval
// and, at the first outcome after an interval has elapsed (if that interval saw calls), multiplies the
// rate by adaptDecrease above adaptHighErrorRate or by adaptIncrease below adaptLowErrorRate (capped at
// adaptMaxMultiplier, floored at adaptMinMultiplier), then sets the inner rate to base * multiplier.
// The first recordOutcome() starts the first interval; the outcome that closes an interval counts
// in the next one.
class AdaptiveRateLimiter final : public RateLimiter {
public:
    // The base rate is options.requestsPerSecond.
    AdaptiveRateLimiter(std::unique_ptr<RateLimiter> inner, const RateLimiterOptions& options);

    RateDecision tryAcquire(TimePoint now, std::uint32_t permits = 1) noexcept override {
        return m_inner->tryAcquire(now, permits);
    }
    RateLimiterSnapshot snapshot(TimePoint now) const noexcept override;
    // Sets the base rate (configuration reload); the multiplier stays.
    void setRate(double requestsPerSecond) noexcept override;
    void recordOutcome(bool error, TimePoint now) noexcept override;

    double multiplier() const noexcept { return m_multiplier.load(std::memory_order_relaxed); }
    double baseRate() const noexcept { return m_baseRate.load(std::memory_order_relaxed); }
    const RateLimiter& inner() const noexcept { return *m_inner; }

private:
    void adapt(std::uint64_t counts) noexcept;

    const std::unique_ptr<RateLimiter> m_inner;
    const RateLimiterOptions m_options;
    std::atomic<double> m_baseRate;
    std::atomic<double> m_multiplier{1.0};
    std::atomic<std::int64_t> m_intervalStart;
    // errors << 32 | calls, so that one exchange closes an interval consistently.
    std::atomic<std::uint64_t> m_counts{0};
};

} // namespace jimini
