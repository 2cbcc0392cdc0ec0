// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ratelimiter.h"
#include "ratelimiteroptions.h"

#include <atomic>
#include <cstdint>

namespace jimini {

// The guide's token bucket (requests_per_second, burst_limit) as GCRA: the whole bucket is one
// theoretical arrival time (TAT) in one atomic word, updated by a CAS loop. The bucket starts full; a
// request for n permits passes when max(TAT, now) + n*interval - now <= burst*interval.
//
// setRate() keeps the token count (not the time to refill) and converts at the latest `now` this
// limiter has seen. The word also carries a 2-bit rate generation that picks one of two interval
// slots, so every CAS is computed with the interval that belongs to the TAT it replaces.
class TokenBucketLimiter final : public RateLimiter {
public:
    TokenBucketLimiter(double requestsPerSecond, std::uint32_t burst);
    explicit TokenBucketLimiter(const RateLimiterOptions& options)
        : TokenBucketLimiter(options.requestsPerSecond, options.burst) {}

    RateDecision tryAcquire(TimePoint now, std::uint32_t permits = 1) noexcept override;
    RateLimiterSnapshot snapshot(TimePoint now) const noexcept override;
    void setRate(double requestsPerSecond) noexcept override;

    std::uint32_t burst() const noexcept { return m_burst; }
    // The emission interval in force (1/rate, whole nanoseconds).
    Duration interval() const noexcept;

private:
    std::int64_t intervalFor(double requestsPerSecond) const noexcept;
    void noteNow(std::int64_t now) noexcept;

    const std::uint32_t m_burst;
    std::atomic<std::uint64_t> m_state;      // TAT (ns) << 2 | rate generation
    std::atomic<std::int64_t> m_interval[2]; // ns per token, indexed by generation & 1
    std::atomic<double> m_rate;
    std::atomic<std::int64_t> m_lastNow; // for setRate(), which is not told the time
    std::atomic<bool> m_rateLock{false}; // serialises setRate() calls only
    std::atomic<std::uint64_t> m_permitted{0};
    std::atomic<std::uint64_t> m_rejected{0};
};

} // namespace jimini
