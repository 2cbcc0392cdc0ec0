// SPDX-License-Identifier: GPL-3.0-or-later
#include "scriptedsource.h"

#include "runtime/consoleclock.h"

#include <algorithm>

namespace jimini {

ScriptedSource::ScriptedSource(ServiceEndpoint endpoint, ConsoleClock& clock, std::vector<Step> script,
                               bool reportsTransitions, QObject* parent)
    : FleetSource(parent)
    , m_endpoint(std::move(endpoint))
    , m_clock(clock)
    , m_script(std::move(script))
    , m_reportsTransitions(reportsTransitions) {
    m_task.self = this;
    std::stable_sort(m_script.begin(), m_script.end(),
                     [](const Step& a, const Step& b) { return a.at < b.at; });
}

ScriptedSource::~ScriptedSource() {
    stop();
}

void ScriptedSource::start() {
    if (m_running)
        return;
    m_running = true;
    m_started = m_clock.now();
    m_next = 0;
    armNext();
}

void ScriptedSource::stop() {
    m_running = false;
    m_clock.scheduler().cancel(m_task);
}

void ScriptedSource::armNext() {
    if (!m_running || m_next >= m_script.size())
        return;
    m_clock.scheduler().schedule(m_task, m_started + m_script[m_next].at - m_clock.now());
}

void ScriptedSource::play() {
    // Every step due by now, in order: a step at the same offset as the one before plays at once.
    while (m_running && m_next < m_script.size() && m_started + m_script[m_next].at <= m_clock.now()) {
        const Step& step = m_script[m_next++];
        if (const auto* sample = std::get_if<SourceSample>(&step.item)) {
            SourceSample s = *sample;
            s.endpointId = m_endpoint.id();
            if (!s.receivedAt.isValid())
                s.receivedAt = m_clock.wallNow();
            if (s.status == SourceStatus::Ok && s.document)
                m_lastSeen = s.receivedAt;
            if (!s.lastSeen.isValid())
                s.lastSeen = m_lastSeen;
            emit sampleReady(s);
        } else {
            FleetEvent e = std::get<FleetEvent>(step.item);
            e.endpointId = m_endpoint.id();
            if (!e.time.isValid())
                e.time = m_clock.wallNow();
            emit eventReady(e);
        }
    }
    armNext();
}

} // namespace jimini
