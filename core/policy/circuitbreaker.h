// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "breakercore.h"
#include "breakernotifier.h"
#include "breakerstate.h"
#include "circuitbreakeroptions.h"
#include "clock.h"
#include "outcome.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

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
    // Each listener is called without the breaker's lock held, in transition order, once per transition,
    // until its handle is dropped. Adding and dropping are safe while the breaker is in use, but not
    // from inside a listener. A listener must not throw (an exception is swallowed).
    ListenerHandle addTransitionListener(std::function<void(const BreakerTransition&)> listener);
    const CircuitBreakerOptions& options() const noexcept { return m_options; }

private:
    enum class Verdict : std::uint8_t { Success, Failure, NotCounted };
    Verdict classify(const Outcome& outcome) const noexcept;

    BreakerPermit acquireSlow(std::uint64_t word) noexcept;
    void recordSlow(const BreakerPermit& permit, bool failure, Duration elapsed) noexcept;
    void recordConsecutiveFailure(const BreakerPermit& permit) noexcept;
    void noteFailure(TimePoint at) noexcept;
    BreakerPermit reject(Duration retryAfter) noexcept;
    void setManual(BreakerState to, TransitionReason reason, std::optional<Duration> ttl, std::string note);
    void toClosed(TransitionReason reason, std::string note);

    const CircuitBreakerOptions m_options;
    const Clock& m_clock;
    const bool m_slowRuleActive;

    // Guards every *Locked call of m_core and the notifier's queue (state changes are rare; windows are
    // short updates).
    alignas(64) mutable std::mutex m_mutex;
    mutable BreakerNotifier m_notifier;
    mutable BreakerCore m_core; // its state word is what the hot path reads

    alignas(64) std::atomic<std::uint64_t> m_rejected{0};
    alignas(64) std::atomic<std::int64_t> m_lastFailureNs;
};

} // namespace jimini
