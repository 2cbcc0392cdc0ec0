// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/replaysink.h"
#include "sim/scenario.h"

#include <QString>

#include <optional>
#include <vector>

namespace jimini {

// What one dependency went through over a whole replay, as the comparison table shows it. Rates are of
// the calls that ended; detection and recovery are measured from the dependency's trouble: the start of
// its first phase and the end of its last (absent without phases, or when it never happened).
struct DependencySummary {
    QString name;
    std::uint64_t offered = 0;
    std::uint64_t ended = 0;
    std::uint64_t succeeded = 0;
    std::uint64_t shed = 0;    // rejected by the limiter, the bulkhead or the breaker
    std::uint64_t skipped = 0; // not started: the simulator's in-flight cap
    std::uint64_t attempts = 0;
    std::uint64_t retries = 0;
    std::uint64_t peakAttempts = 0; // the busiest second's load on the dependency
    std::uint32_t opens = 0;
    std::optional<double> timeToDetect;  // seconds from the first phase's start to the first open
    std::optional<double> timeToRecover; // seconds from the last phase's end to the first close after it

    std::optional<double> successRate() const {
        return ended ? std::optional<double>(double(succeeded) / double(ended)) : std::nullopt;
    }
    std::optional<double> loadMultiple() const { // attempts per offered call, retries included
        return offered ? std::optional<double>(double(attempts) / double(offered)) : std::nullopt;
    }
    bool operator==(const DependencySummary&) const = default;
};

// A sink that sums a replay up per dependency, and passes everything on to next (may be null).
class ReplaySummary final : public ReplaySink {
public:
    explicit ReplaySummary(const Scenario& scenario, ReplaySink* next = nullptr);

    void onSecond(const ReplaySecond& second) override;
    void onTransition(std::uint32_t dependency, Duration at, const BreakerTransition& transition) override;

    const std::vector<DependencySummary>& dependencies() const noexcept { return m_summaries; }

private:
    struct Trouble {
        std::optional<Duration> start;
        std::optional<Duration> end;
    };
    ReplaySink* m_next;
    std::vector<DependencySummary> m_summaries;
    std::vector<Trouble> m_trouble;
};

} // namespace jimini
