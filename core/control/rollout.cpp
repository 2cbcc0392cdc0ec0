// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rollout.h"

#include "control/audittrail.h"
#include "control/controllog.h"
#include "control/controlservice.h"
#include "control/rolloutbatches.h"

#include "config/configcodec.h"
#include "config/configdiff.h"
#include "net/connection.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "runtime/consoleclock.h"
#include "sources/standardsources.h"

#include <QJsonDocument>

#include <chrono>

namespace jimini {

namespace {

QString version(const QByteArray& etag) {
    return QString::fromLatin1(etag);
}

// The audit store writes a null string as SQL NULL, which its columns refuse; a blank stays blank.
QString filled(const QString& text) {
    return text.isNull() ? QStringLiteral("") : text;
}

QString firstErrors(const QList<ConfigError>& errors) {
    QStringList parts;
    for (qsizetype i = 0; i < errors.size() && i < 3; ++i)
        parts << (errors[i].path.isEmpty() ? errors[i].message
                                           : errors[i].path + QStringLiteral(": ") + errors[i].message);
    if (errors.size() > 3)
        parts << QStringLiteral("%1 more").arg(errors.size() - 3);
    return parts.join(QStringLiteral("; "));
}

} // namespace

QString rolloutStepName(RolloutStep step) {
    switch (step) {
    case RolloutStep::Pending:
        return QStringLiteral("pending");
    case RolloutStep::Pushed:
        return QStringLiteral("pushed");
    case RolloutStep::Watching:
        return QStringLiteral("watching");
    case RolloutStep::Done:
        return QStringLiteral("done");
    case RolloutStep::RolledBack:
        return QStringLiteral("rolled back");
    case RolloutStep::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

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
    , m_audit(audit) {
    m_pollTask.self = m_watchEndTask.self = this;
    m_pollTask.run = &Rollout::pollWatched;
    m_watchEndTask.run = &Rollout::watchEnded;
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
                onRolledBack(index, result);
            else
                onPushed(index, result);
        });
        m_clients.append(client);
    }
    m_stepIntents.fill(0, m_instances.size());
    m_readsInFlight.fill(0, m_instances.size());
    m_finalRead.fill(false, m_instances.size());
}

Rollout::~Rollout() {
    m_clock.scheduler().cancel(m_pollTask);
    m_clock.scheduler().cancel(m_watchEndTask);
}

int Rollout::doneCount() const {
    return int(std::count_if(m_instances.cbegin(), m_instances.cend(),
                             [](const RolloutInstance& i) { return i.step == RolloutStep::Done; }));
}

bool Rollout::awaitingAnswers() const {
    return m_pending > 0 || (m_phase == Phase::RollingBack && !m_rollbackQueue.isEmpty()) ||
           std::any_of(m_readsInFlight.cbegin(), m_readsInFlight.cend(), [](int n) { return n > 0; });
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
    const ConfigParseResult parsed = ConfigCodec::parse(m_options.config);
    if (!parsed.ok())
        return refuse(QStringLiteral("the new config is invalid: ") + firstErrors(parsed.errors));
    m_batches = rolloutBatches(int(m_instances.size()), m_options.batchSize);
    m_pending = int(m_instances.size()) * 2;
    for (int i = 0; i < m_instances.size(); ++i) {
        m_clients[i]->getConfig();
        readHealth(i, [this, i](const SourceSample& sample) { onBaseline(i, sample); });
    }
}

