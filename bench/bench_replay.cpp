// SPDX-License-Identifier: GPL-3.0-or-later
// The replay engine's speed (docs/benchmarks.md, "Replay"): simulated seconds of a whole pipeline per
// second of CPU. Targets: one hour at 50 calls/s under 0.1 s; a day at 1,000 calls/s (86.4 million
// calls) under 30 s on one core, with memory that does not grow with the duration (allocations per
// run flat from an hour to a day).
#include "alloccounter.h"

#include "sim/replayengine.h"
#include "sim/replaysink.h"

#include "config/profiles.h"

#include <benchmark/benchmark.h>

#include <sys/resource.h>

using namespace jimini;

namespace {
struct CountingSink final : ReplaySink {
    void onSecond(const ReplaySecond& s) override {
        calls += s.offered;
        succeeded += s.count(CallCategory::Success);
    }
    std::uint64_t calls = 0;
    std::uint64_t succeeded = 0;
};

// A dependency with 1 % errors and lognormal latency (mean 40 ms), a five-minute outage every hour,
// and the production profile opened up so that every call runs the whole pipeline (the limiter and
// the bulkhead admit the rate; the breaker, retries and timeouts work as configured).
Scenario scenario(double rate, std::int64_t hours) {
    Scenario s;
    s.name = QStringLiteral("bench");
    s.seed = 42;
    s.duration = std::chrono::hours(hours);
    s.traffic.rate = rate;
    ScenarioDependency d;
    d.name = QStringLiteral("dependency");
    d.policy = QStringLiteral("default");
    for (std::int64_t h = 0; h < hours; ++h) {
        ScenarioPhase p;
        p.start = std::chrono::hours(h) + std::chrono::minutes(30);
        p.fault.duration = std::chrono::minutes(5);
        p.fault.errorRate = 1.0;
        p.fault.statusMix = {{503, 1}};
        d.phases.push_back(p);
    }
    s.dependencies.push_back(d);
    return s;
}

ResilienceConfig openedProduction(double rate) {
    ResilienceConfig config = *Profiles::load(QStringLiteral("production"));
    PipelineOptions& p = config.policies[0].pipeline;
    p.rateLimit->requestsPerSecond = rate * 2;
    p.rateLimit->burst = std::uint32_t(rate * 2);
    p.bulkhead->maxConcurrent = std::uint32_t(rate); // 40 ms at the rate needs rate / 25 slots; outages more
    return config;
}

void BM_Replay(benchmark::State& state) {
    const double rate = double(state.range(0));
    const std::int64_t hours = state.range(1);
    const Scenario s = scenario(rate, hours);
    const ResilienceConfig config = openedProduction(rate);
    std::uint64_t calls = 0;
    std::uint64_t succeeded = 0;
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        CountingSink sink;
        ReplayEngine::run(s, config, sink);
        calls += sink.calls;
        succeeded += sink.succeeded;
    }
    state.SetItemsProcessed(std::int64_t(calls));
    state.counters["calls"] = benchmark::Counter(double(calls), benchmark::Counter::kAvgIterations);
    state.counters["success"] = double(succeeded) / double(calls ? calls : 1);
    state.counters["allocs/run"] =
        benchmark::Counter(double(bench::allocationCount() - before), benchmark::Counter::kAvgIterations);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["maxrss_mb"] = double(usage.ru_maxrss) / 1024;
}
BENCHMARK(BM_Replay)
    ->ArgNames({"rate", "hours"})
    ->Args({50, 1})
    ->Args({1000, 1})
    ->Args({1000, 24})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
} // namespace

BENCHMARK_MAIN();
