// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace jimini {

struct Scenario;

// One phase of one dependency as it is played against agents: the fault that stands for it on the
// agents' policy that guards the dependency (docs/scenarios.md, "Live replay").
struct LiveReplaySlot {
    QString dependency;
    QString policy;
    QString phase; // the phase's name, or "phase N" (1-based) when it has none
    Duration start{};
    Duration end{};
    QJsonObject fault; // the body of the POST: the phase's fault keys, policy, duration and lease

    QString label() const { return dependency + QLatin1Char('/') + phase; } // "payments/outage"
};

// What happens when: a phase starts (its fault is injected), a phase ends (its fault is cleared), or the
// scenario ends (the replay is over).
struct LiveReplayStep {
    enum class Kind : quint8 { Start, End, Finish };
    Kind kind = Kind::Start;
    Duration at{};
    int slot = -1; // into LiveReplayPlan::phaseSlots; -1 for Finish
};

// A scenario as a live replay plays it: its phases as faults, and the steps in time order (at one
// time, ends before starts, so that two phases back to back never overlap on an agent). The baseline is
// not played: live, the real dependency's own behaviour is the baseline.
struct LiveReplayPlan {
    std::vector<LiveReplaySlot> phaseSlots;
    std::vector<LiveReplayStep> steps; // the last is Finish, at the scenario's end
    Duration duration{};

    // ttl: the lease each injected fault carries. A fault's duration is its phase's plus the lease, so
    // that the replay's own clear at the phase's end (not the agent's clock) ends it.
    static LiveReplayPlan build(const Scenario& scenario, Duration ttl);
    // "start of payments/outage", "end of payments/outage", "end of the scenario".
    QString describe(const LiveReplayStep& step) const;
};

} // namespace jimini
