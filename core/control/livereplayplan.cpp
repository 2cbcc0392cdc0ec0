// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/livereplayplan.h"

#include "sim/scenario.h"

#include <algorithm>

namespace jimini {

LiveReplayPlan LiveReplayPlan::build(const Scenario& scenario, Duration ttl) {
    LiveReplayPlan plan;
    plan.duration = scenario.duration;
    for (const ScenarioDependency& d : scenario.dependencies) {
        for (std::size_t p = 0; p < d.phases.size(); ++p) {
            const ScenarioPhase& phase = d.phases[p];
            LiveReplaySlot slot;
            slot.dependency = d.name;
            slot.policy = d.policy;
            slot.phase = phase.name.isEmpty() ? QStringLiteral("phase %1").arg(p + 1) : phase.name;
            slot.start = phase.start;
            slot.end = phase.end();
            slot.fault = phase.fault.stored;
            slot.fault.insert(QStringLiteral("policy"), d.policy);
            slot.fault.insert(QStringLiteral("duration_seconds"), toSeconds(phase.fault.duration + ttl));
            slot.fault.insert(QStringLiteral("ttl_seconds"), toSeconds(ttl));
            const int index = int(plan.phaseSlots.size());
            plan.steps.push_back({LiveReplayStep::Kind::Start, slot.start, index});
            plan.steps.push_back({LiveReplayStep::Kind::End, slot.end, index});
            plan.phaseSlots.push_back(std::move(slot));
        }
    }
    plan.steps.push_back({LiveReplayStep::Kind::Finish, scenario.duration, -1});
    std::stable_sort(plan.steps.begin(), plan.steps.end(),
                     [](const LiveReplayStep& a, const LiveReplayStep& b) {
                         if (a.at != b.at)
                             return a.at < b.at;
                         return a.kind == LiveReplayStep::Kind::End && b.kind != LiveReplayStep::Kind::End;
                     });
    return plan;
}

QString LiveReplayPlan::describe(const LiveReplayStep& step) const {
    switch (step.kind) {
    case LiveReplayStep::Kind::Start:
        return QStringLiteral("start of ") + phaseSlots[std::size_t(step.slot)].label();
    case LiveReplayStep::Kind::End:
        return QStringLiteral("end of ") + phaseSlots[std::size_t(step.slot)].label();
    case LiveReplayStep::Kind::Finish:
        break;
    }
    return QStringLiteral("end of the scenario");
}

} // namespace jimini
