// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutwatch.h"

#include "control/rollouthealthreads.h"
#include "control/rolloutoptions.h"

#include "net/sourcesample.h"
#include "runtime/consoleclock.h"

#include <algorithm>

namespace jimini {

RolloutWatch::RolloutWatch(const RolloutOptions& options, ConsoleClock& clock, RolloutHealthReads& reads,
                           QList<RolloutInstance>& instances, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_clock(clock)
    , m_reads(reads)
    , m_instances(instances) {
    m_pollTask.self = m_endTask.self = this;
    m_pollTask.run = &RolloutWatch::poll;
    m_endTask.run = &RolloutWatch::watchEnded;
    m_finalRead.fill(false, instances.size());
}

RolloutWatch::~RolloutWatch() {
    stop();
}

void RolloutWatch::start(const QList<int>& batch) {
    m_batch = batch;
    m_active = true;
    m_over = false;
    for (int index : std::as_const(m_batch))
        m_finalRead[index] = false;
    m_clock.scheduler().schedule(m_endTask, m_options.watch);
    m_clock.scheduler().schedule(m_pollTask, Duration::zero());
}

void RolloutWatch::stop() {
    m_active = false;
    m_clock.scheduler().cancel(m_pollTask);
    m_clock.scheduler().cancel(m_endTask);
}

void RolloutWatch::poll() {
    if (!m_active)
        return;
    for (int index : std::as_const(m_batch)) {
        if (m_reads.inFlight(index) == 0)
            read(index);
    }
    m_clock.scheduler().schedule(m_pollTask, m_options.pollInterval);
}

void RolloutWatch::watchEnded() {
    if (!m_active)
        return;
    m_clock.scheduler().cancel(m_pollTask);
    m_over = true;
    // The decision is a reading taken after the watch time: one more of each (or the one in flight).
    for (int index : std::as_const(m_batch)) {
        m_finalRead[index] = true;
        if (m_reads.inFlight(index) == 0)
            read(index);
    }
}

void RolloutWatch::read(int index) {
    m_reads.read(index, m_instances[index].endpoint,
                 [this, index](const SourceSample& sample) { onReading(index, sample); });
}

void RolloutWatch::onReading(int index, const SourceSample& sample) {
    if (!m_active || m_instances[index].step != RolloutStep::Watching)
        return;
    RolloutInstance& instance = m_instances[index];
    if (!sample.document) {
        const QString figure = QStringLiteral("health not read: ") + sample.reason;
        emit judged(index, RolloutStep::Watching, figure);
        emit tripped(index, instance.name + QStringLiteral(": ") + figure);
        return;
    }
    instance.watched = WatchedHealth::from(*sample.document);
    const RolloutVerdict verdict =
        RolloutVerdict::judge(*instance.baseline, *instance.watched, m_options.thresholdPp);
    if (verdict.rollBack) {
        emit judged(index, RolloutStep::Watching, verdict.figure);
        emit tripped(index, instance.name + QStringLiteral(": ") + verdict.figure);
        return;
    }
    if (!m_over || !m_finalRead[index]) {
        emit judged(index, RolloutStep::Watching, verdict.figure);
        if (m_over && m_reads.inFlight(index) == 0) // a reading that left before the end: once more
            read(index);
        return;
    }
    emit judged(index, RolloutStep::Done, verdict.figure);
    if (std::all_of(m_batch.cbegin(), m_batch.cend(),
                    [this](int i) { return m_instances[i].step == RolloutStep::Done; })) {
        stop(); // what arrives late for this batch is not judged
        emit passed();
    }
}

} // namespace jimini
