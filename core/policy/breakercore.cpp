// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakercore.h"

#include <algorithm>
#include <utility>

namespace jimini {

BreakerCore::BreakerCore(const CircuitBreakerOptions& options, BreakerNotifier& notifier)
    : m_options(options)
    , m_notifier(notifier)
    , m_window(options)
    , m_openDuration(options.openDuration) {}

std::uint32_t BreakerCore::addFailure(std::uint32_t generation) noexcept {
    auto run = m_run.load(std::memory_order_relaxed);
    for (;;) {
        if ((run >> 32) != generation)
            return 0;
        const auto count = static_cast<std::uint32_t>(run);
        if (count == std::numeric_limits<std::uint32_t>::max())
            return count; // saturate rather than carry into the generation
        if (m_run.compare_exchange_weak(run, run + 1, std::memory_order_relaxed))
            return count + 1;
    }
}

bool BreakerCore::runReachedLocked(std::uint32_t generation, std::uint32_t threshold) const noexcept {
    // A success may have ended the run meanwhile.
    const auto current = m_run.load(std::memory_order_relaxed);
    return (current >> 32) == generation && static_cast<std::uint32_t>(current) >= threshold;
}

Duration BreakerCore::grownOpenDuration() const noexcept {
    const auto cap = std::max(m_options.maxOpenDuration, m_options.openDuration);
    const double grown =
        static_cast<double>(m_openDuration.count()) * std::max(1.0, m_options.backoffMultiplier);
    return grown >= static_cast<double>(cap.count()) ? cap : Duration{static_cast<Duration::rep>(grown)};
}

void BreakerCore::clearStatsLocked(std::uint32_t generation) noexcept {
    m_window.clear();
    m_windowGeneration = generation;
    m_run.store(runStart(generation), std::memory_order_relaxed);
}

void BreakerCore::transitionLocked(BreakerState to, TransitionReason reason, TimePoint now,
                                   std::string note) {
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
    m_stateWord.store(pack(to, generation), std::memory_order_release);
    m_notifier.pushLocked(BreakerTransition{from, to, reason, now, std::move(note)});
}

std::uint64_t BreakerCore::pollLocked(TimePoint now) noexcept {
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

void BreakerCore::newPeriodLocked() noexcept {
    const auto generation = generationOf(m_stateWord.load(std::memory_order_relaxed)) + 1;
    m_openDuration = m_options.openDuration;
    clearStatsLocked(generation);
    m_stateWord.store(pack(BreakerState::Closed, generation), std::memory_order_release);
}

void BreakerCore::setManualUntilLocked(std::int64_t untilNs) noexcept {
    m_manualUntilNs.store(untilNs, std::memory_order_release);
}

bool BreakerCore::admitTrialLocked() noexcept {
    if (m_trialsInFlight + m_trialsSucceeded >= std::max<std::uint32_t>(1, m_options.halfOpenTrials))
        return false;
    ++m_trialsInFlight;
    return true;
}

Duration BreakerCore::trialRetryAfterLocked(TimePoint now) const noexcept {
    if (m_options.halfOpenMaxWait > Duration::zero())
        return m_halfOpenSince + m_options.halfOpenMaxWait - now;
    // The trials may report any moment; without a deadline the base open time is the hint.
    return m_options.openDuration;
}

void BreakerCore::reportTrialLocked(std::uint32_t generation, bool failed, TimePoint now) {
    // The half-open deadline may have passed before this trial reported.
    if (pollLocked(now) != pack(BreakerState::HalfOpen, generation))
        return;
    if (m_trialsInFlight > 0)
        --m_trialsInFlight;
    if (failed)
        transitionLocked(BreakerState::Open, TransitionReason::TrialFailed, now);
    else if (++m_trialsSucceeded >= std::max<std::uint32_t>(1, m_options.halfOpenTrials))
        transitionLocked(BreakerState::Closed, TransitionReason::TrialsSucceeded, now);
}

void BreakerCore::releaseTrialLocked(std::uint32_t generation) noexcept {
    if (m_stateWord.load(std::memory_order_relaxed) == pack(BreakerState::HalfOpen, generation) &&
        m_trialsInFlight > 0)
        --m_trialsInFlight;
}

std::optional<TransitionReason> BreakerCore::recordLocked(std::uint32_t generation, bool failure, bool slow,
                                                          TimePoint now) noexcept {
    if (generation != m_windowGeneration)
        return std::nullopt;
    m_window.record(failure, slow, now);
    if (m_stateWord.load(std::memory_order_relaxed) != pack(BreakerState::Closed, generation))
        return std::nullopt;
    return tripReasonLocked(now);
}

std::optional<TransitionReason> BreakerCore::tripReasonLocked(TimePoint now) const noexcept {
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

void BreakerCore::fillLocked(BreakerSnapshot& s, TimePoint now) const noexcept {
    s.state = stateOf(m_stateWord.load(std::memory_order_relaxed));
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
}

} // namespace jimini
