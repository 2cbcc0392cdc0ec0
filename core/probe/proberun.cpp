// SPDX-License-Identifier: GPL-3.0-or-later
#include "proberun.h"

#include "probe/probecall.h"

#include "config/pipelinefactory.h"
#include "net/httpexecution.h"
#include "policy/pipeline.h"
#include "runtime/qtscheduler.h"

#include <algorithm>
#include <chrono>

namespace jimini {

namespace {
constexpr Duration kTick = std::chrono::seconds(1);
// The scheduler's timer wakes on whole milliseconds (rounded up): a call due within half of one starts
// now, so starts fall within about +-0.5 ms of the schedule instead of up to 1 ms after it.
constexpr Duration kEarly = std::chrono::microseconds(500);

} // namespace

ProbeRun::ProbeRun(ProbeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    m_report.profile = m_options.profile;
    m_report.url = m_options.url;
    m_report.method = m_options.request.method;
    m_report.load = m_options.load;
    m_scheduler = std::make_unique<QtScheduler>();
    m_http = std::make_unique<HttpExecution>(m_options.url, m_options.request, m_options.managerCount());
    m_pipeline = PipelineFactory::build(m_options.policy, *m_scheduler, m_options.seed);
    for (Task* t : {&m_arrival, &m_tick, &m_loadEnd, &m_drain})
        t->run = this;
    m_arrival.kind = Task::Arrival;
    m_tick.kind = Task::Tick;
    m_loadEnd.kind = Task::LoadEnd;
    m_drain.kind = Task::Drain;
}

ProbeRun::~ProbeRun() {
    for (Task* t : {&m_arrival, &m_tick, &m_loadEnd, &m_drain})
        m_scheduler->cancel(*t);
    // Calls in flight are parked in the pipeline and the scheduler: stop their requests, drop the
    // pipeline (its bulkhead cancels its queue timers), then the scheduler's heap, then the calls.
    for (auto& call : m_calls)
        call->abortRequest();
    m_pipeline.reset();
    m_scheduler.reset();
    m_calls.clear();
}

TimePoint ProbeRun::now() const noexcept {
    return m_scheduler->now();
}

void ProbeRun::start() {
    if (m_running || m_finished)
        return;
    if (!m_options.validate().isEmpty()) {
        finish();
        return;
    }
    m_running = true;
    m_start = now();
    m_lastTickAt = m_start;
    m_scheduler->schedule(m_tick, kTick);
    if (m_options.load.duration)
        m_scheduler->schedule(m_loadEnd, *m_options.load.duration);
    if (m_options.load.mode == ProbeLoad::Mode::OpenLoop) {
        arrive();
    } else {
        for (int i = 0; i < m_options.load.workers && !loadOver(); ++i)
            startCall(now());
        if (loadOver())
            endLoad();
    }
}

void ProbeRun::stop() {
    if (m_running && !m_loadOver)
        endLoad();
}

bool ProbeRun::loadOver() const noexcept {
    if (m_loadOver)
        return true;
    const ProbeLoad& load = m_options.load;
    return load.requests && m_report.offered >= *load.requests;
}

void ProbeRun::onTimer(Task::Kind kind) {
    switch (kind) {
    case Task::Arrival:
        arrive();
        return;
    case Task::Tick: {
        emit progressed(takeSnapshot());
        if (!m_finished)
            m_scheduler->schedule(m_tick, kTick);
        return;
    }
    case Task::LoadEnd:
        if (!m_loadOver)
            endLoad();
        return;
    case Task::Drain:
        finish();
        return;
    }
}

void ProbeRun::arrive() {
    // Every call due by now starts now, each measured against its own due time: a late timer makes
    // late starts (counted in start_error), never fewer calls.
    const double rate = m_options.load.rate;
    const std::optional<Duration> duration = m_options.load.duration;
    for (;;) {
        const TimePoint due = m_start + std::chrono::duration_cast<Duration>(
                                            std::chrono::duration<double>(double(m_nextArrival) / rate));
        if (loadOver() || (duration && due >= m_start + *duration)) {
            endLoad();
            return;
        }
        if (due > now() + kEarly) {
            m_scheduler->schedule(m_arrival, due - now() - kEarly);
            return;
        }
        ++m_nextArrival;
        startCall(due);
    }
}

bool ProbeRun::startCall(TimePoint due) {
    const TimePoint at = now();
    ++m_report.offered;
    if (m_options.load.mode == ProbeLoad::Mode::OpenLoop)
        m_report.startError.record(at >= due ? at - due : due - at); // early counts as much as late
    ProbeCall* call = nullptr;
    if (!m_idle.empty()) {
        call = m_idle.back();
        m_idle.pop_back();
    } else if (m_calls.size() < ProbeOptions::maxInFlight) {
        m_calls.push_back(std::make_unique<ProbeCall>(*this));
        call = m_calls.back().get();
    } else {
        ++m_report.notSent;
        return false;
    }
    if (m_started++ == 0)
        m_firstStart = at;
    m_lastStart = at;
    ++m_inFlight;
    call->begin(due);
    return true;
}

void ProbeRun::onAttemptSent() noexcept {
    ++m_report.attemptsSent;
}

void ProbeRun::onAttemptDone(const Outcome& outcome, Duration latency) noexcept {
    m_report.attempts.add(callCategoryOf(outcome));
    m_report.attemptLatency.record(latency);
}

void ProbeRun::onCallDone(ProbeCall& call, const Outcome& outcome, Duration latency) {
    m_report.calls.add(callCategoryOf(outcome));
    m_report.callLatency.record(latency);
    m_windowCalls.record(latency);
    --m_inFlight;
    if (m_finished) // came back after the drain deadline: counted, but the run is over
        return;
    if (m_options.load.mode == ProbeLoad::Mode::ClosedLoop && !loadOver()) {
        // The worker's next call, after control returns to the event loop: a call that a policy turns
        // away at once would otherwise recurse, and starve the timers that end the run.
        ++m_inFlight;
        QMetaObject::invokeMethod(
            this,
            [this, &call] {
                --m_inFlight;
                if (!m_finished && !loadOver()) {
                    m_idle.push_back(&call);
                    startCall(now());
                } else {
                    m_idle.push_back(&call);
                    if (m_loadOver && m_inFlight == 0)
                        finish();
                }
            },
            Qt::QueuedConnection);
        return;
    }
    m_idle.push_back(&call);
    if (loadOver() && !m_loadOver && m_options.load.mode == ProbeLoad::Mode::ClosedLoop)
        endLoad();
    else if (m_loadOver && m_inFlight == 0)
        finish();
}

void ProbeRun::endLoad() {
    m_loadOver = true;
    m_scheduler->cancel(m_arrival);
    m_scheduler->cancel(m_loadEnd);
    m_loadEndedAt = now();
    if (m_inFlight == 0)
        finish();
    else
        m_scheduler->schedule(m_drain, drainDeadline());
}

Duration ProbeRun::drainDeadline() const noexcept {
    // Long enough for the last call's every attempt and wait; bounded whatever the policy says.
    const PipelineOptions& p = m_options.policy.pipeline;
    const Duration attempt = p.timeout ? p.timeout->perAttempt : std::chrono::seconds(30);
    const std::uint32_t attempts = p.retry ? std::max<std::uint32_t>(1, p.retry->maxAttempts) : 1;
    const Duration wait = p.retry ? std::max(p.retry->maxDelay, p.retry->maxRetryAfter) : Duration::zero();
    const Duration total = attempts * (attempt + wait) + std::chrono::seconds(5);
    return std::min<Duration>(total, std::chrono::minutes(10));
}

void ProbeRun::finish() {
    if (m_finished)
        return;
    m_finished = true;
    m_running = false;
    m_loadOver = true;
    for (Task* t : {&m_arrival, &m_tick, &m_loadEnd, &m_drain})
        m_scheduler->cancel(*t);
    m_finishedAt = now();
    m_unfinished = m_inFlight;
    m_report.unfinished = m_inFlight;
    m_report.elapsedSeconds = toSeconds(now() - m_start);
    m_report.startSpanSeconds = m_started > 1 ? toSeconds(m_lastStart - m_firstStart) : 0;
    emit progressed(takeSnapshot());
    emit finished();
}

ProbeSnapshot ProbeRun::snapshot() const {
    ProbeSnapshot s;
    s.elapsedSeconds = m_finished ? m_report.elapsedSeconds : m_running ? toSeconds(now() - m_start) : 0;
    s.offered = m_report.offered;
    s.attemptsSent = m_report.attemptsSent;
    s.inFlight = m_inFlight;
    s.calls = m_report.calls;
    if (const CircuitBreaker* b = m_pipeline ? m_pipeline->circuitBreaker() : nullptr) {
        const std::string_view state = toString(b->state());
        s.breakerState = QString::fromLatin1(state.data(), qsizetype(state.size()));
    }
    if (const RateLimiter* r = m_pipeline ? m_pipeline->rateLimiter() : nullptr) {
        const RateLimiterSnapshot rs = r->snapshot(now());
        s.tokensAvailable = rs.tokensAvailable;
        s.tokenLimit = rs.limit;
    }
    if (const Bulkhead* b = m_pipeline ? m_pipeline->bulkhead() : nullptr) {
        const BulkheadSnapshot bs = b->snapshot();
        s.bulkheadActive = bs.active;
        s.bulkheadQueued = bs.queued;
        s.bulkheadCapacity = bs.capacity;
    }
    // The calls finished since the last tick.
    if (m_running || m_finished)
        s.windowSeconds = toSeconds((m_finished ? m_finishedAt : now()) - m_lastTickAt);
    if (m_windowCalls.count() > 0) {
        s.callP50 = m_windowCalls.percentile(0.50);
        s.callP95 = m_windowCalls.percentile(0.95);
        s.callP99 = m_windowCalls.percentile(0.99);
    }
    const std::uint64_t finishedNow = m_report.calls.total() - m_lastTick.total();
    if (finishedNow > 0) {
        const std::uint64_t ok = m_report.calls[CallCategory::Success] - m_lastTick[CallCategory::Success];
        s.errorRate = 1.0 - double(ok) / double(finishedNow);
    }
    return s;
}

ProbeSnapshot ProbeRun::takeSnapshot() {
    ProbeSnapshot s = snapshot();
    m_lastTick = m_report.calls;
    m_lastTickAt = now();
    m_windowCalls.clear();
    return s;
}

} // namespace jimini
