// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/agentevent.h"
#include "serve/agenthealth.h"
#include "serve/agentoptions.h"
#include "serve/manualnotes.h"
#include "sim/fault.h"

#include "config/configerror.h"
#include "config/resilienceconfig.h"
#include "health/healthdocument.h"
#include "policy/clock.h"
#include "policy/timertask.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>
#include <vector>

namespace jimini {

class AgentApi;
class AgentServer;
class EventLog;
class FaultSet;
class HealthMonitor;
class PolicyRegistry;
class Scheduler;
class SimulatedScheduler;
class TrafficGenerator;
class HttpUpstreamCalls;
struct BreakerTransition;

// One reference service: named pipelines from a config, traffic through them against a simulated (or
// real) downstream, and the Jimini Health API v1 over HTTP. Everything runs on the thread the Agent
// lives on, so many agents can share one process (tests, the demo fleet).
class Agent final : public QObject {
    Q_OBJECT
public:
    Agent(AgentOptions options, ResilienceConfig config, QObject* parent = nullptr);
    ~Agent() override;

    // Builds the policies, starts the traffic and listens. False with *error set (nothing is left
    // running) when the config is invalid, the address refused (non-loopback without a token), the TLS
    // files unreadable or the port taken.
    bool start(QString* error);
    void stop();
    bool isRunning() const noexcept { return m_running; }

    quint16 port() const;
    QUrl baseUrl() const;                                                 // http(s)://host:port
    const AgentServer* server() const noexcept { return m_server.get(); } // null when not started

    const AgentOptions& options() const noexcept { return m_options; }
    AgentIdentity identity() const;
    Scheduler& scheduler() const noexcept { return *m_scheduler; }
    SimulatedScheduler* simulatedScheduler() const noexcept; // null in real time
    PolicyRegistry& registry() const noexcept { return *m_registry; }
    FaultSet& faults() const noexcept { return *m_faults; }
    EventLog& events() const noexcept { return *m_events; }
    HealthMonitor& monitor() const noexcept { return *m_monitor; }
    TrafficGenerator* traffic() const noexcept { return m_traffic.get(); }

    TimePoint now() const;
    QDateTime wallAt(TimePoint t) const; // UTC
    HealthDocument health() const;

    // Applies a config (logged as a config event by actor); empty when applied.
    QList<ConfigError> applyConfig(const ResilienceConfig& config, const QString& actor);
    // Expired faults become events; lazily timed breaker changes (TTL, open -> half-open) surface.
    void housekeeping();
    // Removes every fault (one event each, by actor; attempts they hang fail as resets).
    std::vector<Fault> clearFaults(const QString& actor);
    // Removes one fault in force, as clearFaults does; false when there is none with this id.
    bool clearFault(int id, const QString& actor);

    // Around an operator's breaker change: its transitions are held back, so that the control event
    // comes first, and are then logged with the operator as actor.
    void holdTransitions();
    void releaseTransitions(const QString& actor);
    // Who set each manual breaker state and why (the health document's manual_reason, manual_actor).
    ManualNotes& manualNotes() noexcept { return m_manualNotes; }

private:
    void onTransition(const QString& policy, const BreakerTransition& transition);
    void faultsEnded(const std::vector<Fault>& faults, const QString& actor, const QString& note);

    struct Housekeeping final : TimerTask {
        void fire() override;
        Agent* agent = nullptr;
    };

    AgentOptions m_options;
    ResilienceConfig m_initialConfig;
    // Member order is teardown order in reverse: the traffic's calls must outlive the scheduler's heap,
    // which must outlive the pipelines (see ~Agent).
    std::unique_ptr<EventLog> m_events;
    std::unique_ptr<FaultSet> m_faults;
    std::unique_ptr<HealthMonitor> m_monitor;
    std::unique_ptr<HttpUpstreamCalls> m_upstream;
    std::unique_ptr<TrafficGenerator> m_traffic;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<PolicyRegistry> m_registry;
    std::unique_ptr<AgentApi> m_api;
    std::unique_ptr<AgentServer> m_server;
    Housekeeping m_housekeeping;
    ManualNotes m_manualNotes;
    TimePoint m_startSteady{};
    QDateTime m_startWall;
    bool m_running = false;
    bool m_holding = false;
    std::vector<AgentEvent> m_held;
};

} // namespace jimini
