// SPDX-License-Identifier: GPL-3.0-or-later
#include "alloccounter.h"
#include "store/seriesstore.h"

#include <benchmark/benchmark.h>

using namespace jimini;

namespace {
constexpr std::int64_t t0 = 1'700'000'000'000;

// One sample into an existing series (one per second: the ingest's steady state), both tiers updated.
void BM_SeriesStore_Append(benchmark::State& state) {
    SeriesStore store;
    const SeriesKey key{QStringLiteral("http://127.0.0.1:8081"), QStringLiteral("payments"),
                        Metric::ErrorRate};
    std::int64_t t = t0;
    store.append(key, t, 0);
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        t += 1000;
        store.append(key, t, float(t % 7));
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_SeriesStore_Append);

// The same among many series (map lookup with more entries, colder cache lines).
void BM_SeriesStore_AppendAmong(benchmark::State& state) {
    SeriesStore store({{std::chrono::seconds(1), 120}, {std::chrono::seconds(10), 360}});
    std::vector<SeriesKey> keys;
    for (int i = 0; i < state.range(0); ++i)
        keys.push_back(
            SeriesKey{QStringLiteral("http://10.0.0.%1:8081").arg(i), QString(), Metric::ErrorRate});
    for (const SeriesKey& k : keys)
        store.append(k, t0, 0);
    std::int64_t t = t0;
    std::size_t i = 0;
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        store.append(keys[i], t, 1);
        if (++i == keys.size()) {
            i = 0;
            t += 1000;
        }
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_SeriesStore_AppendAmong)->Arg(1000)->Arg(20000);

// A detail chart's read of one hour at 1 s into a vector that already has the capacity.
void BM_SeriesStore_Read3600(benchmark::State& state) {
    SeriesStore store;
    const SeriesKey key{QStringLiteral("http://127.0.0.1:8081"), QString(), Metric::LatencyP95};
    for (int i = 0; i < 7200; ++i)
        store.append(key, t0 + std::int64_t(i) * 1000, float(i % 100));
    const std::int64_t now = t0 + 7199 * 1000;
    std::vector<SeriesPoint> out;
    out.reserve(3600);
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        store.read(key, now - 3'600'000, now, out);
        benchmark::DoNotOptimize(out.data());
    }
    bench::reportAllocations(state, before);
    state.counters["points"] = double(out.size());
}
BENCHMARK(BM_SeriesStore_Read3600);

// Memory of one series with the default tiers (1 s x 3600, 60 s x 1440) after its first append.
void BM_SeriesStore_FirstAppend(benchmark::State& state) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        SeriesStore store;
        store.append(SeriesKey{QStringLiteral("e"), QString(), Metric::ErrorRate}, t0, 1);
        bytes = store.memoryBytes();
    }
    state.counters["bytes/series"] = double(bytes);
}
BENCHMARK(BM_SeriesStore_FirstAppend);
} // namespace

BENCHMARK_MAIN();
