// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>

namespace jimini::bench {

// Heap allocations made by this process so far (global operator new is replaced in alloccounter.cpp).
std::uint64_t allocationCount() noexcept;

// Reports heap allocations per iteration (per item when perItem > 1) since before as "allocs/op".
inline void reportAllocations(benchmark::State& state, std::uint64_t before, double perItem = 1) {
    state.counters["allocs/op"] =
        benchmark::Counter(double(allocationCount() - before) / perItem, benchmark::Counter::kAvgIterations);
}

} // namespace jimini::bench
