// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/downstream.h"
#include "sim/trafficlane.h"

#include "policy/scheduler.h"
#include "policy/splitmix.h"
#include "policy/timertask.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace jimini {

class FaultSet;
class HealthMonitor;
class UpstreamCalls;
class CallSlot;

// Generates traffic: per lane (a named policy), one call every 1/rate seconds on the scheduler (each
// tick arms the next; nothing sleeps) through the lane's Pipeline, against the simulated downstream or,
// where it allows a real call, the upstream. The agent drives its policies with it. Calls are pooled
// Execution objects: the pool grows to the largest number of calls ever in flight (at most maxInFlight per
// policy) and is reused after that, so a steady run does not allocate per call. Each finished call is
// recorded in the HealthMonitor and the policy's telemetry. Runs on the scheduler's thread.
class TrafficGenerator {
public:
    static constexpr std::size_t maxInFlight = 4096; // per policy; beyond it a due call is skipped

    // upstream: null for the simulated downstream only; must outlive the generator.
    TrafficGenerator(Scheduler& scheduler, HealthMonitor& monitor, const FaultSet& faults,
                     Downstream downstream, UpstreamCalls* upstream, double callsPerSecond,
                     std::uint64_t seed);
    ~TrafficGenerator();
    TrafficGenerator(const TrafficGenerator&) = delete;
    TrafficGenerator& operator=(const TrafficGenerator&) = delete;

    // Follows the lanes in force: new names start, missing ones stop, replaced pipelines take the next calls.
    void sync(const std::vector<TrafficLane>& lanes);
    // No more calls; pending simulated and upstream answers are dropped. Calls in flight stay parked
    // (their pipelines may still hold timers) until releasePipelines().
    void stop();
    // Attempts hanging because of these faults fail now as connection resets (the faults ended).
    void releaseHangs(const std::vector<int>& faultIds);
    // After stop(): lets go of every pipeline held by calls in flight. The scheduler must then never run
    // those calls' timers again (destroy it, or the owner, next).
    void releasePipelines();

    std::uint64_t callsStarted() const noexcept { return m_started; }
    std::uint64_t callsSkipped() const noexcept { return m_skipped; }
    std::size_t inFlight() const;

private:
    friend class CallSlot;
    struct Lane;

    void tick(Lane& lane);
    void startCall(Lane& lane, TimePoint now);
    void onFinished(CallSlot& slot, const Outcome& outcome);

    Scheduler& m_scheduler;
    HealthMonitor& m_monitor;
    const FaultSet& m_faults;
    const Downstream m_downstream;
    UpstreamCalls* const m_upstream;
    const Duration m_interval; // zero: no traffic
    const std::uint64_t m_seed;
    std::vector<std::unique_ptr<Lane>> m_lanes;
    std::uint64_t m_started = 0;
    std::uint64_t m_skipped = 0;
    bool m_stopped = false;
};

} // namespace jimini
