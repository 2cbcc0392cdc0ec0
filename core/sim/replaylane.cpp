// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaylane.h"

#include "sim/replaysink.h"

#include "policy/httpclassification.h"
#include "policy/scheduler.h"

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
Duration fromSeconds(double s) {
    return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(s));
}
double ms(double seconds) {
    return seconds * 1000;
}
} // namespace

// One pooled call. An attempt either answers after the dependency's latency (a reply timer), or hangs
// until the pipeline's timeout abandons it or the phase that hangs it ends (then it fails as a reset).
class ReplayCall final : public Execution {
public:
    explicit ReplayCall(ReplayLane& lane)
        : m_lane(lane) {
        m_reply.call = this;
    }
    void start(TimePoint now) {
        m_startedAt = now;
        m_lane.m_pipeline->execute(*this);
    }
    void silence() noexcept {
        m_hang = 0;
        m_lane.m_scheduler.cancel(m_reply);
    }
    void releaseHang() noexcept {
        if (m_hang != 0)
            complete(std::exchange(m_hang, 0), classifyNetworkError(NetworkError::ConnectionReset));
    }
    TimePoint startedAt() const noexcept { return m_startedAt; }

protected:
    void runAttempt(Token token) override {
        m_lane.onAttempt(attempts() > 1);
        ReplayLane::Behaviour& b = m_lane.m_behaviours[m_lane.m_behaviour];
        const AttemptPlan plan = b.downstream.plan(b.hangsAndResets, m_lane.m_random);
        if (plan.hang) {
            m_hang = token;
            return;
        }
        if (plan.latency <= Duration::zero()) {
            complete(token, plan.outcome);
            return;
        }
        m_reply.token = token;
        m_reply.outcome = plan.outcome;
        m_lane.m_scheduler.schedule(m_reply, plan.latency);
    }
    void abandonAttempt(Token token) noexcept override {
        if (m_hang == token)
            m_hang = 0;
        if (m_reply.token == token)
            m_lane.m_scheduler.cancel(m_reply);
    }
    void finished(const Outcome& outcome) override { m_lane.onFinished(*this, outcome); }

private:
    struct Reply final : TimerTask {
        void fire() override { call->complete(token, outcome); }
        ReplayCall* call = nullptr;
        Token token = 0;
        Outcome outcome;
    };

    ReplayLane& m_lane;
    TimePoint m_startedAt{};
    Reply m_reply;
    Token m_hang = 0;
};

ReplayLane::ReplayLane(std::uint32_t index, const Scenario& scenario, const ScenarioDependency& dependency,
                       std::unique_ptr<Pipeline> pipeline, Scheduler& scheduler, ReplaySink& sink,
                       std::uint64_t seed)
    : m_index(index)
    , m_traffic(scenario.trafficOf(dependency))
    , m_duration(scenario.duration)
    , m_phases(dependency.phases)
    , m_scheduler(scheduler)
    , m_sink(sink)
    , m_start(scheduler.now())
    , m_pipeline(std::move(pipeline))
    , m_random(seed) {
    m_behaviours.push_back({Downstream(dependency.baseline), FaultEffect{}});
    for (std::size_t i = 0; i < m_phases.size(); ++i) {
        const Fault& f = m_phases[i].fault;
        DownstreamOptions o = dependency.baseline;
        const double lost = f.hangRate + f.resetRate;
        // The fault document's rates are shares of all attempts; the downstream's error rate applies to
        // those that neither hang nor reset.
        if (f.errorRate)
            o.errorRate = lost < 1 ? std::min(1.0, *f.errorRate / (1 - lost)) : 0;
        if (!f.statusMix.empty())
            o.statusMix = f.statusMix;
        if (f.latency)
            o.latency = *f.latency;
        if (f.retryAfter)
            o.retryAfter = f.retryAfter;
        FaultEffect effect;
        if (lost > 0) {
            effect.active = true;
            effect.count = 1;
            effect.rules[0].id = int(i) + 1;
            effect.rules[0].hangRate = f.hangRate;
            effect.rules[0].resetRate = f.resetRate;
        }
        m_behaviours.push_back({Downstream(std::move(o)), effect});
    }
    m_second.dependency = index;
    m_phaseBoundary.lane = this;
    m_phaseBoundary.action = &ReplayLane::nextPhase;
    if (CircuitBreaker* breaker = m_pipeline->circuitBreaker()) {
        m_transitions = breaker->addTransitionListener([this](const BreakerTransition& t) {
            ++m_second.transitions;
            m_sink.onTransition(m_index, t.at - m_start, t);
        });
    }
}

