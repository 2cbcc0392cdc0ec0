// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/downstream.h"
#include "sim/fault.h"
#include "sim/trafficshape.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace jimini {

// A stretch of time in which a dependency behaves differently: the fault-shaped body (error rate and
// status mix, Retry-After, latency, hangs, resets; fault.duration is its length) from start on. What a
// phase leaves out is the dependency's baseline.
struct ScenarioPhase {
    QString name;
    Duration start{};
    Fault fault;

    Duration end() const noexcept { return start + fault.duration; }
    bool operator==(const ScenarioPhase&) const = default;
};

// One dependency the callers reach through a policy of the config under test.
struct ScenarioDependency {
    QString name;
    QString policy;                      // the config's policy that guards it
    DownstreamOptions baseline;          // how it behaves outside its phases
    std::vector<ScenarioPhase> phases;   // by start, never overlapping
    std::optional<TrafficShape> traffic; // absent: the scenario's
    bool operator==(const ScenarioDependency&) const = default;
};

// A failure scenario (docs/scenarios.md): who calls how often, and how each dependency behaves when.
// A seed makes a replay of it reproducible to the byte.
struct Scenario {
    QString name;
    QString description;
    std::uint64_t seed = 1;
    Duration duration{};
    TrafficShape traffic;
    std::vector<ScenarioDependency> dependencies;

    const TrafficShape& trafficOf(const ScenarioDependency& d) const noexcept {
        return d.traffic ? *d.traffic : traffic;
    }
    // Equal values, field by field (a phase's fault body included): what a file read back must give.
    bool operator==(const Scenario&) const = default;
};

} // namespace jimini
