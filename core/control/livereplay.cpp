// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/livereplay.h"

#include "control/audittrail.h"
#include "control/controlservice.h"
#include "net/controlclient.h"
#include "net/controlresult.h"

#include "policy/scheduler.h"

#include <QJsonDocument>
#include <QTimer>

namespace jimini {

LiveReplay::LiveReplay(Scenario scenario, QList<LiveReplayTarget> targets, ControlService& control,
                       Scheduler& scheduler, AuditTrail* audit, LiveReplayOptions options, QObject* parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
    , m_targets(std::move(targets))
    , m_control(control)
    , m_scheduler(scheduler)
    , m_audit(audit)
    , m_options(std::move(options)) {
    m_plan = LiveReplayPlan::build(m_scenario, m_options.ttl);
    if (m_options.reason.isEmpty())
        m_options.reason = QStringLiteral("live replay of ") + m_scenario.name;
    m_stepTimer.action = [this] { runDueSteps(); };
    m_renewTimer.action = [this] { renewAll(); };
    m_faultIds.assign(std::size_t(m_targets.size()),
                      std::vector<std::optional<int>>(m_plan.phaseSlots.size()));
    m_slotActive.assign(m_plan.phaseSlots.size(), false);
    m_pending.resize(std::size_t(m_targets.size()));
}

LiveReplay::~LiveReplay() {
    m_scheduler.cancel(m_stepTimer);
    m_scheduler.cancel(m_renewTimer);
}

QString LiveReplay::toString(Result result) {
    switch (result) {
    case Result::None:
        return QStringLiteral("none");
    case Result::Completed:
        return QStringLiteral("completed");
    case Result::Aborted:
        return QStringLiteral("aborted");
    case Result::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

QList<int> LiveReplay::activeSlots() const {
    QList<int> phaseSlots;
    for (std::size_t i = 0; i < m_slotActive.size(); ++i)
        if (m_slotActive[i])
            phaseSlots.append(int(i));
    return phaseSlots;
}

Duration LiveReplay::elapsed() const {
    if (m_state == State::Ready)
        return Duration::zero();
    return std::clamp(m_scheduler.now() - m_startedAt, Duration::zero(), m_plan.duration);
}

Duration LiveReplay::timeLeft() const {
    return m_plan.duration - elapsed();
}

int LiveReplay::faultsInForce() const {
    int n = 0;
    for (const auto& agent : m_faultIds)
        n += int(std::count_if(agent.begin(), agent.end(), [](const auto& id) { return id.has_value(); }));
    return n;
}

void LiveReplay::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void LiveReplay::start() {
    if (m_state != State::Ready)
        return;
    const auto refuse = [this](const QString& why) {
        m_errors.append(why);
        m_result = Result::Failed;
        setState(State::Finished);
        QTimer::singleShot(0, this, &LiveReplay::finished);
    };
    if (m_targets.isEmpty())
        return refuse(QStringLiteral("not started: no agent to play against"));
    QStringList ids;
    for (const LiveReplayTarget& t : m_targets)
        ids.append(t.endpoint.id());
    if (m_audit) {
        AuditEntry entry;
        entry.action = QStringLiteral("replay.start");
        entry.targets = ids;
        entry.after = QStringLiteral("%1 (%2 s, %3 phases)")
                          .arg(m_scenario.name)
                          .arg(toSeconds(m_plan.duration))
                          .arg(m_plan.phaseSlots.size());
        entry.reason = m_options.reason;
        m_startIntent = m_audit->recordIntent(entry);
        if (m_startIntent == 0)
            return refuse(QStringLiteral("not started: the audit trail could not record it"));
    }
    for (int a = 0; a < m_targets.size(); ++a) {
        ControlClient* client = m_control.newClient(m_targets[a].endpoint, this);
        client->setTimeout(m_options.timeoutMs);
        connect(client, &ControlClient::finished, this, [this, a](const ControlResult& result) {
            const auto it = m_pending[std::size_t(a)].constFind(result.requestId);
            if (it == m_pending[std::size_t(a)].cend())
                return;
            const Pending p = *it;
            m_pending[std::size_t(a)].erase(it);
            onAnswer(p.request, a, p.slot, p.step, result);
        });
        m_clients.append(client);
        m_agentStatus.insert(a, QStringLiteral("ready"));
    }
    m_startedAt = m_scheduler.now();
    setState(State::Running);
    m_scheduler.schedule(m_renewTimer, m_options.renewEvery);
    runDueSteps();
}

void LiveReplay::abort(const QString& why) {
    if (m_state == State::Ready) {
        m_result = Result::Aborted;
        m_stopReason = why;
        setState(State::Finished);
        QTimer::singleShot(0, this, &LiveReplay::finished);
        return;
    }
    if (m_state == State::Running)
        beginClearing(Result::Aborted, why);
}

void LiveReplay::runDueSteps() {
    while (m_state == State::Running && m_nextStep < m_plan.steps.size() &&
           m_startedAt + m_plan.steps[m_nextStep].at <= m_scheduler.now())
        runStep(int(m_nextStep++));
    if (m_state == State::Running && m_nextStep < m_plan.steps.size())
        m_scheduler.schedule(m_stepTimer, m_startedAt + m_plan.steps[m_nextStep].at - m_scheduler.now());
}

void LiveReplay::runStep(int step) {
    const LiveReplayStep& s = m_plan.steps[std::size_t(step)];
    emit stepStarted(step);
    if (s.kind == LiveReplayStep::Kind::Finish) {
        m_scheduler.cancel(m_renewTimer);
        finishIfDone();
        return;
    }
    const LiveReplaySlot& slot = m_plan.phaseSlots[std::size_t(s.slot)];
    const bool start = s.kind == LiveReplayStep::Kind::Start;
    m_slotActive[std::size_t(s.slot)] = start;
    QList<int> agents;
    for (int a = 0; a < m_targets.size(); ++a)
        if (start || m_faultIds[std::size_t(a)][std::size_t(s.slot)])
            agents.append(a);
    Round round;
    round.waiting = int(agents.size());
    if (m_audit) {
        AuditEntry entry;
        entry.action = QStringLiteral("replay.phase");
        for (int a : agents)
            entry.targets.append(m_targets[a].endpoint.id());
        entry.policy = slot.policy;
        entry.before = start ? QString() : slot.label();
        entry.after = start ? slot.label() + QStringLiteral(": ") +
                                  QString::fromUtf8(QJsonDocument(slot.fault).toJson(QJsonDocument::Compact))
                            : QStringLiteral("cleared");
        entry.reason = m_options.reason;
        round.intent = m_audit->recordIntent(entry);
        if (round.intent == 0)
            return fail(
                QStringLiteral("%1: not sent: the audit trail could not record it").arg(m_plan.describe(s)));
    }
    m_rounds.insert(step, round);
    for (int a : agents)
        send(start ? Request::Inject : Request::Clear, a, s.slot, step);
    if (agents.isEmpty())
        settleRound(step);
}

void LiveReplay::renewAll() {
    if (m_state != State::Running)
        return;
    for (int a = 0; a < m_targets.size(); ++a)
        for (std::size_t slot = 0; slot < m_slotActive.size(); ++slot)
            if (m_slotActive[slot] && m_faultIds[std::size_t(a)][slot] && !renewing(a, int(slot)))
                send(Request::Renew, a, int(slot), -1);
    m_scheduler.schedule(m_renewTimer, m_options.renewEvery);
}

// A slow agent gets one renewal at a time: the next tick does not pile another on the one in flight.
bool LiveReplay::renewing(int agent, int slot) const {
    const auto& pending = m_pending[std::size_t(agent)];
    return std::any_of(pending.cbegin(), pending.cend(),
                       [slot](const Pending& p) { return p.request == Request::Renew && p.slot == slot; });
}

void LiveReplay::send(Request request, int agent, int slot, int step) {
    ControlClient* client = m_clients[agent];
    quint64 id = 0;
    switch (request) {
    case Request::Inject:
        id = client->injectFault(m_plan.phaseSlots[std::size_t(slot)].fault);
        break;
    case Request::Renew:
        id = client->renewFault(*m_faultIds[std::size_t(agent)][std::size_t(slot)], toSeconds(m_options.ttl));
        break;
    case Request::Clear:
        id = client->clearFault(*m_faultIds[std::size_t(agent)][std::size_t(slot)]);
        break;
    }
    m_pending[std::size_t(agent)].insert(id, Pending{request, slot, step});
    ++m_inFlight;
}

QString LiveReplay::injectedText(const ControlResult& result, int slot) const {
    return QStringLiteral("fault %1 (%2) until %3 unless renewed")
        .arg(result.body.value(QLatin1String("id")).toInt())
        .arg(m_plan.phaseSlots[std::size_t(slot)].label(),
             result.body.value(QLatin1String("expires_at")).toString());
}

void LiveReplay::onAnswer(Request request, int agent, int slot, int step, const ControlResult& result) {
    --m_inFlight;
    const LiveReplaySlot& s = m_plan.phaseSlots[std::size_t(slot)];
    const QString who = m_targets[agent].displayName();
    std::optional<int>& faultId = m_faultIds[std::size_t(agent)][std::size_t(slot)];
    LiveReplayAnswer answer;
    answer.step = step;
    answer.agent = agent;
    answer.slot = slot;
    answer.httpStatus = result.httpStatus;
    QString failure; // what went wrong, naming the agent and the step
    const QString what = step >= 0                   ? m_plan.describe(m_plan.steps[std::size_t(step)])
                         : request == Request::Renew ? QStringLiteral("renewing the fault of ") + s.label()
                                                     : QStringLiteral("clearing the fault of ") + s.label();
    switch (request) {
    case Request::Inject: {
        const int id = result.body.value(QLatin1String("id")).toInt();
        answer.ok = result.ok && id > 0;
        answer.text = answer.ok   ? injectedText(result, slot)
                      : result.ok ? QStringLiteral("HTTP %1 without a fault id").arg(result.httpStatus)
                                  : result.reason;
        if (answer.ok) {
            faultId = id;
            if (m_state == State::Clearing) // injected while the replay stopped: cleared at once
                send(Request::Clear, agent, slot, -1);
        }
        break;
    }
    case Request::Renew:
        // A renewal that crossed its phase's end (or the stop) with the clear is moot, whatever it got.
        answer.ok = result.ok || !m_slotActive[std::size_t(slot)] || !faultId;
        answer.text = result.ok ? QStringLiteral("renewed") : result.reason;
        break;
    case Request::Clear:
        // 404: the fault is no longer there (its lease or duration ended on the agent): cleared all the same.
        answer.ok = result.ok || result.problemType == QLatin1String("unknown-fault");
        answer.text = !answer.ok
                          ? result.reason
                          : QStringLiteral("fault %1 %2 (%3)")
                                .arg(faultId.value_or(0))
                                .arg(result.ok ? QStringLiteral("cleared") : QStringLiteral("already ended"),
                                     s.label());
        if (answer.ok)
            faultId.reset();
        break;
    }
    if (!answer.ok) {
        failure = QStringLiteral("%1: %2: %3").arg(who, what, answer.text);
        m_errors.append(failure);
        m_agentFailed.insert(agent, true);
        m_agentStatus.insert(agent, answer.text);
    } else if (request != Request::Renew) {
        m_agentStatus.insert(agent, answer.text);
    }
    if (request != Request::Renew || !answer.ok) {
        m_answers.append(answer);
        emit answered(answer);
    }
    if (step >= 0) {
        auto it = m_rounds.find(step);
        if (it != m_rounds.end()) {
            it->ok = it->ok && answer.ok;
            it->detail.append(who + QStringLiteral(": ") + answer.text);
            if (--it->waiting == 0)
                settleRound(step);
        }
    } else if (m_state == State::Clearing && request == Request::Clear) {
        m_clearRound.ok = m_clearRound.ok && answer.ok;
        m_clearRound.detail.append(who + QStringLiteral(": ") + s.label() + QStringLiteral(": ") +
                                   answer.text);
    }
    if (!failure.isEmpty() && m_state == State::Running)
        fail(failure);
    finishIfDone();
}

void LiveReplay::settleRound(int step) {
    const Round round = m_rounds.take(step);
    if (m_audit && round.intent > 0)
        m_audit->recordOutcome(round.intent, AuditOutcome{round.ok, round.detail.join(QStringLiteral("; "))});
}

void LiveReplay::fail(const QString& why) {
    if (m_state != State::Running)
        return;
    if (!m_errors.contains(why))
        m_errors.append(why);
    beginClearing(Result::Failed, why);
}

void LiveReplay::beginClearing(Result result, const QString& why) {
    m_result = result;
    m_stopReason = why;
    m_scheduler.cancel(m_stepTimer);
    m_scheduler.cancel(m_renewTimer);
    std::fill(m_slotActive.begin(), m_slotActive.end(), false);
    setState(State::Clearing);
    if (m_audit) {
        AuditEntry entry;
        entry.action = QStringLiteral("replay.abort");
        for (const LiveReplayTarget& t : m_targets)
            entry.targets.append(t.endpoint.id());
        entry.before = QStringLiteral("%1 fault(s) in force").arg(faultsInForce());
        entry.after = QStringLiteral("cleared");
        entry.reason = why;
        // Clearing goes ahead even when it cannot be recorded: leaving faults behind is the worse outcome.
        m_clearRound.intent = m_audit->recordIntent(entry);
    }
    for (int a = 0; a < m_targets.size(); ++a)
        for (std::size_t slot = 0; slot < m_plan.phaseSlots.size(); ++slot)
            if (m_faultIds[std::size_t(a)][slot])
                send(Request::Clear, a, int(slot), -1);
    finishIfDone();
}

void LiveReplay::finishIfDone() {
    if (m_inFlight > 0 || m_state == State::Finished || m_state == State::Ready)
        return;
    if (m_state == State::Running && m_nextStep < m_plan.steps.size())
        return;
    if (m_state == State::Running)
        m_result = Result::Completed;
    if (m_audit && m_clearRound.intent > 0)
        m_audit->recordOutcome(m_clearRound.intent,
                               AuditOutcome{m_clearRound.ok && faultsInForce() == 0,
                                            m_clearRound.detail.isEmpty()
                                                ? QStringLiteral("nothing to clear")
                                                : m_clearRound.detail.join(QStringLiteral("; "))});
    if (m_audit && m_startIntent > 0)
        m_audit->recordOutcome(m_startIntent,
                               AuditOutcome{m_result == Result::Completed,
                                            m_result == Result::Completed
                                                ? QStringLiteral("completed")
                                                : toString(m_result) + QStringLiteral(": ") + m_stopReason});
    setState(State::Finished);
    emit finished();
}

} // namespace jimini
