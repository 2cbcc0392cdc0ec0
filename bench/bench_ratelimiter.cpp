// SPDX-License-Identifier: GPL-3.0-or-later
#include "alloccounter.h"
#include "policy/fixedwindowlimiter.h"
#include "policy/slidingwindowlimiter.h"
#include "policy/tokenbucketlimiter.h"

#include <benchmark/benchmark.h>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// Time moves 1 µs per call and every limiter allows far more than 1 per µs: every call is permitted, so
// this measures the success path.
template <typename Limiter> void runAcquire(benchmark::State& state, Limiter& limiter) {
    TimePoint now{};
    std::uint64_t permitted = 0;
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        now += 1us;
        permitted += limiter.tryAcquire(now).permitted ? 1 : 0;
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(bench::allocationCount() - before), benchmark::Counter::kAvgIterations);
    if (permitted != std::uint64_t(state.iterations()))
        state.SkipWithError("a request was rejected");
}

void BM_TokenBucket_Acquire(benchmark::State& state) {
    TokenBucketLimiter limiter(2e6, 1000);
    runAcquire(state, limiter);
}
BENCHMARK(BM_TokenBucket_Acquire);

void BM_FixedWindow_Acquire(benchmark::State& state) {
    FixedWindowLimiter limiter(2e6, 1s);
    runAcquire(state, limiter);
}
BENCHMARK(BM_FixedWindow_Acquire);

void BM_SlidingWindow_Acquire(benchmark::State& state) {
    SlidingWindowLimiter limiter(2e6, 1s);
    runAcquire(state, limiter);
}
BENCHMARK(BM_SlidingWindow_Acquire);
} // namespace

BENCHMARK_MAIN();
