// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetsource.h"

#include "policy/clock.h"
#include "policy/timertask.h"

#include <variant>
#include <vector>

namespace jimini {

class ConsoleClock;

// A source with no socket: it plays a script of samples and events, each at its offset from start(),
// on its clock's scheduler. On a simulated clock nothing happens until the clock is advanced, so a hub
// fed by it moves on virtual time only: the base of replay and playback, and of deterministic tests
// of everything above the sources.
//
// Each sample and event gets the endpoint's id; a sample without receivedAt gets the clock's wall time
// when it is played, and lastSeen follows the last sample with a document. stop() ends the script.
class ScriptedSource final : public FleetSource {
    Q_OBJECT
public:
    struct Step {
        Duration at; // from start()
        std::variant<SourceSample, FleetEvent> item;
    };

    // reportsTransitions: whether the scripted service keeps its own record (its events are then the
    // transitions; none are inferred from its documents).
    ScriptedSource(ServiceEndpoint endpoint, ConsoleClock& clock, std::vector<Step> script,
                   bool reportsTransitions = false, QObject* parent = nullptr);
    ~ScriptedSource() override;

    void start() override;
    void stop() override;
    const ServiceEndpoint& endpoint() const noexcept override { return m_endpoint; }
    bool reportsTransitions() const override { return m_reportsTransitions; }

    std::size_t played() const noexcept { return m_next; } // steps played so far

private:
    struct Next final : TimerTask {
        ScriptedSource* self = nullptr;
        void fire() override { self->play(); }
    };

    void play();
    void armNext();

    ServiceEndpoint m_endpoint;
    ConsoleClock& m_clock;
    std::vector<Step> m_script; // in order of at
    bool m_reportsTransitions;
    Next m_task;
    TimePoint m_started{};
    QDateTime m_lastSeen;
    std::size_t m_next = 0;
    bool m_running = false;
};

} // namespace jimini
