// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayengine.h"

#include "sim/replaylane.h"

#include "config/pipelinefactory.h"
#include "policy/simulatedscheduler.h"

#include <memory>

namespace jimini {

namespace {
// Distinct, reproducible streams per dependency (the pipeline's jitter and the dependency's draws).
std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t index, std::uint64_t salt) {
    SplitMix64 mix(seed ^ (index * 0x9E3779B97F4A7C15ull) ^ salt);
    return mix.next();
}

// Fires, in time order, the scheduler's timers and the lanes' arrivals due at or before end, then sets
// the clock to end. A timer due at the same instant as an arrival fires first (it was armed earlier).
void runUntil(SimulatedScheduler& scheduler, const std::vector<std::unique_ptr<ReplayLane>>& lanes,
              TimePoint end) {
    for (;;) {
        ReplayLane* next = nullptr;
        TimePoint arrival = TimePoint::max();
        for (const auto& lane : lanes) {
            if (lane->nextArrivalAt() < arrival) {
                arrival = lane->nextArrivalAt();
                next = lane.get();
            }
        }
        if (scheduler.runNextUntil(std::min(end, arrival)))
            continue;
        if (!next || arrival > end)
            break;
        if (arrival > scheduler.now())
            scheduler.manualClock().setNow(arrival);
        next->arrive();
    }
    scheduler.runUntil(end);
}
} // namespace

QList<FieldError> ReplayEngine::check(const Scenario& scenario, const ResilienceConfig& config) {
    QList<FieldError> errors;
    for (std::size_t i = 0; i < scenario.dependencies.size(); ++i) {
        const ScenarioDependency& d = scenario.dependencies[i];
        if (!config.policy(d.policy)) {
            QStringList names;
            for (const PolicyConfig& p : config.policies)
                names << p.name;
            errors.append({QStringLiteral("dependencies[%1].policy").arg(i),
                           QStringLiteral("the config has no policy \"%1\" (it has: %2)")
                               .arg(d.policy, names.join(QStringLiteral(", ")))});
        }
    }
    return errors;
}

ReplayRun ReplayEngine::run(const Scenario& scenario, const ResilienceConfig& config, ReplaySink& sink,
                            const std::atomic<bool>* cancel) {
    ReplayRun run;
    run.errors = check(scenario, config);
    if (!run.errors.isEmpty())
        return run;
    auto scheduler =
        std::make_unique<SimulatedScheduler>(TimePoint{}, SimulatedScheduler::Sharing::OneThread);
    scheduler->reserve(4096);
    std::vector<std::unique_ptr<ReplayLane>> lanes;
    for (std::size_t i = 0; i < scenario.dependencies.size(); ++i) {
        const ScenarioDependency& d = scenario.dependencies[i];
        auto pipeline = PipelineFactory::build(*config.policy(d.policy), *scheduler,
                                               streamSeed(scenario.seed, i, 0x5049504Eull));
        lanes.push_back(std::make_unique<ReplayLane>(std::uint32_t(i), scenario, d, std::move(pipeline),
                                                     *scheduler, sink,
                                                     streamSeed(scenario.seed, i, 0x444F574Eull)));
    }
    for (auto& lane : lanes)
        lane->start();
    const TimePoint start = scheduler->now();
    const std::int64_t seconds = std::chrono::ceil<std::chrono::seconds>(scenario.duration).count();
    for (std::int64_t s = 0; s < seconds; ++s) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            run.cancelled = true;
            break;
        }
        // Everything due before the next whole second belongs to this one.
        runUntil(*scheduler, lanes, start + std::chrono::seconds(s + 1) - Duration(1));
        for (auto& lane : lanes)
            lane->closeSecond(s);
        run.seconds = s + 1;
    }
    // Teardown in the order the calls need: no more events, pipelines released (their queues cancel
    // their timers), the scheduler's heap gone, then the calls.
    for (auto& lane : lanes) {
        run.inFlightAtEnd.push_back(lane->inFlight());
        lane->stop();
        lane->releasePipeline();
    }
    scheduler.reset();
    lanes.clear();
    return run;
}

} // namespace jimini
