// SPDX-License-Identifier: GPL-3.0-or-later
#include "alloccounter.h"
#include "policy/simulatedscheduler.h"

#include <benchmark/benchmark.h>

using namespace jimini;

namespace {
struct CountingTask final : TimerTask {
    void fire() override { ++fired; }
    std::uint64_t fired = 0;
};

// Arm and fire one timer: the cost of one simulated wait.
void BM_SimulatedScheduler_ArmFire(benchmark::State& state) {
    SimulatedScheduler scheduler;
    CountingTask task;
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        scheduler.schedule(task, std::chrono::milliseconds(1));
        scheduler.runNext();
    }
    bench::reportAllocations(state, before);
    benchmark::DoNotOptimize(task.fired);
}
BENCHMARK(BM_SimulatedScheduler_ArmFire);
} // namespace

BENCHMARK_MAIN();
