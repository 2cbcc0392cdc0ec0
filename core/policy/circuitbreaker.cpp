// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuitbreaker.h"

#include <algorithm>
#include <utility>

namespace jimini {

namespace {
using Core = BreakerCore;
} // namespace

CircuitBreaker::CircuitBreaker(const CircuitBreakerOptions& options, const Clock& clock)
    : m_options(options)
    , m_clock(clock)
    , m_slowRuleActive(options.mode != BreakerMode::ConsecutiveFailures &&
                       options.slowCallRateThreshold <= 1.0)
    , m_notifier(m_mutex)
    , m_core(m_options, m_notifier)
    , m_lastFailureNs(Core::kNever) {}

ListenerHandle CircuitBreaker::addTransitionListener(std::function<void(const BreakerTransition&)> listener) {
    return m_notifier.addListener(std::move(listener));
}

CircuitBreaker::Verdict CircuitBreaker::classify(const Outcome& outcome) const noexcept {
    switch (outcome.kind) {
    case OutcomeKind::Success:
        return Verdict::Success;
    case OutcomeKind::Failure:
    case OutcomeKind::TimedOut: {
        const auto category =
            (outcome.kind == OutcomeKind::TimedOut && outcome.category == ErrorCategory::None)
                ? ErrorCategory::Timeout
                : outcome.category;
        // Any other category (business_logic, rate_limit, ...) means the service answered.
        return (m_options.failureCategories & categoryBit(category)) ? Verdict::Failure : Verdict::Success;
    }
    default:
        return Verdict::NotCounted; // the operation never reached the service
    }
}

BreakerPermit CircuitBreaker::tryAcquire() noexcept {
    const auto word = m_core.word(std::memory_order_acquire);
    if (Core::stateOf(word) == BreakerState::Closed) [[likely]]
        return BreakerPermit{true, false, Core::generationOf(word), {}};
    return acquireSlow(word);
}

BreakerPermit CircuitBreaker::reject(Duration retryAfter) noexcept {
    m_rejected.fetch_add(1, std::memory_order_relaxed);
    return BreakerPermit{false, false, 0, std::max(retryAfter, Duration{1})};
}

BreakerPermit CircuitBreaker::acquireSlow(std::uint64_t word) noexcept {
    const auto state = Core::stateOf(word);
    const bool manual = state == BreakerState::Disabled || state == BreakerState::Isolated;
    // Lock-free answers while nothing time-driven is due.
    if (manual && m_core.manualUntilNs(std::memory_order_acquire) == Core::kForever)
        return state == BreakerState::Disabled ? BreakerPermit{true, false, Core::generationOf(word), {}}
                                               : reject(Core::kIsolatedRetryAfter);
    const auto now = m_clock.now();
    if (state == BreakerState::Open) {
        const auto next = m_core.nextAttemptNs(std::memory_order_acquire);
        if (Core::ns(now) < next)
            return reject(Duration{next - Core::ns(now)});
    } else if (manual) {
        const auto until = m_core.manualUntilNs(std::memory_order_acquire);
        if (Core::ns(now) < until)
            return state == BreakerState::Disabled ? BreakerPermit{true, false, Core::generationOf(word), {}}
                                                   : reject(Duration{until - Core::ns(now)});
    }

    BreakerPermit permit;
    Duration retryAfter{};
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        word = m_core.pollLocked(now);
        switch (Core::stateOf(word)) {
        case BreakerState::Closed:
        case BreakerState::Disabled:
            permit = BreakerPermit{true, false, Core::generationOf(word), {}};
            break;
        case BreakerState::Open:
            retryAfter = Duration{m_core.nextAttemptNs(std::memory_order_relaxed) - Core::ns(now)};
            break;
        case BreakerState::Isolated: {
            const auto until = m_core.manualUntilNs(std::memory_order_relaxed);
            retryAfter =
                until == Core::kForever ? Core::kIsolatedRetryAfter : Duration{until - Core::ns(now)};
            break;
        }
        case BreakerState::HalfOpen:
            if (m_core.admitTrialLocked())
                permit = BreakerPermit{true, true, Core::generationOf(word), {}};
            else
                retryAfter = m_core.trialRetryAfterLocked(now);
            break;
        }
        changed = m_notifier.hasPendingLocked();
    }
    if (changed)
        m_notifier.deliver();
    return permit.permitted ? permit : reject(retryAfter);
}

void CircuitBreaker::record(const BreakerPermit& permit, const Outcome& outcome, Duration elapsed) noexcept {
    if (!permit.permitted)
        return;
    const auto verdict = classify(outcome);
    if (verdict == Verdict::NotCounted) {
        release(permit);
        return;
    }
    if (m_options.mode == BreakerMode::ConsecutiveFailures && !permit.trial) {
        if (verdict == Verdict::Failure)
            recordConsecutiveFailure(permit);
        else
            m_core.endRun(permit.generation);
        return;
    }
    recordSlow(permit, verdict == Verdict::Failure, elapsed);
}

void CircuitBreaker::noteFailure(TimePoint when) noexcept {
    auto last = m_lastFailureNs.load(std::memory_order_relaxed);
    while (last < Core::ns(when) &&
           !m_lastFailureNs.compare_exchange_weak(last, Core::ns(when), std::memory_order_relaxed)) {
    }
}

