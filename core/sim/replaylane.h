// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/downstream.h"
#include "sim/replaysecond.h"
#include "sim/scenario.h"

#include "health/latencyhistogram.h"
#include "policy/listenerhandle.h"
#include "policy/pipeline.h"
#include "policy/splitmix.h"
#include "policy/timertask.h"

#include <memory>
#include <vector>

namespace jimini {

class ReplayCall;
class ReplaySink;
class Scheduler;

// One dependency of a replay: the callers' arrivals at the scenario's rate, each a call through the
// config's pipeline against the dependency as its phases make it behave, and the second's counts. Calls
// are pooled (the pool grows to the most ever in flight, at most maxInFlight), so a steady replay does not
// allocate per call. Runs on one scheduler, the replay's simulated one.
class ReplayLane {
public:
    static constexpr std::size_t maxInFlight = 1 << 16;

    ReplayLane(std::uint32_t index, const Scenario& scenario, const ScenarioDependency& dependency,
               std::unique_ptr<Pipeline> pipeline, Scheduler& scheduler, ReplaySink& sink,
               std::uint64_t seed);
    ~ReplayLane();
    ReplayLane(const ReplayLane&) = delete;
    ReplayLane& operator=(const ReplayLane&) = delete;

    void start();
    // The next caller's arrival, TimePoint::max() when none is due. Arrivals are not timers: one a
    // millisecond at 1000 calls/s would be half of the scheduler's heap traffic, so the engine interleaves
    // them with the timers itself and calls arrive() with the clock at this time.
    TimePoint nextArrivalAt() const noexcept { return m_nextArrivalAt; }
    void arrive();
    // Hands the second that just ended to the sink and starts counting the next.
    void closeSecond(std::int64_t second);
    // No more arrivals or answers; the calls in flight stay parked. Then releasePipeline() before the
    // scheduler goes, and the lane (its calls) after it: the scheduler's heap still holds their timers.
    void stop();
    void releasePipeline();
    std::uint64_t inFlight() const noexcept;

private:
    friend class ReplayCall;
    struct Task final : TimerTask {
        void fire() override { (lane->*action)(); }
        ReplayLane* lane = nullptr;
        void (ReplayLane::*action)() = nullptr;
    };
    struct Behaviour {
        Downstream downstream;
        FaultEffect hangsAndResets;
    };

    void nextPhase();
    void enter(std::size_t behaviour);
    void releaseHangs();
    void onAttempt(bool retry) noexcept;
    void onFinished(ReplayCall& call, const Outcome& outcome) noexcept;
    TimePoint nextArrival(double rate);

    const std::uint32_t m_index;
    const TrafficShape m_traffic;
    const Duration m_duration;
    const std::vector<ScenarioPhase> m_phases;
    Scheduler& m_scheduler;
    ReplaySink& m_sink;
    const TimePoint m_start;
    std::unique_ptr<Pipeline> m_pipeline;
    std::vector<Behaviour> m_behaviours; // [0] the baseline, then one per phase
    std::size_t m_behaviour = 0;
    std::size_t m_nextPhase = 0; // the next boundary: phase k starts (even) or ends (odd), k = n/2
    SplitMix64 m_random;
    double m_dueSeconds = 0; // the next arrival, in seconds from the start (a fraction keeps the rate exact)
    TimePoint m_nextArrivalAt = TimePoint::max();
    Task m_phaseBoundary;
    std::vector<std::unique_ptr<ReplayCall>> m_pool;
    std::vector<ReplayCall*> m_idle;
    bool m_stopped = false;
    ReplaySecond m_second;
    LatencyHistogram m_latency;
    ListenerHandle m_transitions;
};

} // namespace jimini
