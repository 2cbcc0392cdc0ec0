// SPDX-License-Identifier: GPL-3.0-or-later
#include "circuitbreaker.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace jimini {

namespace {
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
// Isolated without a TTL has no next attempt; callers are told the guide's breaker default.
constexpr Duration kIsolatedRetryAfter = std::chrono::seconds(60);

constexpr std::uint64_t packState(BreakerState state, std::uint32_t generation) noexcept {
    return (std::uint64_t{generation} << 8) | static_cast<std::uint64_t>(state);
}
constexpr BreakerState stateOf(std::uint64_t word) noexcept {
    return static_cast<BreakerState>(word & 0xff);
}
constexpr std::uint32_t generationOf(std::uint64_t word) noexcept {
    return static_cast<std::uint32_t>(word >> 8);
}
constexpr std::uint64_t runStart(std::uint32_t generation) noexcept {
    return std::uint64_t{generation} << 32;
}

std::int64_t ns(TimePoint t) noexcept {
    return t.time_since_epoch().count();
}
TimePoint at(std::int64_t ns) noexcept {
    return TimePoint{Duration{ns}};
}
std::int64_t addSaturated(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? kForever : std::numeric_limits<std::int64_t>::min() + 1;
    return sum;
}
} // namespace

CircuitBreaker::CircuitBreaker(const CircuitBreakerOptions& options, const Clock& clock)
    : m_options(options)
    , m_clock(clock)
    , m_slowRuleActive(options.mode != BreakerMode::ConsecutiveFailures &&
                       options.slowCallRateThreshold <= 1.0)
    , m_manualUntilNs(kForever)
    , m_lastFailureNs(kNever)
    , m_window(options)
    , m_openDuration(options.openDuration) {
    // Transitions are rare, but reserving keeps them from allocating in the common case.
    m_pending.reserve(8);
    m_delivering.reserve(8);
}

void CircuitBreaker::setTransitionListener(std::function<void(const BreakerTransition&)> listener) {
    m_listener = std::move(listener);
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
    const auto word = m_stateWord.load(std::memory_order_acquire);
    if (stateOf(word) == BreakerState::Closed) [[likely]]
        return BreakerPermit{true, false, generationOf(word), {}};
    return acquireSlow(word);
}

BreakerPermit CircuitBreaker::reject(Duration retryAfter) noexcept {
    m_rejected.fetch_add(1, std::memory_order_relaxed);
    return BreakerPermit{false, false, 0, std::max(retryAfter, Duration{1})};
}

BreakerPermit CircuitBreaker::acquireSlow(std::uint64_t word) noexcept {
    const auto state = stateOf(word);
    // Lock-free answers while nothing time-driven is due.
    if (state == BreakerState::Disabled || state == BreakerState::Isolated) {
        const auto until = m_manualUntilNs.load(std::memory_order_acquire);
        if (until == kForever)
            return state == BreakerState::Disabled ? BreakerPermit{true, false, generationOf(word), {}}
                                                   : reject(kIsolatedRetryAfter);
    }
    const auto now = m_clock.now();
    if (state == BreakerState::Open) {
        const auto next = m_nextAttemptNs.load(std::memory_order_acquire);
        if (ns(now) < next)
            return reject(Duration{next - ns(now)});
    } else if (state == BreakerState::Disabled || state == BreakerState::Isolated) {
        const auto until = m_manualUntilNs.load(std::memory_order_acquire);
        if (ns(now) < until)
            return state == BreakerState::Disabled ? BreakerPermit{true, false, generationOf(word), {}}
                                                   : reject(Duration{until - ns(now)});
    }

    BreakerPermit permit;
    Duration retryAfter{};
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        word = pollLocked(now);
        switch (stateOf(word)) {
        case BreakerState::Closed:
        case BreakerState::Disabled:
            permit = BreakerPermit{true, false, generationOf(word), {}};
            break;
        case BreakerState::Open:
            retryAfter = Duration{m_nextAttemptNs.load(std::memory_order_relaxed) - ns(now)};
            break;
        case BreakerState::Isolated: {
            const auto until = m_manualUntilNs.load(std::memory_order_relaxed);
            retryAfter = until == kForever ? kIsolatedRetryAfter : Duration{until - ns(now)};
            break;
        }
        case BreakerState::HalfOpen:
            if (m_trialsInFlight + m_trialsSucceeded < std::max<std::uint32_t>(1, m_options.halfOpenTrials)) {
                ++m_trialsInFlight;
                permit = BreakerPermit{true, true, generationOf(word), {}};
            } else if (m_options.halfOpenMaxWait > Duration::zero()) {
                retryAfter = m_halfOpenSince + m_options.halfOpenMaxWait - now;
            } else {
                // The trials may report any moment; without a deadline the base open time is the hint.
                retryAfter = m_options.openDuration;
            }
            break;
        }
        changed = !m_pending.empty();
    }
    if (changed)
        deliver();
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
        if (verdict == Verdict::Failure) {
            recordConsecutiveFailure(permit);
            return;
        }
        // A success ends the run, but only the run of the period that issued the permit; the common
        // case (no run to end) writes nothing, so concurrent successes do not fight over the line.
        auto run = m_run.load(std::memory_order_relaxed);
        const auto start = runStart(permit.generation);
        while (run != start && (run >> 32) == permit.generation &&
               !m_run.compare_exchange_weak(run, start, std::memory_order_relaxed)) {
        }
        return;
    }
    recordSlow(permit, verdict == Verdict::Failure, elapsed);
}

