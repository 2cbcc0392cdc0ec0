// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "outcome.h"

#include <cstdint>

namespace jimini {

enum class BreakerMode : std::uint8_t {
    ConsecutiveFailures, // the guide's failure_threshold: open after N failures in a row
    CountWindow,         // failure (or slow-call) ratio over the last windowSize calls
    TimeWindow,          // failure (or slow-call) ratio over the last windowDuration, in buckets
};

struct CircuitBreakerOptions {
    BreakerMode mode = BreakerMode::ConsecutiveFailures;
    std::uint32_t failureThreshold = 3; // ConsecutiveFailures: failures in a row that open the breaker

    // Ratio modes.
    double failureRateThreshold = 0.5;                  // open when failures / calls >= this
    std::uint32_t windowSize = 100;                     // CountWindow: calls remembered
    Duration windowDuration = std::chrono::seconds(60); // TimeWindow: span remembered
    std::uint32_t windowBuckets = 10;                   // TimeWindow: buckets the span is cut into
    std::uint32_t minimumThroughput = 10; // ratios only count once this many calls are in the window

    // Slow calls (ratio modes): a call slower than slowCallDuration counts as slow; the breaker opens
    // when slow calls / calls >= slowCallRateThreshold. A threshold above 1 disables the rule.
    Duration slowCallDuration = std::chrono::seconds(5);
    double slowCallRateThreshold = 1.1;

    // Open state: the guide's recovery_timeout, optionally growing by backoffMultiplier for each
    // consecutive re-open (half-open trial failed), up to maxOpenDuration.
    Duration openDuration = std::chrono::seconds(60);
    double backoffMultiplier = 1.0;
    Duration maxOpenDuration = std::chrono::minutes(10);

    // Half-open: exactly this many trial calls are admitted; they must all succeed to close.
    std::uint32_t halfOpenTrials = 1;
    // A half-open breaker whose trials have not all reported within this time opens again (0: never).
    Duration halfOpenMaxWait = Duration::zero();

    // Categories that count as failures. Business errors mean the service answered: not a failure.
    std::uint32_t failureCategories = categoryBit(ErrorCategory::ServiceUnavailable) |
                                      categoryBit(ErrorCategory::Timeout) |
                                      categoryBit(ErrorCategory::Unknown);
};

} // namespace jimini
