// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>

namespace jimini {

// The guide's statistics block (total, successful, failed, circuit_breaker_opens, rate_limit_hits,
// timeouts, retries) plus the rejections the guide folds into "failed".
struct PipelineStats {
    std::uint64_t total = 0;
    std::uint64_t successful = 0;
    std::uint64_t failed = 0;
    std::uint64_t circuitBreakerOpens = 0;
    std::uint64_t rateLimitHits = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t retries = 0;
    std::uint64_t bulkheadRejections = 0;
    std::uint64_t queueTimeouts = 0;
    std::uint64_t breakerRejections = 0;

    std::uint64_t inFlight() const noexcept { return total - successful - failed; }
};

// Relaxed atomics: each counter is exact on its own; a snapshot taken under load may see one counter
// a call ahead of another, which is fine for monitoring.
class PipelineCounters {
public:
    void add(std::atomic<std::uint64_t>& counter) noexcept {
        counter.fetch_add(1, std::memory_order_relaxed);
    }
    PipelineStats load() const noexcept;

    std::atomic<std::uint64_t> total{0};
    std::atomic<std::uint64_t> successful{0};
    std::atomic<std::uint64_t> failed{0};
    std::atomic<std::uint64_t> rateLimitHits{0};
    std::atomic<std::uint64_t> timeouts{0};
    std::atomic<std::uint64_t> retries{0};
    std::atomic<std::uint64_t> bulkheadRejections{0};
    std::atomic<std::uint64_t> queueTimeouts{0};
    std::atomic<std::uint64_t> breakerRejections{0};
};

inline PipelineStats PipelineCounters::load() const noexcept {
    PipelineStats s;
    // Completions first, so that successful + failed never exceeds total in one snapshot.
    s.successful = successful.load(std::memory_order_relaxed);
    s.failed = failed.load(std::memory_order_relaxed);
    s.total = total.load(std::memory_order_relaxed);
    if (s.total < s.successful + s.failed)
        s.total = s.successful + s.failed;
    s.rateLimitHits = rateLimitHits.load(std::memory_order_relaxed);
    s.timeouts = timeouts.load(std::memory_order_relaxed);
    s.retries = retries.load(std::memory_order_relaxed);
    s.bulkheadRejections = bulkheadRejections.load(std::memory_order_relaxed);
    s.queueTimeouts = queueTimeouts.load(std::memory_order_relaxed);
    s.breakerRejections = breakerRejections.load(std::memory_order_relaxed);
    return s;
}

} // namespace jimini