void CircuitBreaker::noteFailure(TimePoint when) noexcept {
    auto last = m_lastFailureNs.load(std::memory_order_relaxed);
    while (last < ns(when) &&
           !m_lastFailureNs.compare_exchange_weak(last, ns(when), std::memory_order_relaxed)) {
    }
}

void CircuitBreaker::recordConsecutiveFailure(const BreakerPermit& permit) noexcept {
    const auto now = m_clock.now();
    noteFailure(now);
    auto run = m_run.load(std::memory_order_relaxed);
    std::uint32_t count = 0;
    for (;;) {
        if ((run >> 32) != permit.generation)
            return; // a straggler from a period whose run is gone
        count = static_cast<std::uint32_t>(run);
        if (count == std::numeric_limits<std::uint32_t>::max())
            break; // saturate rather than carry into the generation
        if (m_run.compare_exchange_weak(run, run + 1, std::memory_order_relaxed)) {
            ++count;
            break;
        }
    }
    const auto threshold = std::max<std::uint32_t>(1, m_options.failureThreshold);
    const auto closed = packState(BreakerState::Closed, permit.generation);
    if (count < threshold || m_stateWord.load(std::memory_order_acquire) != closed)
        return;
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        // A success may have ended the run, or another failure opened the breaker, meanwhile.
        const auto current = m_run.load(std::memory_order_relaxed);
        if (m_stateWord.load(std::memory_order_relaxed) == closed && (current >> 32) == permit.generation &&
            static_cast<std::uint32_t>(current) >= threshold) {
            transitionLocked(BreakerState::Open, TransitionReason::FailureThreshold, now);
        }
        changed = !m_pending.empty();
    }
    if (changed)
        deliver();
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
            // The half-open deadline may have passed before this trial reported.
            const auto word = pollLocked(now);
            if (word == packState(BreakerState::HalfOpen, permit.generation)) {
                if (m_trialsInFlight > 0)
                    --m_trialsInFlight;
                if (failure || (m_slowRuleActive && slow))
                    transitionLocked(BreakerState::Open, TransitionReason::TrialFailed, now);
                else if (++m_trialsSucceeded >= std::max<std::uint32_t>(1, m_options.halfOpenTrials))
                    transitionLocked(BreakerState::Closed, TransitionReason::TrialsSucceeded, now);
            }
        } else if (permit.generation == m_windowGeneration) {
            m_window.record(failure, slow, now);
            if (m_stateWord.load(std::memory_order_relaxed) ==
                packState(BreakerState::Closed, permit.generation)) {
                if (const auto reason = tripReasonLocked(now))
                    transitionLocked(BreakerState::Open, *reason, needNow ? now : m_clock.now());
            }
        }
        changed = !m_pending.empty();
    }
    if (changed)
        deliver();
}

