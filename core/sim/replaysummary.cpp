// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaysummary.h"

#include <algorithm>

namespace jimini {

ReplaySummary::ReplaySummary(const Scenario& scenario, ReplaySink* next)
    : m_next(next) {
    for (const ScenarioDependency& d : scenario.dependencies) {
        DependencySummary s;
        s.name = d.name;
        m_summaries.push_back(s);
        Trouble t;
        if (!d.phases.empty()) {
            t.start = d.phases.front().start;
            t.end = d.phases.back().end();
        }
        m_trouble.push_back(t);
    }
}

void ReplaySummary::onSecond(const ReplaySecond& second) {
    if (second.dependency < m_summaries.size()) {
        DependencySummary& s = m_summaries[second.dependency];
        s.offered += second.offered;
        s.ended += second.ended();
        s.succeeded += second.count(CallCategory::Success);
        s.shed += second.shed();
        s.skipped += second.skipped;
        s.attempts += second.attempts;
        s.retries += second.retries;
        s.peakAttempts = std::max(s.peakAttempts, second.attempts);
    }
    if (m_next)
        m_next->onSecond(second);
}

void ReplaySummary::onTransition(std::uint32_t dependency, Duration at, const BreakerTransition& t) {
    if (dependency < m_summaries.size()) {
        DependencySummary& s = m_summaries[dependency];
        const Trouble& trouble = m_trouble[dependency];
        if (t.to == BreakerState::Open) {
            ++s.opens;
            if (trouble.start && at >= *trouble.start && !s.timeToDetect)
                s.timeToDetect = toSeconds(at - *trouble.start);
        }
        if (t.to == BreakerState::Closed && trouble.end && at >= *trouble.end && !s.timeToRecover)
            s.timeToRecover = toSeconds(at - *trouble.end);
    }
    if (m_next)
        m_next->onTransition(dependency, at, t);
}

} // namespace jimini