ReplayLane::~ReplayLane() = default;

void ReplayLane::start() {
    m_nextArrivalAt = m_start;
    if (!m_phases.empty())
        m_scheduler.schedule(m_phaseBoundary, m_phases.front().start);
}

TimePoint ReplayLane::nextArrival(double rate) {
    m_dueSeconds += 1 / rate;
    return m_start + fromSeconds(m_dueSeconds);
}

void ReplayLane::arrive() {
    m_nextArrivalAt = TimePoint::max();
    if (m_stopped)
        return;
    const TimePoint now = m_scheduler.now();
    const Duration t = now - m_start;
    if (t >= m_duration)
        return;
    const double rate = m_traffic.rateAt(t);
    if (!(rate > 0)) { // nobody calls: look again in 100 ms (a burst or the next part of a curve)
        m_dueSeconds = toSeconds(t) + 0.1;
        m_nextArrivalAt = now + fromSeconds(0.1);
        return;
    }
    ++m_second.offered;
    ReplayCall* call = nullptr;
    if (!m_idle.empty()) {
        call = m_idle.back();
        m_idle.pop_back();
    } else if (m_pool.size() < maxInFlight) {
        m_pool.push_back(std::make_unique<ReplayCall>(*this));
        call = m_pool.back().get();
    }
    m_nextArrivalAt = std::max(nextArrival(rate), now);
    if (call)
        call->start(now);
    else
        ++m_second.skipped;
}

void ReplayLane::nextPhase() {
    if (m_stopped)
        return;
    const std::size_t k = m_nextPhase / 2;
    const bool starting = m_nextPhase % 2 == 0;
    ++m_nextPhase;
    if (starting) {
        enter(k + 1);
        m_scheduler.schedule(m_phaseBoundary, m_phases[k].end() - (m_scheduler.now() - m_start));
        return;
    }
    enter(0);
    releaseHangs(); // what this phase hung ends with it
    if (k + 1 < m_phases.size()) {
        // The next phase may start the moment this one ends.
        m_nextPhase = 2 * (k + 1);
        m_scheduler.schedule(m_phaseBoundary, m_phases[k + 1].start - (m_scheduler.now() - m_start));
    }
}

void ReplayLane::enter(std::size_t behaviour) {
    m_behaviour = behaviour;
}

void ReplayLane::releaseHangs() {
    for (auto& call : m_pool)
        call->releaseHang();
}

void ReplayLane::onAttempt(bool retry) noexcept {
    ++m_second.attempts;
    m_second.retries += retry;
}

void ReplayLane::onFinished(ReplayCall& call, const Outcome& outcome) noexcept {
    ++m_second.finished[std::size_t(callCategoryOf(outcome))];
    m_latency.record(m_scheduler.now() - call.startedAt());
    m_idle.push_back(&call);
}

void ReplayLane::closeSecond(std::int64_t second) {
    const TimePoint now = m_scheduler.now();
    m_second.second = second;
    if (const CircuitBreaker* breaker = m_pipeline->circuitBreaker())
        m_second.breaker = breaker->state();
    if (const RateLimiter* limiter = m_pipeline->rateLimiter())
        m_second.tokens = limiter->snapshot(now).tokensAvailable;
    if (const Bulkhead* bulkhead = m_pipeline->bulkhead()) {
        const BulkheadSnapshot b = bulkhead->snapshot();
        m_second.bulkheadActive = b.active;
        m_second.bulkheadQueued = b.queued;
    }
    if (m_latency.count() > 0) {
        m_second.p50Ms = ms(m_latency.percentile(0.50));
        m_second.p95Ms = ms(m_latency.percentile(0.95));
        m_second.p99Ms = ms(m_latency.percentile(0.99));
        m_latency.clear();
    }
    m_sink.onSecond(m_second);
    m_second = ReplaySecond{};
    m_second.dependency = m_index;
}

void ReplayLane::stop() {
    m_stopped = true;
    m_nextArrivalAt = TimePoint::max();
    m_scheduler.cancel(m_phaseBoundary);
    for (auto& call : m_pool)
        call->silence();
}

void ReplayLane::releasePipeline() {
    m_transitions.reset();
    m_pipeline.reset();
}

std::uint64_t ReplayLane::inFlight() const noexcept {
    return m_pool.size() - m_idle.size();
}

} // namespace jimini