std::optional<TransitionReason> CircuitBreaker::tripReasonLocked(TimePoint now) const noexcept {
    const auto totals = m_window.totals(now);
    if (totals.calls == 0 || totals.calls < m_options.minimumThroughput)
        return std::nullopt;
    const double calls = totals.calls;
    if (totals.failures / calls >= m_options.failureRateThreshold)
        return TransitionReason::FailureRate;
    if (totals.slowCalls / calls >= m_options.slowCallRateThreshold)
        return TransitionReason::SlowCallRate;
    return std::nullopt;
}

void CircuitBreaker::release(const BreakerPermit& permit) noexcept {
    if (!permit.permitted || !permit.trial)
        return; // only half-open trials hold a slot
    std::lock_guard lock(m_mutex);
    if (m_stateWord.load(std::memory_order_relaxed) == packState(BreakerState::HalfOpen, permit.generation) &&
        m_trialsInFlight > 0)
        --m_trialsInFlight;
}

Duration CircuitBreaker::grownOpenDuration() const noexcept {
    const auto cap = std::max(m_options.maxOpenDuration, m_options.openDuration);
    const double grown =
        static_cast<double>(m_openDuration.count()) * std::max(1.0, m_options.backoffMultiplier);
    return grown >= static_cast<double>(cap.count()) ? cap : Duration{static_cast<Duration::rep>(grown)};
}

void CircuitBreaker::clearStatsLocked(std::uint32_t generation) const noexcept {
    m_window.clear();
    m_windowGeneration = generation;
    m_run.store(runStart(generation), std::memory_order_relaxed);
}

void CircuitBreaker::transitionLocked(BreakerState to, TransitionReason reason, TimePoint now,
                                      std::string note) const {
    const auto word = m_stateWord.load(std::memory_order_relaxed);
    const auto from = stateOf(word);
    const auto generation = generationOf(word) + 1;
    switch (to) {
    case BreakerState::Open:
        // Only a re-open straight from half-open backs off; a close resets the open time.
        if (from == BreakerState::HalfOpen)
            m_openDuration = grownOpenDuration();
        ++m_opens;
        m_nextAttemptNs.store(addSaturated(ns(now), m_openDuration.count()), std::memory_order_release);
        break;
    case BreakerState::HalfOpen:
        m_halfOpenSince = now;
        m_trialsInFlight = 0;
        m_trialsSucceeded = 0;
        break;
    case BreakerState::Closed:
        m_openDuration = m_options.openDuration;
        m_manualUntilNs.store(kForever, std::memory_order_release);
        clearStatsLocked(generation);
        break;
    case BreakerState::Disabled:
        clearStatsLocked(generation); // a fresh view of how the service does while nothing trips
        break;
    case BreakerState::Isolated:
        break;
    }
    m_stateWord.store(packState(to, generation), std::memory_order_release);
    m_pending.push_back(BreakerTransition{from, to, reason, now, std::move(note)});
}

std::uint64_t CircuitBreaker::pollLocked(TimePoint now) const noexcept {
    const auto word = m_stateWord.load(std::memory_order_relaxed);
    switch (stateOf(word)) {
    case BreakerState::Open:
        if (ns(now) >= m_nextAttemptNs.load(std::memory_order_relaxed))
            transitionLocked(BreakerState::HalfOpen, TransitionReason::OpenDurationElapsed, now);
        break;
    case BreakerState::HalfOpen:
        if (m_options.halfOpenMaxWait > Duration::zero() &&
            ns(now) >= addSaturated(ns(m_halfOpenSince), m_options.halfOpenMaxWait.count()))
            transitionLocked(BreakerState::Open, TransitionReason::HalfOpenTimeout, now);
        break;
    case BreakerState::Isolated:
    case BreakerState::Disabled:
        if (ns(now) >= m_manualUntilNs.load(std::memory_order_relaxed))
            transitionLocked(BreakerState::Closed, TransitionReason::TtlExpired, now);
        break;
    case BreakerState::Closed:
        break;
    }
    return m_stateWord.load(std::memory_order_relaxed);
}

