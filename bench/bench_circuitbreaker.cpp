// SPDX-License-Identifier: GPL-3.0-or-later
#include "alloccounter.h"
#include "policy/circuitbreaker.h"
#include "policy/manualclock.h"

#include <benchmark/benchmark.h>

using namespace jimini;

namespace {
// The hot path every protected call pays: closed, ConsecutiveFailures, acquire + record(success).
void BM_CircuitBreaker_ClosedSuccess(benchmark::State& state) {
    static CircuitBreaker* breaker = nullptr;
    if (state.thread_index() == 0)
        breaker = new CircuitBreaker(CircuitBreakerOptions{}, SteadyClock::instance());
    const auto success = Outcome::success();
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        const auto permit = breaker->tryAcquire();
        breaker->record(permit, success, std::chrono::microseconds(50));
        benchmark::DoNotOptimize(permit);
    }
    if (state.thread_index() == 0) {
        bench::reportAllocations(state, before);
        delete breaker;
    }
}
BENCHMARK(BM_CircuitBreaker_ClosedSuccess)->Threads(1)->Threads(2)->UseRealTime();

// Failing fast: an open breaker rejecting, with the real clock read that decides it is still open.
void BM_CircuitBreaker_OpenRejection(benchmark::State& state) {
    CircuitBreakerOptions options;
    options.failureThreshold = 1;
    options.openDuration = std::chrono::hours(1);
    CircuitBreaker breaker(options, SteadyClock::instance());
    breaker.record(breaker.tryAcquire(), Outcome::failure(ErrorCategory::ServiceUnavailable, true),
                   std::chrono::milliseconds(1));
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        const auto permit = breaker.tryAcquire();
        benchmark::DoNotOptimize(permit);
    }
    bench::reportAllocations(state, before);
    if (breaker.state() != BreakerState::Open)
        state.SkipWithError("breaker did not stay open");
}
BENCHMARK(BM_CircuitBreaker_OpenRejection);

// The ratio mode's cost: the window update under the breaker's lock.
void BM_CircuitBreaker_CountWindowSuccess(benchmark::State& state) {
    CircuitBreakerOptions options;
    options.mode = BreakerMode::CountWindow;
    options.windowSize = 100;
    ManualClock clock;
    CircuitBreaker breaker(options, clock);
    const auto success = Outcome::success();
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        const auto permit = breaker.tryAcquire();
        breaker.record(permit, success, std::chrono::microseconds(50));
        benchmark::DoNotOptimize(permit);
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_CircuitBreaker_CountWindowSuccess);

void BM_CircuitBreaker_TimeWindowSuccess(benchmark::State& state) {
    CircuitBreakerOptions options;
    options.mode = BreakerMode::TimeWindow;
    CircuitBreaker breaker(options, SteadyClock::instance());
    const auto success = Outcome::success();
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        const auto permit = breaker.tryAcquire();
        breaker.record(permit, success, std::chrono::microseconds(50));
        benchmark::DoNotOptimize(permit);
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_CircuitBreaker_TimeWindowSuccess);
} // namespace

BENCHMARK_MAIN();
