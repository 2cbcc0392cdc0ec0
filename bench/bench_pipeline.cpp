// SPDX-License-Identifier: GPL-3.0-or-later
#include "alloccounter.h"
#include "policy/pipeline.h"
#include "policy/simulatedscheduler.h"

#include <benchmark/benchmark.h>

#include <cstdlib>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// Real time for the success path: the steady clock, and a scheduler that must never be asked to wait
// (an inline operation never arms a timer).
class SteadyNoWaitScheduler final : public Scheduler {
public:
    const Clock& clock() const noexcept override { return SteadyClock::instance(); }
    void schedule(TimerTask&, Duration) override { std::abort(); }
    bool cancel(TimerTask&) noexcept override { return false; }
};

struct InlineCall final : Execution {
    void runAttempt(Token token) override { complete(token, Outcome::success()); }
    void finished(const Outcome& outcome) override { ok += outcome.ok(); }
    std::uint64_t ok = 0;
};

PipelineOptions fullPipeline() {
    PipelineOptions o; // the guide's production numbers, with a limiter that never runs dry here
    o.rateLimit->requestsPerSecond = 1e12;
    o.rateLimit->burst = 1u << 30;
    return o;
}

PipelineOptions only(Stage stage) {
    PipelineOptions o = fullPipeline();
    if (stage != Stage::RateLimit)
        o.rateLimit.reset();
    if (stage != Stage::Bulkhead)
        o.bulkhead.reset();
    if (stage != Stage::CircuitBreaker)
        o.circuitBreaker.reset();
    if (stage != Stage::Retry)
        o.retry.reset();
    if (stage != Stage::Timeout)
        o.timeout.reset();
    return o;
}

template <class SchedulerT> void runSuccess(benchmark::State& state, const PipelineOptions& options) {
    SchedulerT scheduler;
    Pipeline pipeline(options, scheduler);
    InlineCall call;
    const auto before = bench::allocationCount();
    for (auto _ : state)
        pipeline.execute(call);
    bench::reportAllocations(state, before);
    if (call.ok != std::uint64_t(state.iterations()))
        state.SkipWithError("a call did not succeed");
}

void BM_Pipeline_FullSuccess_SteadyClock(benchmark::State& state) {
    runSuccess<SteadyNoWaitScheduler>(state, fullPipeline());
}
BENCHMARK(BM_Pipeline_FullSuccess_SteadyClock);

void BM_Pipeline_FullSuccess_SimulatedClock(benchmark::State& state) {
    runSuccess<SimulatedScheduler>(state, fullPipeline());
}
BENCHMARK(BM_Pipeline_FullSuccess_SimulatedClock);

// Cockatiel has no rate limiter: this is the shape its peer benchmark runs.
void BM_Pipeline_FourStageSuccess_SteadyClock(benchmark::State& state) {
    PipelineOptions o = fullPipeline();
    o.rateLimit.reset();
    runSuccess<SteadyNoWaitScheduler>(state, o);
}
BENCHMARK(BM_Pipeline_FourStageSuccess_SteadyClock);

// The Python peer's shape: breaker around retry.
void BM_Pipeline_BreakerRetrySuccess_SteadyClock(benchmark::State& state) {
    PipelineOptions o = fullPipeline();
    o.rateLimit.reset();
    o.bulkhead.reset();
    o.timeout.reset();
    runSuccess<SteadyNoWaitScheduler>(state, o);
}
BENCHMARK(BM_Pipeline_BreakerRetrySuccess_SteadyClock);

void BM_Pipeline_SingleStage_SteadyClock(benchmark::State& state) {
    runSuccess<SteadyNoWaitScheduler>(state, only(static_cast<Stage>(state.range(0))));
}
BENCHMARK(BM_Pipeline_SingleStage_SteadyClock)->DenseRange(0, 4)->ArgName("stage");

void BM_Pipeline_OpenBreakerRejection(benchmark::State& state) {
    SteadyNoWaitScheduler scheduler;
    Pipeline pipeline(fullPipeline(), scheduler);
    pipeline.circuitBreaker()->isolate(std::nullopt, "benchmark");
    InlineCall call;
    const auto before = bench::allocationCount();
    for (auto _ : state)
        pipeline.execute(call);
    bench::reportAllocations(state, before);
    if (call.ok != 0)
        state.SkipWithError("the breaker let a call through");
}
BENCHMARK(BM_Pipeline_OpenBreakerRejection);

// Simulated calls: each operation answers after 20 ms of virtual time, so every call arms and fires
// its reply timer and arms and cancels its attempt timeout on the simulated scheduler.
struct SimulatedCall final : Execution {
    struct Reply final : TimerTask {
        void fire() override { call->complete(token, Outcome::success()); }
        SimulatedCall* call = nullptr;
        Token token = 0;
    };
    explicit SimulatedCall(SimulatedScheduler& s)
        : scheduler(s) {
        reply.call = this;
    }
    void runAttempt(Token token) override {
        reply.token = token;
        scheduler.schedule(reply, 20ms);
    }
    void finished(const Outcome& outcome) override { ok += outcome.ok(); }
    SimulatedScheduler& scheduler;
    Reply reply;
    std::uint64_t ok = 0;
};

void BM_Pipeline_SimulatedCalls(benchmark::State& state) {
    SimulatedScheduler scheduler;
    scheduler.reserve(4096);
    Pipeline pipeline(fullPipeline(), scheduler);
    std::vector<std::unique_ptr<SimulatedCall>> calls;
    for (int i = 0; i < 8; ++i) // within the bulkhead's 10 slots
        calls.push_back(std::make_unique<SimulatedCall>(scheduler));
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        for (auto& c : calls)
            pipeline.execute(*c);
        scheduler.runAll();
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(calls.size()));
    bench::reportAllocations(state, before, double(calls.size()));
}
BENCHMARK(BM_Pipeline_SimulatedCalls);

void BM_Sizeof(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(state.iterations());
    state.counters["Pipeline"] = sizeof(Pipeline);
    state.counters["Execution"] = sizeof(Execution);
    state.counters["CircuitBreaker"] = sizeof(CircuitBreaker);
    state.counters["Bulkhead"] = sizeof(Bulkhead);
    state.counters["RetryPolicy"] = sizeof(RetryPolicy);
    state.counters["Outcome"] = sizeof(Outcome);
}
BENCHMARK(BM_Sizeof)->Iterations(1);
} // namespace

BENCHMARK_MAIN();
