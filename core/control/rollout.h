// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/rolloutinstance.h"
#include "control/rolloutoptions.h"

#include "control/rolloutaudit.h"

#include "config/configchange.h"

#include <QList>
#include <QObject>
#include <QString>

namespace jimini {

class AuditTrail;
class ConsoleClock;
class ControlClient;
class ControlService;
class RolloutHealthReads;
class RolloutRollback;
class RolloutWatch;
struct ControlResult;
struct SourceSample;

// A staged rollout of one config to every instance of a service: the canary (instance 0) first, watched
// for options.watch, then the rest in batches of options.batchSize, each watched the same way. Before
// anything is sent, every instance's config and ETag (the "old" config) and health (its baseline) are
// read; instances whose configs differ are refused unless forced, so that a rollback has one known
// config to go back to. Watching reads each pushed instance's health every options.pollInterval through
// the console's own source code (Connection, the same parser) and judges it against the instance's
// baseline (RolloutVerdict); a trip, a push the service refused (a 412 included), an unreadable health
// document or abort() stops the rollout and pushes the old config back, in reverse order, to every
// instance that got (or may have got) the new one. Every push carries If-Match. Each push and rollback
// is recorded in the audit trail before it is sent and again with the service's answer.
//
// Timers run on the clock's scheduler (the console's clock; a test's simulated one); network answers on
// this object's thread, which must be the clock's. The parts: RolloutPreparation (may it start),
// RolloutHealthReads and RolloutWatch (the watch of a batch), RolloutRollback (the way back), RolloutAudit
// (the trail); this class runs
// the steps: read, push a batch, watch it, next batch or roll back.
class Rollout final : public QObject {
    Q_OBJECT
public:
    enum class Phase : quint8 { Idle, Preparing, Pushing, Watching, RollingBack, Finished };
    // Refused: nothing was pushed (bad input, an instance unreadable, configs differ, no audit record).
    enum class Result : quint8 { None, Completed, RolledBack, Aborted, Refused };

    // Requests go through control (its network manager, carrying its operator); control must outlive
    // this. audit may be null (nothing recorded).
    Rollout(RolloutOptions options, ConsoleClock& clock, ControlService& control, AuditTrail* audit,
            QObject* parent = nullptr);
    ~Rollout() override;

    void start();
    // Stops and pushes the old config back wherever the new one went; before the first push, just stops.
    void abort();

    Phase phase() const noexcept { return m_phase; }
    Result result() const noexcept { return m_result; }
    const RolloutOptions& options() const noexcept { return m_options; }
    const QList<RolloutInstance>& instances() const noexcept { return m_instances; }
    int batchCount() const { return int(m_batches.size()); }
    int currentBatch() const noexcept { return m_batch; } // -1 before the canary
    int doneCount() const;
    // Why it ended, in a sentence ("rolled back: orders-1: breaker payments opened"); empty while running.
    const QString& summary() const noexcept { return m_summary; }
    // After it ended: every instance is on one config (the new one after Completed, the old one
    // otherwise). False names a rollback or a 412 that left an instance elsewhere (see its figure).
    bool endedOnOneConfig() const;
    // What the new config changes against the canary's old one, field by field (ConfigDiff); known once
    // the instances were read (from the first push on).
    const QList<ConfigChange>& changes() const noexcept { return m_changes; }
    // A request or a health read is in flight: the rollout waits for an answer, not for its clock.
    bool awaitingAnswers() const;
    // A push met a config changed underneath (412): the rollout stopped for it.
    bool stoppedByConflict() const noexcept { return m_conflict; }

    static QString toString(Result result); // "completed", "rolled back", "aborted", "refused"

signals:
    void instanceChanged(int index);
    void phaseChanged(jimini::Rollout::Phase phase);
    void finished(jimini::Rollout::Result result);

private:
    void setPhase(Phase phase);
    void setStep(int index, RolloutStep step, const QString& figure);
    void onPrepared(int index, const ControlResult& result);
    void onBaseline(int index, const SourceSample& sample);
    void prepared();
    void pushBatch();
    void onPushed(int index, const ControlResult& result);
    void startWatch();
    void batchPassed();
    void stop(const QString& why, Result result);
    void finish(Result result, const QString& summary);
    void refuse(const QString& why) { finish(Result::Refused, QStringLiteral("refused: ") + why); }

    RolloutOptions m_options;
    ConsoleClock& m_clock;
    ControlService& m_control;
    QList<RolloutInstance> m_instances;
    QList<ControlClient*> m_clients; // one per instance, children
    QList<QList<int>> m_batches;
    QList<ConfigChange> m_changes;
    QList<int> m_pushOrder;      // in the order pushes were sent
    QList<qint64> m_stepIntents; // per instance: the audit intent of its push in flight
    RolloutAudit m_audit;
    RolloutHealthReads* m_reads; // child
    RolloutWatch* m_watch;       // child
    RolloutRollback* m_rollback; // child
    Phase m_phase = Phase::Idle;
    Result m_result = Result::None;
    Result m_stopResult = Result::None;
    QString m_stopWhy;
    QString m_summary;
    int m_batch = -1;
    int m_decidingIndex = -1; // the instance whose reading stopped the rollout
    int m_pending = 0;        // preparation answers, or pushes, in flight
    bool m_stopping = false;  // a stop is waiting for pushes in flight
    bool m_conflict = false;
    qint64 m_startIntent = 0;
    qint64 m_abortIntent = 0;
};

} // namespace jimini
