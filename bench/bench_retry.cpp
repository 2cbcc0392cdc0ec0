// SPDX-License-Identifier: GPL-3.0-or-later
#include "alloccounter.h"
#include "policy/httpclassification.h"
#include "policy/retrypolicy.h"

#include <benchmark/benchmark.h>

using namespace jimini;

namespace {
// The path every healthy call takes once: a success, with the token budget refill (the costlier budget).
void BM_RetryPolicy_DecideSuccess(benchmark::State& state) {
    RetryOptions options;
    options.budget = RetryBudgetKind::Tokens;
    RetryPolicy policy(options, 1);
    const Outcome ok = Outcome::success();
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        policy.onCallStarted(TimePoint{});
        benchmark::DoNotOptimize(policy.decide(ok, 1, Duration::zero(), TimePoint{}));
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_RetryPolicy_DecideSuccess);

// A granted retry with full jitter and the ratio budget: call counted, retry reserved against the window,
// delay drawn. A ratio of 1 keeps every retry granted, so the whole path is measured each time.
void BM_RetryPolicy_DecideRetry(benchmark::State& state) {
    RetryOptions options;
    options.jitter = JitterKind::Full;
    options.budget = RetryBudgetKind::Ratio;
    options.budgetRatio = 1.0;
    RetryPolicy policy(options, 1);
    const Outcome failure = classifyHttpStatus(503, Duration::zero());
    const auto before = bench::allocationCount();
    std::int64_t retries = 0;
    for (auto _ : state) {
        policy.onCallStarted(TimePoint{});
        const RetryDecision d = policy.decide(failure, 1, Duration::zero(), TimePoint{});
        retries += d.retry;
        benchmark::DoNotOptimize(d);
    }
    bench::reportAllocations(state, before);
    if (retries != static_cast<std::int64_t>(state.iterations()))
        state.SkipWithError("a retry was denied: the benchmark did not measure the retry path");
}
BENCHMARK(BM_RetryPolicy_DecideRetry);

void BM_ClassifyHttpStatus(benchmark::State& state) {
    static constexpr int statuses[] = {200, 204, 301, 404, 408, 429, 500, 503};
    const auto before = bench::allocationCount();
    std::size_t i = 0;
    for (auto _ : state) {
        int status = statuses[i++ % std::size(statuses)];
        benchmark::DoNotOptimize(status);
        benchmark::DoNotOptimize(classifyHttpStatus(status));
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_ClassifyHttpStatus);

void BM_ParseRetryAfter_ImfFixdate(benchmark::State& state) {
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(784111740));
    const auto before = bench::allocationCount();
    for (auto _ : state)
        benchmark::DoNotOptimize(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now));
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_ParseRetryAfter_ImfFixdate);
} // namespace

BENCHMARK_MAIN();