void Rollout::readHealth(int index, std::function<void(const SourceSample&)> done) {
    Connection::Options options;
    options.singleShot = true;
    options.timeout = m_options.requestTimeout;
    const ServiceEndpoint& endpoint = m_instances[index].endpoint;
    auto* read =
        new Connection(protocolFor(endpoint.kind), endpoint, m_clock, m_control.network(), options, this);
    ++m_readsInFlight[index];
    connect(read, &Connection::sampleReady, this, [this, read, index, done](const SourceSample& sample) {
        read->stop();
        read->deleteLater();
        --m_readsInFlight[index];
        done(sample);
    });
    read->start();
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
    QStringList unread;
    for (int i = 0; i < m_instances.size(); ++i) {
        emit instanceChanged(i);
        if (m_instances[i].oldEtag.isEmpty() || !m_instances[i].baseline)
            unread << m_instances[i].name + QStringLiteral(" (") + m_instances[i].figure + QLatin1Char(')');
    }
    if (!unread.isEmpty())
        return refuse(QStringLiteral("not every instance could be read: ") +
                      unread.join(QStringLiteral(", ")));
    const ConfigParseResult first = ConfigCodec::parse(m_instances[0].oldConfig);
    for (int i = 1; i < m_instances.size(); ++i) {
        if (m_instances[i].oldConfig == m_instances[0].oldConfig)
            continue;
        const ConfigParseResult other = ConfigCodec::parse(m_instances[i].oldConfig);
        const QList<ConfigChange> changes =
            first.ok() && other.ok() ? ConfigDiff::diff(*first.config, *other.config) : QList<ConfigChange>{};
        if (first.ok() && other.ok() && changes.isEmpty())
            continue;
        const QString where = changes.isEmpty() ? QString() : QStringLiteral(" at ") + changes.front().path;
        const QString differs = QStringLiteral("%1 runs another config than %2%3 (%4 vs %5)")
                                    .arg(m_instances[i].name, m_instances[0].name, where,
                                         version(m_instances[i].oldEtag), version(m_instances[0].oldEtag));
        if (!m_options.force)
            return refuse(differs +
                          QStringLiteral(": a rollback needs one old config (force to go on anyway)"));
        qCWarning(lcControl) << "rollout forced although" << differs;
    }
    if (first.ok())
        m_changes = ConfigDiff::diff(*first.config, *ConfigCodec::parse(m_options.config).config);
    QStringList targets;
    for (const RolloutInstance& instance : std::as_const(m_instances))
        targets << instance.endpoint.id();
    m_startIntent = recordIntent(QStringLiteral("rollout.start"), targets, version(m_instances[0].oldEtag),
                                 QString::fromUtf8(m_options.config));
    if (m_audit && m_startIntent == 0)
        return refuse(QStringLiteral("the audit trail could not be written"));
    m_batch = 0;
    pushBatch();
}

