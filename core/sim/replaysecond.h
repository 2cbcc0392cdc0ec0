// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/breakerstate.h"
#include "policy/callcategory.h"

#include <array>
#include <cstdint>
#include <optional>

namespace jimini {

// One second of one dependency in a replay: [second, second + 1) from the scenario's start. Counts are
// of that second only; states are as they were at its end. What the config does not have (no breaker,
// no limiter, no bulkhead) and what did not happen (no call finished: no percentile) is absent.
struct ReplaySecond {
    std::uint32_t dependency = 0;
    std::int64_t second = 0;
    std::uint64_t offered = 0; // calls the callers started
    std::uint64_t skipped = 0; // calls not started: the simulator's in-flight cap (reported, never hidden)
    std::array<std::uint64_t, callCategoryCount> finished{}; // calls that ended, by what the caller saw
    std::uint64_t attempts = 0; // attempts sent to the dependency, retries included: its load
    std::uint64_t retries = 0;  // of those, retries
    std::uint32_t transitions = 0;
    std::optional<BreakerState> breaker;
    std::optional<double> tokens; // the rate limiter's, fractional
    std::optional<std::uint32_t> bulkheadActive;
    std::optional<std::uint32_t> bulkheadQueued;
    std::optional<double> p50Ms; // latency the callers saw, of the calls that ended in this second
    std::optional<double> p95Ms;
    std::optional<double> p99Ms;

    std::uint64_t count(CallCategory c) const noexcept { return finished[std::size_t(c)]; }
    std::uint64_t ended() const noexcept {
        std::uint64_t n = 0;
        for (const std::uint64_t c : finished)
            n += c;
        return n;
    }
    std::uint64_t shed() const noexcept {
        return count(CallCategory::RateLimited) + count(CallCategory::BulkheadFull) +
               count(CallCategory::BreakerOpen);
    }
};

} // namespace jimini
