// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/livereplayplan.h"
#include "net/serviceendpoint.h"
#include "sim/scenario.h"

#include "policy/clock.h"
#include "policy/timertask.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace jimini {

class AuditTrail;
class ControlClient;
class ControlService;
class Scheduler;
struct ControlResult;

// One agent a live replay plays against.
struct LiveReplayTarget {
    ServiceEndpoint endpoint;
    QString name; // for messages; empty: the endpoint's id (its base URL)

    QString displayName() const { return name.isEmpty() ? endpoint.id() : name; }
};

struct LiveReplayOptions {
    Duration ttl = std::chrono::seconds(15);       // each injected fault's lease
    Duration renewEvery = std::chrono::seconds(5); // renewals while a phase lasts
    int timeoutMs = 5000;                          // per request
    QString reason;                                // the audit trail's "why"; empty: "live replay of <name>"
};

// One agent's answer to one step (inject, clear) or to a renewal that failed: a value, in the agent's
// words or the network's.
struct LiveReplayAnswer {
    int step = -1; // into plan().steps; -1: a renewal, or a clear on abort
    int agent = 0; // into targets()
    int slot = -1; // the phase it concerns
    bool ok = false;
    int httpStatus = 0; // 0: no HTTP answer
    QString text;       // "fault 3 until 2026-...", "cleared", or why not
};

// Plays a scenario against N agents through their /faults, phase by phase in real time on the given
// scheduler (the console's clock: a simulated one in tests, while the HTTP is real). A phase's fault
// is injected on every agent at its start with a lease (LiveReplayOptions::ttl), the lease is renewed
// while the phase lasts, and the fault is cleared (DELETE /faults/{id}, nobody else's) at its end. An
// agent that refuses a step or whose renewal fails (unreachable, the fault gone) fails the replay:
// every fault it injected is then cleared on every agent, as on abort(); an agent that cannot be
// reached keeps its faults only until their leases run out. Each start, phase step and abort is recorded
// in the audit trail (replay.start, replay.phase, replay.abort) before it is sent, and its outcome
// after; a step the trail cannot record is not sent (the replay fails). UI (or the CLI's main) thread.
class LiveReplay final : public QObject {
    Q_OBJECT
public:
    enum class State : quint8 { Ready, Running, Clearing, Finished };
    enum class Result : quint8 { None, Completed, Aborted, Failed };

    // control and scheduler must outlive this; audit may be null (nothing recorded).
    LiveReplay(Scenario scenario, QList<LiveReplayTarget> targets, ControlService& control,
               Scheduler& scheduler, AuditTrail* audit, LiveReplayOptions options = {},
               QObject* parent = nullptr);
    ~LiveReplay() override;

    const Scenario& scenario() const noexcept { return m_scenario; }
    const LiveReplayPlan& plan() const noexcept { return m_plan; }
    const QList<LiveReplayTarget>& targets() const noexcept { return m_targets; }
    State state() const noexcept { return m_state; }
    Result result() const noexcept { return m_result; }
    const QList<LiveReplayAnswer>& answers() const noexcept { return m_answers; }
    // What went wrong, each naming the agent and the phase step: "payments-2 (http://...): start of
    // payments/outage: HTTP 404: Unknown policy (...)".
    const QStringList& errors() const noexcept { return m_errors; }

    // The phases in force now (phaseSlots), and the time left until the scenario ends.
    QList<int> activeSlots() const;
    Duration elapsed() const;
    Duration timeLeft() const;
    // The last thing each agent said, for a progress view: "fault 3 (payments/outage)", "cleared", an error.
    QString agentStatus(int agent) const { return m_agentStatus.value(agent); }
    bool agentFailed(int agent) const { return m_agentFailed.value(agent); }
    // Faults this replay injected that are (as far as it knows) still in force.
    int faultsInForce() const;
    // Requests sent and not yet answered.
    int requestsInFlight() const noexcept { return m_inFlight; }

    void start();
    // Stops and clears every fault the replay injected; finished() once every agent answered.
    void abort(const QString& why);

    static QString toString(Result result); // "none", "completed", "aborted", "failed"

signals:
    void stepStarted(int step);
    void answered(const jimini::LiveReplayAnswer& answer);
    void stateChanged(jimini::LiveReplay::State state);
    void finished();

private:
    struct Timer final : TimerTask {
        void fire() override { action(); }
        std::function<void()> action;
    };
    struct Round { // one step (or the abort's clear) awaiting its agents' answers
        qint64 intent = 0;
        int waiting = 0;
        bool ok = true;
        QStringList detail;
    };
    enum class Request : quint8 { Inject, Renew, Clear };
    struct Pending {
        Request request = Request::Inject;
        int slot = -1;
        int step = -1;
    };

    void runDueSteps();
    void armNextStep();
    void runStep(int step);
    void renewAll();
    bool renewing(int agent, int slot) const;
    void send(Request request, int agent, int slot, int step);
    void onAnswer(Request request, int agent, int slot, int step, const ControlResult& result);
    void settleRound(int step);
    void fail(const QString& why);
    void beginClearing(Result result, const QString& why);
    void finishIfDone();
    QString injectedText(const ControlResult& result, int slot) const;
    void setState(State state);

    Scenario m_scenario;
    LiveReplayPlan m_plan;
    QList<LiveReplayTarget> m_targets;
    ControlService& m_control;
    Scheduler& m_scheduler;
    AuditTrail* m_audit;
    LiveReplayOptions m_options;
    QList<ControlClient*> m_clients;
    Timer m_stepTimer;
    Timer m_renewTimer;
    TimePoint m_startedAt{};
    State m_state = State::Ready;
    Result m_result = Result::None;
    std::size_t m_nextStep = 0;
    std::vector<std::vector<std::optional<int>>> m_faultIds; // [agent][slot]: the id the agent gave
    std::vector<bool> m_slotActive;
    std::vector<QHash<quint64, Pending>> m_pending; // [agent]: by request id
    QHash<int, Round> m_rounds;                     // by step
    Round m_clearRound;                             // the abort's (or failure's) clear
    int m_inFlight = 0;
    qint64 m_startIntent = 0;
    QList<LiveReplayAnswer> m_answers;
    QStringList m_errors;
    QHash<int, QString> m_agentStatus;
    QHash<int, bool> m_agentFailed;
    QString m_stopReason;
};

} // namespace jimini
