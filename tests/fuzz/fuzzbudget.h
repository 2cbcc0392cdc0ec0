// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace jimini::fuzz {

// The time budget of one input. libFuzzer's -timeout counts whole seconds; an input that takes more than
// JIMINI_FUZZ_BUDGET_MS milliseconds must fail too, so it aborts here and libFuzzer keeps it as a crash.
// This thread's CPU time, not wall time: on a busy machine a preempted input is not a slow one. Unset, the
// budget is off (ctest replays in Debug sanitizer builds, where times mean little). With the budget on,
// the slowest input's time is printed at exit.
class FuzzBudget {
public:
    FuzzBudget()
        : m_start(cpuMs()) {}
    ~FuzzBudget() {
        State& s = state();
        if (s.budgetMs <= 0)
            return;
        const double spent = cpuMs() - m_start;
        if (spent > s.slowestMs)
            s.slowestMs = spent;
        if (spent > s.budgetMs) {
            std::fprintf(stderr, "jimini-fuzz: input took %.1f ms of CPU time, over the %.0f ms budget\n",
                         spent, s.budgetMs);
            std::abort();
        }
    }
    FuzzBudget(const FuzzBudget&) = delete;
    FuzzBudget& operator=(const FuzzBudget&) = delete;

private:
    struct State {
        double budgetMs = 0;
        double slowestMs = 0;
    };
    static State& state() {
        static State s = [] {
            State init;
            if (const char* env = std::getenv("JIMINI_FUZZ_BUDGET_MS"))
                init.budgetMs = std::atof(env);
            if (init.budgetMs > 0)
                std::atexit([] {
                    std::fprintf(stderr, "jimini-fuzz: slowest input %.2f ms of CPU time (budget %.0f ms)\n",
                                 state().slowestMs, state().budgetMs);
                });
            return init;
        }();
        return s;
    }
    static double cpuMs() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }

    double m_start;
};

} // namespace jimini::fuzz
