// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "breakerstate.h"
#include "breakerwindow.h"
#include "circuitbreakeroptions.h"
#include "clock.h"
#include "outcome.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace jimini {

// The guide's circuit breaker (closed / open / half-open) plus operator overrides (isolated, disabled).
//
// The hot path (closed, ConsecutiveFailures: tryAcquire + record(success)) is a few atomic loads and no
// clock read. Every state change happens under m_mutex and bumps a generation; the state and its
// generation are published together in one atomic word that the hot path reads. Time-driven changes
// are applied lazily whenever the breaker is asked, so no timer is needed.
class CircuitBreaker {
public:
    CircuitBreaker(const CircuitBreakerOptions& options, const Clock& clock);
    CircuitBreaker(const CircuitBreaker&) = delete;
    CircuitBreaker& operator=(const CircuitBreaker&) = delete;

    // Permitted, or rejected with retryAfter = time until the next attempt may be admitted.
    BreakerPermit tryAcquire() noexcept;
    void record(const BreakerPermit& permit, const Outcome& outcome, Duration elapsed) noexcept;
    // The permit was not used (the call was cancelled before the operation ran).
    void release(const BreakerPermit& permit) noexcept;

    void isolate(std::optional<Duration> ttl = {}, std::string note = {}); // forced open
    void disable(std::optional<Duration> ttl = {}, std::string note = {}); // forced closed
    void automatic(std::string note = {}); // back to automatic control, closed
    void reset();                          // closed, window and open backoff cleared

    BreakerState state() const noexcept;
    BreakerSnapshot snapshot() const;
    // Called without any internal lock held, in transition order, once per transition. Set it before
    // the breaker is used. It must not throw (an exception is swallowed).
    void setTransitionListener(std::function<void(const BreakerTransition&)> listener);
    const CircuitBreakerOptions& options() const noexcept { return m_options; }

private:
    enum class Verdict : std::uint8_t { Success, Failure, NotCounted };
    Verdict classify(const Outcome& outcome) const noexcept;

    BreakerPermit acquireSlow(std::uint64_t word) noexcept;
    void recordSlow(const BreakerPermit& permit, bool failure, Duration elapsed) noexcept;
    void recordConsecutiveFailure(const BreakerPermit& permit) noexcept;
    void noteFailure(TimePoint at) noexcept;
    BreakerPermit reject(Duration retryAfter) noexcept;
    // Applies a due time-driven change; returns the (possibly new) state word.
    std::uint64_t pollLocked(TimePoint now) const noexcept;
    void transitionLocked(BreakerState to, TransitionReason reason, TimePoint now,
                          std::string note = {}) const;
    void clearStatsLocked(std::uint32_t generation) const noexcept;
    Duration grownOpenDuration() const noexcept;
    void setManual(BreakerState to, TransitionReason reason, std::optional<Duration> ttl, std::string note);
    void toClosed(TransitionReason reason, std::string note);
    void deliver() const noexcept;
    std::optional<TransitionReason> tripReasonLocked(TimePoint now) const noexcept;

    const CircuitBreakerOptions m_options;
    const Clock& m_clock;
    const bool m_slowRuleActive;

    // Hot: read on every call. (generation << 8) | state.
    alignas(64) mutable std::atomic<std::uint64_t> m_stateWord{0};
    // ConsecutiveFailures: (generation of the closed/disabled period that owns it << 32) | failures in a
    // row. Tagging the run with its period makes stragglers from earlier periods harmless.
    mutable std::atomic<std::uint64_t> m_run{0};
    // Published before the state word, so a reader that sees Open sees its deadline too.
    mutable std::atomic<std::int64_t> m_nextAttemptNs{0};
    mutable std::atomic<std::int64_t> m_manualUntilNs;

    alignas(64) std::atomic<std::uint64_t> m_rejected{0};
    alignas(64) std::atomic<std::int64_t> m_lastFailureNs;

    // Everything below is guarded by m_mutex (state changes are rare; windows are short updates).
    alignas(64) mutable std::mutex m_mutex;
    mutable BreakerWindow m_window;
    mutable std::uint32_t m_windowGeneration = 0;
    mutable std::uint64_t m_opens = 0;
    mutable Duration m_openDuration;
    mutable TimePoint m_halfOpenSince{};
    mutable std::uint32_t m_trialsInFlight = 0;
    mutable std::uint32_t m_trialsSucceeded = 0;
    mutable std::vector<BreakerTransition> m_pending;
    mutable std::vector<BreakerTransition> m_delivering;
    mutable bool m_notifying = false; // one thread delivers at a time, so the order holds

    std::function<void(const BreakerTransition&)> m_listener;
};

} // namespace jimini
