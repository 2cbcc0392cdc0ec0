// SPDX-License-Identifier: GPL-3.0-or-later
#include "alloccounter.h"
#include "policy/bulkhead.h"
#include "policy/simulatedscheduler.h"

#include <benchmark/benchmark.h>

using namespace jimini;

namespace {
// Take and give back a slot with nobody queued: the lock-free fast path every call pays.
void BM_Bulkhead_TryEnterLeave(benchmark::State& state) {
    SimulatedScheduler scheduler;
    Bulkhead bulkhead(BulkheadOptions{}, scheduler);
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        benchmark::DoNotOptimize(bulkhead.tryEnter());
        bulkhead.leave();
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(bench::allocationCount() - before), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Bulkhead_TryEnterLeave);

struct NoopWaiter final : BulkheadWaiter {
    void onAdmitted() override { ++admitted; }
    void onQueueTimeout() override {}
    std::uint64_t admitted = 0;
};

// Queue behind a full bulkhead and be handed the slot on leave(): the slow path under the mutex,
// including arming and disarming the queue-wait timer.
void BM_Bulkhead_QueueHandOver(benchmark::State& state) {
    SimulatedScheduler scheduler;
    BulkheadOptions options;
    options.maxConcurrent = 1;
    Bulkhead bulkhead(options, scheduler);
    NoopWaiter waiter;
    bulkhead.tryEnter();
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        benchmark::DoNotOptimize(bulkhead.enter(waiter));
        bulkhead.leave(); // hands the slot to the waiter, which now holds it
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(bench::allocationCount() - before), benchmark::Counter::kAvgIterations);
    benchmark::DoNotOptimize(waiter.admitted);
    bulkhead.leave();
}
BENCHMARK(BM_Bulkhead_QueueHandOver);
} // namespace

BENCHMARK_MAIN();