void CircuitBreaker::recordConsecutiveFailure(const BreakerPermit& permit) noexcept {
    const auto now = m_clock.now();
    noteFailure(now);
    const auto count = m_core.addFailure(permit.generation);
    const auto threshold = std::max<std::uint32_t>(1, m_options.failureThreshold);
    const auto closed = Core::pack(BreakerState::Closed, permit.generation);
    if (count < threshold || m_core.word(std::memory_order_acquire) != closed)
        return;
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        // A success may have ended the run, or another failure opened the breaker, meanwhile.
        if (m_core.word(std::memory_order_relaxed) == closed &&
            m_core.runReachedLocked(permit.generation, threshold))
            m_core.transitionLocked(BreakerState::Open, TransitionReason::FailureThreshold, now);
        changed = m_notifier.hasPendingLocked();
    }
    if (changed)
        m_notifier.deliver();
}

void CircuitBreaker::recordSlow(const BreakerPermit& permit, bool failure, Duration elapsed) noexcept {
    const bool slow = elapsed >= m_options.slowCallDuration;
    // The count window needs the time only for a failure or a trip; read the clock no more than needed.
    const bool needNow = failure || permit.trial || m_options.mode == BreakerMode::TimeWindow;
    auto now = needNow ? m_clock.now() : TimePoint{};
    if (failure)
        noteFailure(now);
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        if (permit.trial) {
            m_core.reportTrialLocked(permit.generation, failure || (m_slowRuleActive && slow), now);
        } else if (const auto reason = m_core.recordLocked(permit.generation, failure, slow, now)) {
            m_core.transitionLocked(BreakerState::Open, *reason, needNow ? now : m_clock.now());
        }
        changed = m_notifier.hasPendingLocked();
    }
    if (changed)
        m_notifier.deliver();
}

void CircuitBreaker::release(const BreakerPermit& permit) noexcept {
    if (!permit.permitted || !permit.trial)
        return; // only half-open trials hold a slot
    std::lock_guard lock(m_mutex);
    m_core.releaseTrialLocked(permit.generation);
}

void CircuitBreaker::setManual(BreakerState to, TransitionReason reason, std::optional<Duration> ttl,
                               std::string note) {
    {
        std::lock_guard lock(m_mutex);
        const auto now = m_clock.now();
        m_core.setManualUntilLocked(
            ttl ? Core::addSaturated(Core::ns(now), std::max(*ttl, Duration::zero()).count())
                : Core::kForever);
        // Repeating the same override only moves its TTL: no state change, no transition.
        if (Core::stateOf(m_core.word(std::memory_order_relaxed)) != to)
            m_core.transitionLocked(to, reason, now, std::move(note));
    }
    m_notifier.deliver();
}

void CircuitBreaker::isolate(std::optional<Duration> ttl, std::string note) {
    setManual(BreakerState::Isolated, TransitionReason::ManualIsolate, ttl, std::move(note));
}

void CircuitBreaker::disable(std::optional<Duration> ttl, std::string note) {
    setManual(BreakerState::Disabled, TransitionReason::ManualDisable, ttl, std::move(note));
}

void CircuitBreaker::toClosed(TransitionReason reason, std::string note) {
    {
        std::lock_guard lock(m_mutex);
        if (Core::stateOf(m_core.word(std::memory_order_relaxed)) != BreakerState::Closed)
            m_core.transitionLocked(BreakerState::Closed, reason, m_clock.now(), std::move(note));
        else if (reason == TransitionReason::Reset)
            m_core.newPeriodLocked();
    }
    m_notifier.deliver();
}

void CircuitBreaker::automatic(std::string note) {
    toClosed(TransitionReason::ManualAuto, std::move(note));
}

void CircuitBreaker::reset() {
    toClosed(TransitionReason::Reset, {});
}

BreakerState CircuitBreaker::state() const noexcept {
    const auto current = Core::stateOf(m_core.word(std::memory_order_acquire));
    if (current == BreakerState::Closed)
        return current;
    if ((current == BreakerState::Isolated || current == BreakerState::Disabled) &&
        m_core.manualUntilNs(std::memory_order_acquire) == Core::kForever)
        return current;
    const auto now = m_clock.now();
    bool changed = false;
    BreakerState state;
    {
        std::lock_guard lock(m_mutex);
        state = Core::stateOf(m_core.pollLocked(now));
        changed = m_notifier.hasPendingLocked();
    }
    if (changed)
        m_notifier.deliver();
    return state;
}

BreakerSnapshot CircuitBreaker::snapshot() const {
    const auto now = m_clock.now();
    BreakerSnapshot s{};
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        m_core.pollLocked(now);
        m_core.fillLocked(s, now);
        changed = m_notifier.hasPendingLocked();
    }
    s.rejectedCalls = m_rejected.load(std::memory_order_relaxed);
    if (const auto last = m_lastFailureNs.load(std::memory_order_relaxed); last != Core::kNever)
        s.lastFailureAt = Core::at(last);
    if (changed)
        m_notifier.deliver();
    return s;
}

} // namespace jimini
