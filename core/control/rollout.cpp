// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rollout.h"

#include "control/controlservice.h"
#include "control/rolloutbatches.h"
#include "control/rollouthealthreads.h"
#include "control/rolloutpreparation.h"
#include "control/rolloutrollback.h"
#include "control/rolloutwatch.h"

#include "net/controlclient.h"
#include "net/controlresult.h"
#include "net/sourcesample.h"
#include "runtime/consoleclock.h"

#include <QJsonDocument>

namespace jimini {

QString Rollout::toString(Result result) {
    switch (result) {
    case Result::None:
        return QStringLiteral("running");
    case Result::Completed:
        return QStringLiteral("completed");
    case Result::RolledBack:
        return QStringLiteral("rolled back");
    case Result::Aborted:
        return QStringLiteral("aborted");
    case Result::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

Rollout::Rollout(RolloutOptions options, ConsoleClock& clock, ControlService& control, AuditTrail* audit,
                 QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_control(control)
    , m_audit(audit, m_options) {
    for (const ServiceEndpoint& endpoint : std::as_const(m_options.instances)) {
        RolloutInstance instance;
        instance.endpoint = endpoint;
        instance.name = endpoint.id();
        m_instances.append(instance);
        ControlClient* client = m_control.newClient(endpoint, this);
        client->setTimeout(int(m_options.requestTimeout.count()));
        const int index = int(m_clients.size());
        connect(client, &ControlClient::finished, this, [this, index](const ControlResult& result) {
            if (result.operation == ControlResult::Operation::GetConfig)
                onPrepared(index, result);
            else if (m_phase == Phase::RollingBack)
                m_rollback->onAnswer(index, result);
            else
                onPushed(index, result);
        });
        m_clients.append(client);
    }
    m_stepIntents.fill(0, m_instances.size());
    m_reads = new RolloutHealthReads(m_clock, m_control.network(), m_options.requestTimeout,
                                     m_instances.size(), this);
    m_watch = new RolloutWatch(m_options, m_clock, *m_reads, m_instances, this);
    connect(m_watch, &RolloutWatch::judged, this, &Rollout::setStep);
    connect(m_watch, &RolloutWatch::tripped, this, [this](int index, const QString& why) {
        m_decidingIndex = index;
        stop(why, Result::RolledBack);
    });
    connect(m_watch, &RolloutWatch::passed, this, &Rollout::batchPassed);
    m_rollback = new RolloutRollback(m_instances, m_clients, m_audit, this);
    connect(m_rollback, &RolloutRollback::stepped, this, &Rollout::setStep);
    connect(m_rollback, &RolloutRollback::finished, this, [this] {
        const QString verb =
            m_stopResult == Result::Aborted ? QStringLiteral("aborted") : QStringLiteral("rolled back");
        finish(m_stopResult, verb + QStringLiteral(": ") + m_stopWhy);
    });
}

Rollout::~Rollout() {
    m_watch->stop();
}

int Rollout::doneCount() const {
    return int(std::count_if(m_instances.cbegin(), m_instances.cend(),
                             [](const RolloutInstance& i) { return i.step == RolloutStep::Done; }));
}

bool Rollout::awaitingAnswers() const {
    return m_pending > 0 || (m_phase == Phase::RollingBack && m_rollback->isBusy()) || m_reads->anyInFlight();
}

bool Rollout::endedOnOneConfig() const {
    if (m_phase != Phase::Finished)
        return false;
    for (const RolloutInstance& instance : m_instances) {
        if (m_result == Result::Completed
                ? instance.step != RolloutStep::Done
                : instance.mayHaveNewConfig || instance.currentEtag != instance.oldEtag)
            return false;
    }
    return true;
}

void Rollout::setPhase(Phase phase) {
    m_phase = phase;
    emit phaseChanged(phase);
}

void Rollout::setStep(int index, RolloutStep step, const QString& figure) {
    m_instances[index].step = step;
    m_instances[index].figure = figure;
    emit instanceChanged(index);
}

void Rollout::start() {
    if (m_phase != Phase::Idle)
        return;
    setPhase(Phase::Preparing);
    if (m_instances.isEmpty())
        return refuse(QStringLiteral("the service has no instances"));
    if (m_options.batchSize < 1)
        return refuse(QStringLiteral("the batch size must be at least 1"));
    if (m_options.watch.count() <= 0 || m_options.pollInterval.count() <= 0)
        return refuse(QStringLiteral("the watch time and the poll interval must be positive"));
    if (const QString invalid = RolloutPreparation::invalidConfig(m_options.config); !invalid.isEmpty())
        return refuse(invalid);
    m_batches = rolloutBatches(int(m_instances.size()), m_options.batchSize);
    m_pending = int(m_instances.size()) * 2;
    for (int i = 0; i < m_instances.size(); ++i) {
        m_clients[i]->getConfig();
        m_reads->read(i, m_instances[i].endpoint,
                      [this, i](const SourceSample& sample) { onBaseline(i, sample); });
    }
}

void Rollout::onPrepared(int index, const ControlResult& result) {
    RolloutInstance& instance = m_instances[index];
    if (result.ok) {
        instance.oldConfig = QJsonDocument(result.body).toJson(QJsonDocument::Compact);
        instance.oldEtag = instance.currentEtag = result.etag;
    } else {
        instance.figure = QStringLiteral("config not read: ") + result.reason;
    }
    if (--m_pending == 0)
        prepared();
}

void Rollout::onBaseline(int index, const SourceSample& sample) {
    RolloutInstance& instance = m_instances[index];
    if (sample.document) {
        instance.baseline = WatchedHealth::from(*sample.document);
        if (!sample.document->instance.isEmpty())
            instance.name = sample.document->instance;
        emit instanceChanged(index);
    } else if (instance.figure.isEmpty()) {
        instance.figure = QStringLiteral("health not read: ") + sample.reason;
    }
    if (--m_pending == 0)
        prepared();
}

void Rollout::prepared() {
    if (m_phase != Phase::Preparing)
        return; // aborted meanwhile
    for (int i = 0; i < m_instances.size(); ++i)
        emit instanceChanged(i);
    RolloutPreparation preparation =
        RolloutPreparation::check(m_instances, m_options.config, m_options.force);
    if (!preparation.refusal.isEmpty())
        return refuse(preparation.refusal);
    m_changes = std::move(preparation.changes);
    QStringList targets;
    for (const RolloutInstance& instance : std::as_const(m_instances))
        targets << instance.endpoint.id();
    m_startIntent =
        m_audit.intent(QStringLiteral("rollout.start"), targets, QString::fromLatin1(m_instances[0].oldEtag),
                       QString::fromUtf8(m_options.config));
    if (m_audit.isRecording() && m_startIntent == 0)
        return refuse(QStringLiteral("the audit trail could not be written"));
    m_batch = 0;
    pushBatch();
}

void Rollout::pushBatch() {
    setPhase(Phase::Pushing);
    m_pending = 0;
    for (int index : std::as_const(m_batches[m_batch])) {
        RolloutInstance& instance = m_instances[index];
        const qint64 intent =
            m_audit.intent(QStringLiteral("rollout.step"), {instance.endpoint.id()},
                           QString::fromLatin1(instance.currentEtag), QStringLiteral("new config"));
        if (m_audit.isRecording() && intent == 0) {
            setStep(index, RolloutStep::Failed,
                    QStringLiteral("not pushed: the audit trail could not be written"));
            m_stopWhy = instance.name + QStringLiteral(": the audit trail could not be written");
            m_stopResult = Result::RolledBack;
            m_stopping = true;
            break;
        }
        m_stepIntents[index] = intent;
        instance.mayHaveNewConfig = true;
        m_pushOrder.append(index);
        ++m_pending;
        m_clients[index]->putConfig(m_options.config, instance.currentEtag);
    }
    if (m_pending == 0)
        stop(m_stopWhy, m_stopResult);
}

void Rollout::onPushed(int index, const ControlResult& result) {
    RolloutInstance& instance = m_instances[index];
    m_audit.outcome(m_stepIntents[index], result.ok,
                    result.ok ? QString::fromLatin1(result.etag) : result.reason);
    m_stepIntents[index] = 0;
    --m_pending;
    if (result.ok) {
        instance.currentEtag = result.etag;
        setStep(index, RolloutStep::Pushed,
                QStringLiteral("new config %1 in force").arg(QString::fromLatin1(result.etag)));
    } else {
        QString figure = result.reason;
        if (result.httpStatus == 412) {
            m_conflict = true;
            instance.currentEtag = result.etag;
            figure = QStringLiteral("changed underneath: %1 expected, %2 in force")
                         .arg(QString::fromLatin1(instance.oldEtag), QString::fromLatin1(result.etag));
        }
        // An answer that says no leaves the old config in force; no answer leaves it unknown.
        if (result.httpStatus != 0)
            instance.mayHaveNewConfig = false;
        setStep(index, RolloutStep::Failed, figure);
        if (!m_stopping) {
            m_stopping = true;
            m_stopWhy = instance.name + QStringLiteral(": push failed: ") + figure;
            m_stopResult = Result::RolledBack;
        }
    }
    if (m_pending > 0)
        return;
    if (m_stopping)
        return stop(m_stopWhy, m_stopResult);
    startWatch();
}

void Rollout::startWatch() {
    for (int index : std::as_const(m_batches[m_batch]))
        setStep(index, RolloutStep::Watching, QString()); // until the first reading
    setPhase(Phase::Watching);
    m_watch->start(m_batches[m_batch]);
}

void Rollout::batchPassed() {
    if (++m_batch < m_batches.size())
        return pushBatch();
    finish(Result::Completed,
           QStringLiteral("completed: %1 instances on the new config").arg(m_instances.size()));
}

void Rollout::abort() {
    if (m_phase == Phase::Finished || m_phase == Phase::RollingBack || m_stopResult == Result::Aborted)
        return; // over, or an abort waits for the pushes in flight
    if (m_phase == Phase::Idle || m_phase == Phase::Preparing)
        return finish(Result::Aborted, QStringLiteral("aborted before anything was pushed"));
    QStringList targets;
    for (int index : std::as_const(m_pushOrder))
        targets << m_instances[index].endpoint.id();
    m_abortIntent = m_audit.intent(QStringLiteral("rollout.abort"), targets, QStringLiteral("new config"),
                                   QString::fromLatin1(m_instances[0].oldEtag));
    if (m_pending > 0 && m_phase == Phase::Pushing) {
        m_stopping = true;
        m_stopWhy = QStringLiteral("by the operator");
        m_stopResult = Result::Aborted;
        return; // pushes in flight: their answers decide what to roll back
    }
    stop(QStringLiteral("by the operator"), Result::Aborted);
}

void Rollout::stop(const QString& why, Result result) {
    if (m_phase == Phase::RollingBack || m_phase == Phase::Finished)
        return;
    m_watch->stop();
    m_stopWhy = why;
    m_stopResult = result;
    setPhase(Phase::RollingBack);
    QList<int> order;
    for (auto it = m_pushOrder.crbegin(); it != m_pushOrder.crend(); ++it)
        if (m_instances[*it].mayHaveNewConfig)
            order.append(*it);
    m_rollback->start(order, m_decidingIndex);
}

void Rollout::finish(Result result, const QString& summary) {
    m_watch->stop();
    m_result = result;
    m_summary = summary;
    m_phase = Phase::Finished;
    if (m_startIntent)
        m_audit.outcome(m_startIntent, result == Result::Completed, summary);
    if (m_abortIntent)
        m_audit.outcome(m_abortIntent, endedOnOneConfig(), summary);
    emit phaseChanged(m_phase);
    emit finished(result);
}

} // namespace jimini
