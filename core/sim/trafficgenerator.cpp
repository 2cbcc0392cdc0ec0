// SPDX-License-Identifier: GPL-3.0-or-later
#include "trafficgenerator.h"

#include "sim/faultset.h"
#include "sim/upstreamcalls.h"

#include "health/healthmonitor.h"
#include "policy/httpclassification.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

namespace jimini {

struct TrafficGenerator::Lane {
    struct Tick final : TimerTask {
        void fire() override { owner->tick(*lane); }
        TrafficGenerator* owner = nullptr;
        Lane* lane = nullptr;
    };

    QString name;
    std::shared_ptr<Pipeline> pipeline;
    std::shared_ptr<PolicyTelemetry> telemetry;
    SplitMix64 random;
    Tick tick;
    TimePoint nextDue{};
    bool active = false;
    std::vector<std::unique_ptr<CallSlot>> pool;
    std::vector<CallSlot*> idle;
    std::vector<CallSlot*> done; // finished, still holding their pipeline until the next tick

    explicit Lane(std::uint64_t seed)
        : random(seed) {}
};

// One pooled call. It keeps the pipeline it started on alive until it is recycled, because a config
// change may replace that pipeline while the call is in flight.
class CallSlot final : public Execution, private UpstreamCalls::Receiver {
public:
    CallSlot(TrafficGenerator& owner, TrafficGenerator::Lane& lane)
        : m_owner(owner)
        , m_lane(lane) {
        m_reply.slot = this;
    }

    void start(TimePoint now) {
        m_hold = m_lane.pipeline;
        m_telemetry = m_lane.telemetry;
        m_startedAt = now;
        m_hold->execute(*this);
    }
    // Drops any answer still to come: no complete() follows.
    void silence() {
        m_hangToken = 0;
        m_owner.m_scheduler.cancel(m_reply);
        cancelUpstream();
    }
    void releaseHang(const std::vector<int>& faultIds) {
        if (m_hangToken == 0 || std::find(faultIds.begin(), faultIds.end(), m_hangFault) == faultIds.end())
            return;
        const Token token = std::exchange(m_hangToken, 0);
        complete(token, classifyNetworkError(NetworkError::ConnectionReset));
    }
    void release() {
        m_hold.reset();
        m_telemetry.reset();
    }

    TimePoint startedAt() const noexcept { return m_startedAt; }
    PolicyTelemetry* telemetry() const noexcept { return m_telemetry.get(); }
    TrafficGenerator::Lane& lane() const noexcept { return m_lane; }

protected:
    void runAttempt(Token token) override {
        const TimePoint now = m_owner.m_scheduler.now();
        const FaultEffect fault = m_owner.m_faults.effect(m_lane.name, now);
        const AttemptPlan plan = m_owner.m_downstream.plan(fault, m_lane.random);
        if (plan.hang) { // never answers: only the attempt timeout (or the fault ending) ends it
            m_hangToken = token;
            m_hangFault = plan.faultId;
            return;
        }
        const bool upstream = m_owner.m_upstream && plan.realCall;
        if (upstream && plan.faultLatency <= Duration::zero()) {
            m_request = m_owner.m_upstream->start(*this, token);
            return;
        }
        if (!upstream && plan.latency <= Duration::zero()) {
            complete(token, plan.outcome);
            return;
        }
        m_reply.token = token;
        m_reply.outcome = plan.outcome;
        m_reply.sendUpstream = upstream;
        m_owner.m_scheduler.schedule(m_reply, upstream ? plan.faultLatency : plan.latency);
    }
    void abandonAttempt(Token token) noexcept override {
        if (m_hangToken == token)
            m_hangToken = 0;
        if (m_reply.token == token)
            m_owner.m_scheduler.cancel(m_reply);
        cancelUpstream();
    }
    void finished(const Outcome& outcome) override { m_owner.onFinished(*this, outcome); }

private:
    void onUpstreamOutcome(std::uint64_t tag, const Outcome& outcome) override {
        m_request = 0;
        complete(tag, outcome);
    }
    void cancelUpstream() noexcept {
        if (m_request != 0)
            m_owner.m_upstream->cancel(std::exchange(m_request, 0));
    }

    struct Reply final : TimerTask {
        void fire() override {
            if (sendUpstream)
                slot->m_request = slot->m_owner.m_upstream->start(*slot, token);
            else
                slot->complete(token, outcome);
        }
        CallSlot* slot = nullptr;
        Token token = 0;
        Outcome outcome;
        bool sendUpstream = false;
    };

    TrafficGenerator& m_owner;
    TrafficGenerator::Lane& m_lane;
    std::shared_ptr<Pipeline> m_hold;
    std::shared_ptr<PolicyTelemetry> m_telemetry;
    TimePoint m_startedAt{};
    Reply m_reply;
    std::uint64_t m_request = 0; // the upstream attempt in flight, 0: none
    Token m_hangToken = 0;
    int m_hangFault = 0;
};

namespace {
Duration intervalOf(double callsPerSecond) {
    if (!(callsPerSecond > 0) || !std::isfinite(callsPerSecond))
        return Duration::zero();
    return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(1.0 / callsPerSecond));
}
} // namespace