void CircuitBreaker::setManual(BreakerState to, TransitionReason reason, std::optional<Duration> ttl,
                               std::string note) {
    {
        std::lock_guard lock(m_mutex);
        const auto now = m_clock.now();
        m_manualUntilNs.store(ttl ? addSaturated(ns(now), std::max(*ttl, Duration::zero()).count())
                                  : kForever,
                              std::memory_order_release);
        // Repeating the same override only moves its TTL: no state change, no transition.
        if (stateOf(m_stateWord.load(std::memory_order_relaxed)) != to)
            transitionLocked(to, reason, now, std::move(note));
    }
    deliver();
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
        const auto word = m_stateWord.load(std::memory_order_relaxed);
        if (stateOf(word) != BreakerState::Closed) {
            transitionLocked(BreakerState::Closed, reason, m_clock.now(), std::move(note));
        } else if (reason == TransitionReason::Reset) {
            // Already closed: start a new period so calls still in flight cannot refill the window.
            const auto generation = generationOf(word) + 1;
            m_openDuration = m_options.openDuration;
            clearStatsLocked(generation);
            m_stateWord.store(packState(BreakerState::Closed, generation), std::memory_order_release);
        }
    }
    deliver();
}

void CircuitBreaker::automatic(std::string note) {
    toClosed(TransitionReason::ManualAuto, std::move(note));
}

void CircuitBreaker::reset() {
    toClosed(TransitionReason::Reset, {});
}

BreakerState CircuitBreaker::state() const noexcept {
    const auto word = m_stateWord.load(std::memory_order_acquire);
    const auto current = stateOf(word);
    if (current == BreakerState::Closed)
        return current;
    if ((current == BreakerState::Isolated || current == BreakerState::Disabled) &&
        m_manualUntilNs.load(std::memory_order_acquire) == kForever)
        return current;
    const auto now = m_clock.now();
    bool changed = false;
    BreakerState state;
    {
        std::lock_guard lock(m_mutex);
        state = stateOf(pollLocked(now));
        changed = !m_pending.empty();
    }
    if (changed)
        deliver();
    return state;
}

BreakerSnapshot CircuitBreaker::snapshot() const {
    const auto now = m_clock.now();
    BreakerSnapshot s{};
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        s.state = stateOf(pollLocked(now));
        s.manual = s.state == BreakerState::Isolated || s.state == BreakerState::Disabled;
        if (m_options.mode == BreakerMode::ConsecutiveFailures) {
            s.failureCount = static_cast<std::uint32_t>(m_run.load(std::memory_order_relaxed));
        } else {
            const auto totals = m_window.totals(now);
            s.failureCount = totals.failures;
            s.bufferedCalls = totals.calls;
            s.failureRate = totals.calls ? double(totals.failures) / totals.calls : 0.0;
            s.slowCallRate = totals.calls ? double(totals.slowCalls) / totals.calls : 0.0;
        }
        s.opens = m_opens;
        s.currentOpenDuration = m_openDuration;
        s.trialsInFlight = s.state == BreakerState::HalfOpen ? m_trialsInFlight : 0;
        const auto until = m_manualUntilNs.load(std::memory_order_relaxed);
        if (s.manual && until != kForever)
            s.manualUntil = at(until);
        if (s.state == BreakerState::Open)
            s.nextAttemptAt = at(m_nextAttemptNs.load(std::memory_order_relaxed));
        else if (s.state == BreakerState::Isolated)
            s.nextAttemptAt = s.manualUntil;
        changed = !m_pending.empty();
    }
    s.rejectedCalls = m_rejected.load(std::memory_order_relaxed);
    if (const auto last = m_lastFailureNs.load(std::memory_order_relaxed); last != kNever)
        s.lastFailureAt = at(last);
    if (changed)
        deliver();
    return s;
}

void CircuitBreaker::deliver() const noexcept {
    {
        std::lock_guard lock(m_mutex);
        if (m_notifying || m_pending.empty())
            return;
        m_notifying = true; // whoever delivers keeps delivering until the queue is empty
    }
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_pending.empty()) {
                m_notifying = false;
                return;
            }
            m_pending.swap(m_delivering);
        }
        for (const auto& transition : m_delivering) {
            if (!m_listener)
                continue;
            try {
                m_listener(transition);
            } catch (...) {
                // A broken listener must not wedge the breaker.
            }
        }
        m_delivering.clear();
    }
}

} // namespace jimini