void Rollout::pushBatch() {
    setPhase(Phase::Pushing);
    m_pending = 0;
    for (int index : std::as_const(m_batches[m_batch])) {
        RolloutInstance& instance = m_instances[index];
        const qint64 intent = recordIntent(QStringLiteral("rollout.step"), {instance.endpoint.id()},
                                           version(instance.currentEtag), QStringLiteral("new config"));
        if (m_audit && intent == 0) {
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
    recordOutcome(m_stepIntents[index], result.ok, result.ok ? version(result.etag) : result.reason);
    m_stepIntents[index] = 0;
    --m_pending;
    if (result.ok) {
        instance.currentEtag = result.etag;
        setStep(index, RolloutStep::Pushed,
                QStringLiteral("new config %1 in force").arg(version(result.etag)));
    } else {
        QString figure = result.reason;
        if (result.httpStatus == 412) {
            m_conflict = true;
            instance.currentEtag = result.etag;
            figure = QStringLiteral("changed underneath: %1 expected, %2 in force")
                         .arg(version(instance.oldEtag), version(result.etag));
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
    m_watchOver = false;
    for (int index : std::as_const(m_batches[m_batch])) {
        m_finalRead[index] = false;
        setStep(index, RolloutStep::Watching, QString()); // until the first reading
    }
    setPhase(Phase::Watching);
    m_clock.scheduler().schedule(m_watchEndTask, m_options.watch);
    m_clock.scheduler().schedule(m_pollTask, Duration::zero());
}

void Rollout::pollWatched() {
    if (m_phase != Phase::Watching)
        return;
    for (int index : std::as_const(m_batches[m_batch])) {
        if (m_readsInFlight[index] == 0)
            readHealth(index, [this, index](const SourceSample& sample) { onWatched(index, sample); });
    }
    m_clock.scheduler().schedule(m_pollTask, m_options.pollInterval);
}

void Rollout::watchEnded() {
    if (m_phase != Phase::Watching)
        return;
    m_clock.scheduler().cancel(m_pollTask);
    m_watchOver = true;
    // The decision is a reading taken after the watch time: one more of each (or the one in flight).
    for (int index : std::as_const(m_batches[m_batch])) {
        m_finalRead[index] = true;
        if (m_readsInFlight[index] == 0)
            readHealth(index, [this, index](const SourceSample& sample) { onWatched(index, sample); });
    }
}

void Rollout::onWatched(int index, const SourceSample& sample) {
    if (m_phase != Phase::Watching || m_instances[index].step != RolloutStep::Watching)
        return;
    RolloutInstance& instance = m_instances[index];
    if (!sample.document) {
        setStep(index, RolloutStep::Watching, QStringLiteral("health not read: ") + sample.reason);
        m_decidingIndex = index;
        return stop(instance.name + QStringLiteral(": ") + instance.figure, Result::RolledBack);
    }
    instance.watched = WatchedHealth::from(*sample.document);
    const RolloutVerdict verdict =
        RolloutVerdict::judge(*instance.baseline, *instance.watched, m_options.thresholdPp);
    if (verdict.rollBack) {
        setStep(index, RolloutStep::Watching, verdict.figure);
        m_decidingIndex = index;
        return stop(instance.name + QStringLiteral(": ") + verdict.figure, Result::RolledBack);
    }
    if (!m_watchOver || !m_finalRead[index]) {
        setStep(index, RolloutStep::Watching, verdict.figure);
        if (m_watchOver && m_readsInFlight[index] == 0) // a reading that left before the end: once more
            readHealth(index, [this, index](const SourceSample& s) { onWatched(index, s); });
        return;
    }
    setStep(index, RolloutStep::Done, verdict.figure);
    const QList<int>& batch = m_batches[m_batch];
    if (std::all_of(batch.cbegin(), batch.cend(),
                    [this](int i) { return m_instances[i].step == RolloutStep::Done; }))
        batchPassed();
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
    m_abortIntent = recordIntent(QStringLiteral("rollout.abort"), targets, QStringLiteral("new config"),
                                 version(m_instances[0].oldEtag));
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
    m_clock.scheduler().cancel(m_pollTask);
    m_clock.scheduler().cancel(m_watchEndTask);
    m_stopWhy = why;
    m_stopResult = result;
    setPhase(Phase::RollingBack);
    for (auto it = m_pushOrder.crbegin(); it != m_pushOrder.crend(); ++it)
        if (m_instances[*it].mayHaveNewConfig)
            m_rollbackQueue.append(*it);
    rollBackNext();
}

void Rollout::rollBackNext() {
    if (m_rollbackQueue.isEmpty()) {
        const QString verb =
            m_stopResult == Result::Aborted ? QStringLiteral("aborted") : QStringLiteral("rolled back");
        return finish(m_stopResult, verb + QStringLiteral(": ") + m_stopWhy);
    }
    const int index = m_rollbackQueue.front();
    RolloutInstance& instance = m_instances[index];
    m_retried412 = false;
    const qint64 intent = recordIntent(QStringLiteral("rollout.rollback"), {instance.endpoint.id()},
                                       version(instance.currentEtag), version(instance.oldEtag));
    if (m_audit && intent == 0) {
        m_rollbackQueue.removeFirst();
        setStep(index, RolloutStep::Failed,
                QStringLiteral("not rolled back: the audit trail could not be written"));
        return rollBackNext();
    }
    m_stepIntents[index] = intent;
    m_clients[index]->putConfig(instance.oldConfig, instance.currentEtag);
}

void Rollout::onRolledBack(int index, const ControlResult& result) {
    RolloutInstance& instance = m_instances[index];
    if (result.httpStatus == 412 && !m_retried412 && !result.etag.isEmpty()) {
        // The version in force is not the one last seen (a push whose answer was lost): the old config
        // is the one known, so it goes back over whatever is there.
        m_retried412 = true;
        instance.currentEtag = result.etag;
        m_clients[index]->putConfig(instance.oldConfig, instance.currentEtag);
        return;
    }
    recordOutcome(m_stepIntents[index], result.ok, result.ok ? version(result.etag) : result.reason);
    m_stepIntents[index] = 0;
    m_rollbackQueue.removeFirst();
    const QString decided = instance.figure;
    if (result.ok) {
        instance.currentEtag = result.etag;
        instance.mayHaveNewConfig = false;
        const QString back = QStringLiteral("old config %1 back").arg(version(result.etag));
        // The instance whose reading stopped the rollout keeps that figure: it is what decided.
        setStep(index, RolloutStep::RolledBack,
                index == m_decidingIndex ? decided + QStringLiteral("; ") + back : back);
    } else {
        setStep(index, RolloutStep::Failed, QStringLiteral("rollback failed: ") + result.reason);
    }
    rollBackNext();
}

void Rollout::finish(Result result, const QString& summary) {
    m_clock.scheduler().cancel(m_pollTask);
    m_clock.scheduler().cancel(m_watchEndTask);
    m_result = result;
    m_summary = summary;
    m_phase = Phase::Finished;
    if (m_startIntent)
        recordOutcome(m_startIntent, result == Result::Completed, summary);
    if (m_abortIntent)
        recordOutcome(m_abortIntent, endedOnOneConfig(), summary);
    emit phaseChanged(m_phase);
    emit finished(result);
}

qint64 Rollout::recordIntent(const QString& action, const QStringList& targets, const QString& before,
                             const QString& after) {
    if (!m_audit)
        return 0;
    AuditEntry entry;
    entry.action = action;
    entry.targets = targets;
    entry.environment = filled(m_options.environment);
    entry.service = filled(m_options.service);
    entry.policy = QStringLiteral(""); // the whole config, every policy
    entry.before = filled(before);
    entry.after = filled(after);
    entry.reason = filled(m_options.reason);
    return m_audit->recordIntent(entry);
}

void Rollout::recordOutcome(qint64 intent, bool ok, const QString& detail) {
    if (m_audit && intent)
        m_audit->recordOutcome(intent, AuditOutcome{ok, filled(detail)});
}

} // namespace jimini
