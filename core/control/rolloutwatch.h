// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/rolloutinstance.h"

#include "policy/timertask.h"

#include <QList>
#include <QObject>
#include <QString>

namespace jimini {

class ConsoleClock;
class RolloutHealthReads;
struct RolloutOptions;
struct SourceSample;

// The watch of one batch of a rollout: each instance's health is read every options.pollInterval and
// judged against its own baseline (RolloutVerdict); once options.watch has run out, one reading taken
// after it decides. A reading that trips (or no document at all) is reported at once; when every
// instance of the batch passed its deciding reading, the batch passed. Timers run on the clock's
// scheduler.
//
// instances is the rollout's list: the watch reads each one's step and baseline and keeps its latest
// reading in watched; steps are the rollout's to set (judged()).
class RolloutWatch final : public QObject {
    Q_OBJECT
public:
    RolloutWatch(const RolloutOptions& options, ConsoleClock& clock, RolloutHealthReads& reads,
                 QList<RolloutInstance>& instances, QObject* parent = nullptr);
    ~RolloutWatch() override;

    // Starts watching these instances (their step already Watching).
    void start(const QList<int>& batch);
    // Stops: no more readings are taken or judged.
    void stop();

signals:
    // A reading: the step (Watching, or Done for a deciding reading that passed) and its figure.
    void judged(int index, jimini::RolloutStep step, const QString& figure);
    // The instance's reading calls for a rollback; why names it ("orders-1: breaker dep opened").
    void tripped(int index, const QString& why);
    // Every instance of the batch is Done.
    void passed();

private:
    struct Task final : TimerTask {
        RolloutWatch* self = nullptr;
        void (RolloutWatch::*run)() = nullptr;
        void fire() override { (self->*run)(); }
    };

    void poll();
    void watchEnded();
    void read(int index);
    void onReading(int index, const SourceSample& sample);

    const RolloutOptions& m_options;
    ConsoleClock& m_clock;
    RolloutHealthReads& m_reads;
    QList<RolloutInstance>& m_instances;
    QList<int> m_batch;
    QList<bool> m_finalRead; // per instance: its watch ended; the next reading decides
    Task m_pollTask;
    Task m_endTask;
    bool m_active = false;
    bool m_over = false; // the batch's watch time has run out
};

} // namespace jimini
