// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline.h"

#include "ratelimiterfactory.h"

#include <algorithm>

namespace jimini {

namespace {
bool isEnabled(const PipelineOptions& o, Stage stage) noexcept {
    switch (stage) {
    case Stage::RateLimit:
        return o.rateLimit.has_value();
    case Stage::Bulkhead:
        return o.bulkhead.has_value();
    case Stage::CircuitBreaker:
        return o.circuitBreaker.has_value();
    case Stage::Retry:
        return o.retry.has_value();
    case Stage::Timeout:
        return o.timeout.has_value();
    }
    return false;
}

bool isPermutation(const std::array<Stage, stageCount>& order) noexcept {
    unsigned seen = 0;
    for (Stage s : order)
        seen |= 1u << static_cast<unsigned>(s);
    return seen == (1u << stageCount) - 1;
}

// What the adaptive rate limiter treats as a sign of distress downstream.
bool countsAsError(const Outcome& o) noexcept {
    return !o.ok() && o.category != ErrorCategory::BusinessLogic && o.kind != OutcomeKind::Cancelled;
}
} // namespace

Pipeline::Pipeline(const PipelineOptions& options, Scheduler& scheduler, std::uint64_t seed,
                   std::shared_ptr<CircuitBreaker> breaker)
    : m_options(options)
    , m_scheduler(scheduler) {
    // The config layer rejects a bad order with its path; code that builds options by hand gets the guide's.
    if (!isPermutation(m_options.order))
        m_options.order = guideOrder;
    for (Stage stage : m_options.order) {
        if (!isEnabled(m_options, stage))
            continue;
        if (stage == Stage::Bulkhead)
            m_bulkheadIndex = m_stageCount;
        if (stage == Stage::Retry)
            m_retryIndex = m_stageCount;
        m_stages[m_stageCount++] = stage;
    }
    if (m_options.rateLimit)
        m_rateLimiter = makeRateLimiter(*m_options.rateLimit);
    if (m_options.bulkhead)
        m_bulkhead = std::make_unique<Bulkhead>(*m_options.bulkhead, m_scheduler);
    if (m_options.circuitBreaker)
        m_breaker = breaker
                        ? std::move(breaker)
                        : std::make_shared<CircuitBreaker>(*m_options.circuitBreaker, m_scheduler.clock());
    if (m_options.retry)
        m_retry = std::make_unique<RetryPolicy>(*m_options.retry, seed);
    // Who needs the time a successful inline call ended: the breaker's slow-call rule (a ratio mode
    // with a threshold that can trip) and the adaptive limiter's interval.
    const auto& cb = m_options.circuitBreaker;
    m_successNeedsClock =
        (cb && cb->mode != BreakerMode::ConsecutiveFailures && cb->slowCallRateThreshold <= 1.0) ||
        (m_options.rateLimit && m_options.rateLimit->adaptive);
}

Pipeline::~Pipeline() = default;

PipelineStats Pipeline::stats() const noexcept {
    PipelineStats s = m_counters.load();
    if (m_breaker)
        s.circuitBreakerOpens = m_breaker->snapshot().opens;
    return s;
}

void Pipeline::execute(Execution& e) noexcept {
    e.m_pipeline = this;
    e.m_attempts = 1;
    e.m_previousDelay = Duration::zero();
    e.m_now = m_scheduler.now();
    e.m_scopeDeadline = TimePoint::max();
    e.m_overallDeadline = TimePoint::max();
    if (m_options.timeout && m_options.timeout->overall > Duration::zero())
        e.m_overallDeadline = e.m_now + m_options.timeout->overall;
    m_counters.add(m_counters.total);
    run(e, 0, true);
}

// The one flow: walk inwards through the stages, run the operation, walk back out. A stage may turn
// the call round (rejection), send it back in (retry) or park it (queue, delay, pending operation);
// parked calls resume here from the timer or queue that woke them.
void Pipeline::run(Execution& e, std::size_t stage, bool entering) noexcept {
    for (;;) {
        if (entering) {
            const Step step = stage == m_stageCount ? startAttempt(e) : enterStage(e, stage);
            if (step == Step::Suspend)
                return;
            if (step == Step::Next && stage < m_stageCount)
                ++stage;
            else
                entering = false;
            continue;
        }
        if (stage == 0) {
            finish(e);
            return;
        }
        --stage;
        const Step step = leaveStage(e, stage);
        if (step == Step::Suspend)
            return;
        if (step == Step::Reenter) {
            ++stage;
            entering = true;
        }
    }
}

Pipeline::Step Pipeline::enterStage(Execution& e, std::size_t index) noexcept {
    switch (m_stages[index]) {
    case Stage::RateLimit: {
        const RateDecision decision = m_rateLimiter->tryAcquire(e.m_now);
        if (decision.permitted)
            return Step::Next;
        m_counters.add(m_counters.rateLimitHits);
        e.m_outcome = Outcome::rateLimited(decision.retryAfter);
        notify(PipelineEventKind::Rejected, Stage::RateLimit, e.m_outcome, e.m_attempts, Duration::zero());
        return Step::Unwind;
    }
    case Stage::Bulkhead:
        switch (m_bulkhead->enter(e.m_queueSlot)) {
        case Admission::Admitted:
            return Step::Next;
        case Admission::Queued:
            return Step::Suspend;
        case Admission::Rejected:
            break;
        }
        m_counters.add(m_counters.bulkheadRejections);
        e.m_outcome = Outcome::bulkheadFull();
        notify(PipelineEventKind::Rejected, Stage::Bulkhead, e.m_outcome, e.m_attempts, Duration::zero());
        return Step::Unwind;
    case Stage::CircuitBreaker:
        e.m_permit = m_breaker->tryAcquire();
        if (e.m_permit.permitted) {
            e.m_breakerStart = e.m_now;
            return Step::Next;
        }
        m_counters.add(m_counters.breakerRejections);
        e.m_outcome = Outcome::breakerOpen(e.m_permit.retryAfter);
        notify(PipelineEventKind::Rejected, Stage::CircuitBreaker, e.m_outcome, e.m_attempts,
               Duration::zero());
        return Step::Unwind;
    case Stage::Retry:
        m_retry->onCallStarted(e.m_now);
        return Step::Next;
    case Stage::Timeout:
        if (m_options.timeout->perAttempt > Duration::zero())
            e.m_scopeDeadline = e.m_now + m_options.timeout->perAttempt;
        return Step::Next;
    }
    return Step::Next;
}

Pipeline::Step Pipeline::leaveStage(Execution& e, std::size_t index) noexcept {
    switch (m_stages[index]) {
    case Stage::RateLimit:
        m_rateLimiter->recordOutcome(countsAsError(e.m_outcome), e.m_now);
        return Step::Next;
    case Stage::Bulkhead:
        m_bulkhead->leave();
        return Step::Next;
    case Stage::CircuitBreaker:
        m_breaker->record(e.m_permit, e.m_outcome, e.m_now - e.m_breakerStart);
        return Step::Next;
    case Stage::Retry: {
        const RetryDecision decision = m_retry->decide(e.m_outcome, e.m_attempts, e.m_previousDelay, e.m_now);
        if (!decision.retry)
            return Step::Next;
        // A retry that could only start after the deadline would just time out: stop with what we have.
        if (e.m_now + decision.delay >= std::min(e.m_overallDeadline, e.m_scopeDeadline))
            return Step::Next;
        m_counters.add(m_counters.retries);
        ++e.m_attempts;
        e.m_previousDelay = decision.delay;
        notify(PipelineEventKind::Retrying, Stage::Retry, e.m_outcome, e.m_attempts - 1, decision.delay);
        if (decision.delay <= Duration::zero())
            return Step::Reenter;
        m_scheduler.schedule(e.m_retryTimer, decision.delay);
        return Step::Suspend;
    }
    case Stage::Timeout:
        e.m_scopeDeadline = TimePoint::max();
        return Step::Next;
    }
    return Step::Next;
}

// The attempt timer is armed only if the operation did not finish inside runAttempt(), so a
// synchronous operation never touches the scheduler.
Pipeline::Step Pipeline::startAttempt(Execution& e) noexcept {
    const Execution::Token token = e.m_token.load(std::memory_order_relaxed) + 1;
    e.m_token.store(token, std::memory_order_release);
    e.m_timerArmed = false;
    e.m_phase.store(Execution::Running, std::memory_order_release);
    e.runAttempt(token);

    std::uint8_t phase = e.m_phase.load(std::memory_order_acquire);
    if (phase == Execution::CompletedInline) {
        e.m_outcome = e.m_completion;
        // A clock read is a fair share of the success path: only take it when someone uses it.
        if (m_successNeedsClock || !e.m_outcome.ok())
            e.m_now = m_scheduler.now();
        return Step::Unwind;
    }
    const TimePoint deadline = std::min(e.m_overallDeadline, e.m_scopeDeadline);
    if (deadline != TimePoint::max()) {
        e.m_arrivals.store(0, std::memory_order_relaxed);
        e.m_timerArmed = true;
        m_scheduler.schedule(e.m_attemptTimer, deadline - m_scheduler.now());
    }
    phase = Execution::Running;
    if (e.m_phase.compare_exchange_strong(phase, Execution::Pending, std::memory_order_acq_rel))
        return Step::Suspend;
    if (phase != Execution::CompletedInline)
        return Step::Suspend; // timed out already: the timer's thread carries the call on
    e.m_outcome = e.m_completion;
    e.m_now = m_scheduler.now();
    if (!e.m_timerArmed || m_scheduler.cancel(e.m_attemptTimer))
        return Step::Unwind;
    // The timer is firing on another thread: whoever of us arrives second carries the call on.
    return e.m_arrivals.fetch_add(1, std::memory_order_acq_rel) == 1 ? Step::Unwind : Step::Suspend;
}

void Pipeline::onCompleted(Execution& e) noexcept {
    e.m_now = m_scheduler.now();
    if (!e.m_timerArmed || m_scheduler.cancel(e.m_attemptTimer) ||
        e.m_arrivals.fetch_add(1, std::memory_order_acq_rel) == 1)
        run(e, m_stageCount, false);
}

void Pipeline::onAttemptTimeout(Execution& e) noexcept {
    std::uint8_t phase = e.m_phase.load(std::memory_order_acquire);
    while (phase == Execution::Running || phase == Execution::Pending) {
        if (e.m_phase.compare_exchange_weak(phase, Execution::TimedOut, std::memory_order_acq_rel)) {
            e.m_now = m_scheduler.now();
            e.m_outcome = Outcome::timedOut();
            m_counters.add(m_counters.timeouts);
            notify(PipelineEventKind::TimedOut, Stage::Timeout, e.m_outcome, e.m_attempts, Duration::zero());
            e.abandonAttempt(e.m_token.load(std::memory_order_relaxed));
            run(e, m_stageCount, false);
            return;
        }
    }
    // The attempt was resolved but its resolver could not cancel this timer: see who arrives second.
    if (e.m_arrivals.fetch_add(1, std::memory_order_acq_rel) == 1)
        run(e, m_stageCount, false);
}

void Pipeline::onRetryDue(Execution& e) noexcept {
    e.m_now = m_scheduler.now();
    run(e, m_retryIndex + 1, true);
}

void Pipeline::onQueueAdmitted(Execution& e) noexcept {
    e.m_now = m_scheduler.now();
    run(e, m_bulkheadIndex + 1, true);
}

void Pipeline::onQueueTimeout(Execution& e) noexcept {
    e.m_now = m_scheduler.now();
    m_counters.add(m_counters.queueTimeouts);
    e.m_outcome = Outcome::queueTimeout();
    notify(PipelineEventKind::Rejected, Stage::Bulkhead, e.m_outcome, e.m_attempts, Duration::zero());
    run(e, m_bulkheadIndex, false);
}

void Pipeline::finish(Execution& e) noexcept {
    const Outcome outcome = e.m_outcome;
    m_counters.add(outcome.ok() ? m_counters.successful : m_counters.failed);
    notify(PipelineEventKind::Completed, m_stageCount ? m_stages[0] : Stage::Timeout, outcome, e.m_attempts,
           Duration::zero());
    e.m_phase.store(Execution::Idle, std::memory_order_relaxed);
    e.m_pipeline = nullptr;
    // Last touch: finished() may destroy or re-execute the call.
    e.finished(outcome);
}

void Pipeline::notify(PipelineEventKind kind, Stage stage, const Outcome& outcome, std::uint32_t attempt,
                      Duration delay) const noexcept {
    m_listeners.forEach([&](PipelineListener* listener) {
        listener->onPipelineEvent(PipelineEvent{kind, stage, outcome, attempt, delay});
    });
}

} // namespace jimini