TrafficGenerator::TrafficGenerator(Scheduler& scheduler, HealthMonitor& monitor, const FaultSet& faults,
                                   Downstream downstream, UpstreamCalls* upstream, double callsPerSecond,
                                   std::uint64_t seed)
    : m_scheduler(scheduler)
    , m_monitor(monitor)
    , m_faults(faults)
    , m_downstream(std::move(downstream))
    , m_upstream(upstream)
    , m_interval(intervalOf(callsPerSecond))
    , m_seed(seed) {}

TrafficGenerator::~TrafficGenerator() {
    stop();
}

void TrafficGenerator::sync(const std::vector<TrafficLane>& lanes) {
    if (m_stopped)
        return;
    const TimePoint now = m_scheduler.now();
    for (auto& lane : m_lanes) {
        if (std::none_of(lanes.begin(), lanes.end(),
                         [&](const TrafficLane& l) { return l.name == lane->name; })) {
            lane->active = false;
            m_scheduler.cancel(lane->tick);
        }
    }
    for (const TrafficLane& entry : lanes) {
        auto it = std::find_if(m_lanes.begin(), m_lanes.end(),
                               [&](const auto& l) { return l->name == entry.name; });
        Lane* lane = it == m_lanes.end() ? nullptr : it->get();
        if (!lane) {
            // Seeded lanes replay; unseeded ones draw from the pipeline-independent random device.
            const std::uint64_t seed =
                m_seed ? m_seed * 0x9E3779B97F4A7C15ull + m_lanes.size() + 1
                       : std::uint64_t(std::random_device{}()) << 32 | std::random_device{}();
            m_lanes.push_back(std::make_unique<Lane>(seed));
            lane = m_lanes.back().get();
            lane->name = entry.name;
            lane->tick.owner = this;
            lane->tick.lane = lane;
        }
        lane->pipeline = entry.pipeline;
        lane->telemetry = entry.telemetry;
        if (!lane->active && m_interval > Duration::zero()) {
            lane->active = true;
            lane->nextDue = now + m_interval;
            m_scheduler.schedule(lane->tick, m_interval);
        }
    }
}

void TrafficGenerator::tick(Lane& lane) {
    for (CallSlot* slot : lane.done) {
        slot->release();
        lane.idle.push_back(slot);
    }
    lane.done.clear();
    if (!lane.active || m_stopped)
        return;
    const TimePoint now = m_scheduler.now();
    // Catch up after a stall, but never with a burst of more than a few calls.
    int burst = 0;
    while (lane.nextDue <= now && burst++ < 8) {
        startCall(lane, now);
        lane.nextDue += m_interval;
    }
    if (lane.nextDue <= now)
        lane.nextDue = now + m_interval;
    if (lane.active && !m_stopped) // a call may have stopped us through a listener
        m_scheduler.schedule(lane.tick, lane.nextDue - now);
}

void TrafficGenerator::startCall(Lane& lane, TimePoint now) {
    CallSlot* slot = nullptr;
    if (!lane.idle.empty()) {
        slot = lane.idle.back();
        lane.idle.pop_back();
    } else if (lane.pool.size() < maxInFlight) {
        lane.pool.push_back(std::make_unique<CallSlot>(*this, lane));
        slot = lane.pool.back().get();
    } else {
        ++m_skipped;
        return;
    }
    ++m_started;
    slot->start(now);
}

void TrafficGenerator::onFinished(CallSlot& slot, const Outcome& outcome) {
    const TimePoint now = m_scheduler.now();
    const Duration latency = now - slot.startedAt();
    m_monitor.recordCall(now, outcome, latency, slot.attempts() > 0 ? slot.attempts() - 1 : 0);
    if (PolicyTelemetry* telemetry = slot.telemetry())
        telemetry->record(outcome, latency);
    slot.lane().done.push_back(&slot);
}

void TrafficGenerator::stop() {
    if (m_stopped)
        return;
    m_stopped = true;
    for (auto& lane : m_lanes) {
        lane->active = false;
        m_scheduler.cancel(lane->tick);
        for (auto& slot : lane->pool)
            slot->silence();
    }
}

void TrafficGenerator::releaseHangs(const std::vector<int>& faultIds) {
    if (m_stopped || faultIds.empty())
        return;
    for (auto& lane : m_lanes)
        for (auto& slot : lane->pool)
            slot->releaseHang(faultIds);
}

void TrafficGenerator::releasePipelines() {
    for (auto& lane : m_lanes) {
        for (auto& slot : lane->pool)
            slot->release();
        lane->pipeline.reset();
        lane->telemetry.reset();
    }
}

std::size_t TrafficGenerator::inFlight() const {
    std::size_t n = 0;
    for (const auto& lane : m_lanes)
        n += lane->pool.size() - lane->idle.size() - lane->done.size();
    return n;
}

} // namespace jimini
