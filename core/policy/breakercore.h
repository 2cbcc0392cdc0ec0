// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "breakernotifier.h"
#include "breakerstate.h"
#include "breakerwindow.h"
#include "circuitbreakeroptions.h"
#include "clock.h"

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace jimini {

// The state machine behind CircuitBreaker: the published state word, the consecutive-failure run, the
// open backoff, the half-open trials and the failure window, and the rules that move between states.
// CircuitBreaker is its lock-free front and owns the lock: the *Locked members need the breaker's mutex
// held; the others are lock-free.
class BreakerCore {
public:
    static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
    static constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
    // Isolated without a TTL has no next attempt; callers are told the guide's breaker default.
    static constexpr Duration kIsolatedRetryAfter = std::chrono::seconds(60);

    // The state word: (generation << 8) | state.
    static constexpr std::uint64_t pack(BreakerState state, std::uint32_t generation) noexcept {
        return (std::uint64_t{generation} << 8) | static_cast<std::uint64_t>(state);
    }
    static constexpr BreakerState stateOf(std::uint64_t word) noexcept {
        return static_cast<BreakerState>(word & 0xff);
    }
    static constexpr std::uint32_t generationOf(std::uint64_t word) noexcept {
        return static_cast<std::uint32_t>(word >> 8);
    }
    static constexpr std::int64_t ns(TimePoint t) noexcept { return t.time_since_epoch().count(); }
    static constexpr TimePoint at(std::int64_t ns) noexcept { return TimePoint{Duration{ns}}; }
    static std::int64_t addSaturated(std::int64_t a, std::int64_t b) noexcept {
        std::int64_t sum = 0;
        if (__builtin_add_overflow(a, b, &sum))
            return b > 0 ? kForever : kNever + 1;
        return sum;
    }

    BreakerCore(const CircuitBreakerOptions& options, BreakerNotifier& notifier);
    BreakerCore(const BreakerCore&) = delete;
    BreakerCore& operator=(const BreakerCore&) = delete;

    std::uint64_t word(std::memory_order order) const noexcept { return m_stateWord.load(order); }
    std::int64_t nextAttemptNs(std::memory_order order) const noexcept { return m_nextAttemptNs.load(order); }
    std::int64_t manualUntilNs(std::memory_order order) const noexcept { return m_manualUntilNs.load(order); }

    // ConsecutiveFailures: a success ends the run, but only the run of the period that issued the
    // permit; the common case (no run to end) writes nothing, so concurrent successes do not fight.
    void endRun(std::uint32_t generation) noexcept {
        auto run = m_run.load(std::memory_order_relaxed);
        const auto start = runStart(generation);
        while (run != start && (run >> 32) == generation &&
               !m_run.compare_exchange_weak(run, start, std::memory_order_relaxed)) {
        }
    }
    // The run's length after this failure; 0 for a straggler from a period whose run is gone.
    std::uint32_t addFailure(std::uint32_t generation) noexcept;
    bool runReachedLocked(std::uint32_t generation, std::uint32_t threshold) const noexcept;

    // Applies a due time-driven change; returns the (possibly new) state word.
    std::uint64_t pollLocked(TimePoint now) noexcept;
    void transitionLocked(BreakerState to, TransitionReason reason, TimePoint now, std::string note = {});
    // Already closed: a new period, so calls still in flight cannot refill the window.
    void newPeriodLocked() noexcept;
    void setManualUntilLocked(std::int64_t untilNs) noexcept;

    bool admitTrialLocked() noexcept;
    Duration trialRetryAfterLocked(TimePoint now) const noexcept;
    void reportTrialLocked(std::uint32_t generation, bool failed, TimePoint now);
    void releaseTrialLocked(std::uint32_t generation) noexcept;

    // Counts the call in the window of its period; the reason to open, if the closed breaker should.
    std::optional<TransitionReason> recordLocked(std::uint32_t generation, bool failure, bool slow,
                                                 TimePoint now) noexcept;
    // Everything but the lock-free counters (rejected calls, last failure).
    void fillLocked(BreakerSnapshot& s, TimePoint now) const noexcept;

private:
    // ConsecutiveFailures: (generation of the closed/disabled period that owns it << 32) | failures in a
    // row. Tagging the run with its period makes stragglers from earlier periods harmless.
    static constexpr std::uint64_t runStart(std::uint32_t generation) noexcept {
        return std::uint64_t{generation} << 32;
    }
    void clearStatsLocked(std::uint32_t generation) noexcept;
    Duration grownOpenDuration() const noexcept;
    std::optional<TransitionReason> tripReasonLocked(TimePoint now) const noexcept;

    const CircuitBreakerOptions& m_options;
    BreakerNotifier& m_notifier;

    // Hot: read on every call.
    alignas(64) std::atomic<std::uint64_t> m_stateWord{0};
    std::atomic<std::uint64_t> m_run{0};
    // Published before the state word, so a reader that sees Open sees its deadline too.
    std::atomic<std::int64_t> m_nextAttemptNs{0};
    std::atomic<std::int64_t> m_manualUntilNs{kForever};

    // Everything below is guarded by the breaker's mutex.
    alignas(64) BreakerWindow m_window;
    std::uint32_t m_windowGeneration = 0;
    std::uint64_t m_opens = 0;
    Duration m_openDuration;
    TimePoint m_halfOpenSince{};
    std::uint32_t m_trialsInFlight = 0;
    std::uint32_t m_trialsSucceeded = 0;
};

} // namespace jimini
