// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jimini {

enum class BreakerState : std::uint8_t { Closed, Open, HalfOpen, Isolated, Disabled };

enum class TransitionReason : std::uint8_t {
    FailureThreshold,    // ConsecutiveFailures: failureThreshold failures in a row
    FailureRate,         // ratio modes: failure rate reached failureRateThreshold
    SlowCallRate,        // ratio modes: slow-call rate reached slowCallRateThreshold
    OpenDurationElapsed, // open -> half-open
    TrialsSucceeded,     // half-open -> closed
    TrialFailed,         // half-open -> open
    HalfOpenTimeout,     // half-open -> open: trials did not all report within halfOpenMaxWait
    ManualIsolate,
    ManualDisable,
    ManualAuto,
    TtlExpired, // isolated/disabled -> closed: the manual override ran out
    Reset,
};

// "closed", "open", "half_open", "isolated", "disabled".
std::string_view toString(BreakerState state) noexcept;
// snake_case of the enumerator: "failure_threshold", "open_duration_elapsed", "ttl_expired", ...
std::string_view toString(TransitionReason reason) noexcept;

// One state change. Time-driven changes (open -> half-open, TTL expiry, half-open timeout) are applied
// lazily, so `at` is when the change was observed, never before it was due.
struct BreakerTransition {
    BreakerState from;
    BreakerState to;
    TransitionReason reason;
    TimePoint at;
    std::string note;
};

// The answer of CircuitBreaker::tryAcquire(). `generation` names the state period that issued it, so a
// late report from an earlier period cannot steer the current one.
struct BreakerPermit {
    bool permitted = false;
    bool trial = false;
    std::uint32_t generation = 0;
    Duration retryAfter{};
};

struct BreakerSnapshot {
    BreakerState state;
    bool manual;                 // isolated or disabled by an operator
    std::uint32_t failureCount;  // consecutive failures, or failures in the window
    double failureRate;          // ratio modes only (0 in ConsecutiveFailures)
    double slowCallRate;         // ratio modes only
    std::uint32_t bufferedCalls; // calls in the window (0 in ConsecutiveFailures)
    std::uint64_t rejectedCalls;
    std::uint64_t opens; // transitions into Open (Isolated not included)
    std::optional<TimePoint> lastFailureAt;
    std::optional<TimePoint> nextAttemptAt; // open: end of the open period; isolated: TTL end
    std::optional<TimePoint> manualUntil;
    Duration currentOpenDuration; // the length of the current (or next) open period
    std::uint32_t trialsInFlight;
};

} // namespace jimini
