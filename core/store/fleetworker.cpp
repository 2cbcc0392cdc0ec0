// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/fleetworker.h"

#include "store/fleetsink.h"

#include "net/sourcemanager.h"
#include "runtime/consoleclock.h"

namespace jimini {

FleetWorker::FleetWorker(SeriesStore& store, FleetIngestCounters& counters,
                         std::shared_ptr<ConsoleClock> clock, SourceFactory factory,
                         std::vector<std::shared_ptr<FleetSink>> sinks,
                         std::chrono::milliseconds batchInterval, Deliver deliver)
    : m_store(store)
    , m_counters(counters)
    , m_clock(std::move(clock))
    , m_factory(std::move(factory))
    , m_sinks(std::move(sinks))
    , m_batchInterval(batchInterval)
    , m_deliver(std::move(deliver))
    , m_ingest(store) {
    m_flush.self = this;
}

FleetWorker::~FleetWorker() {
    // The sources first: nothing may arrive while the ingest is being torn down. Then the batch timer,
    // before the clock it is armed on goes.
    delete m_sources;
    m_sources = nullptr;
    if (m_threadClock)
        m_threadClock->scheduler().cancel(m_flush);
}

void FleetWorker::start() {
    // A live clock's timers fire on the thread that made them: this one. A QtScheduler is a precise
    // timer (a coarse one may fire 5 % early: 11 batches a second).
    m_threadClock = m_clock->forThisThread();
    m_sources = new SourceManager(m_threadClock, m_factory, this);
    connect(m_sources, &SourceManager::sampleReady, this, &FleetWorker::onSample);
    connect(m_sources, &SourceManager::eventReady, this, &FleetWorker::onEvent);
}

void FleetWorker::addEndpoint(const ServiceEndpoint& endpoint) {
    const QString id = endpoint.id();
    m_ingest.addEndpoint(endpoint);
    m_dirty.insert(id);
    schedule();
    m_sources->addEndpoint(endpoint);
}

void FleetWorker::removeEndpoint(const QString& endpointId, bool keepHistory) {
    m_sources->removeEndpoint(endpointId);
    m_ingest.removeEndpoint(endpointId, keepHistory);
    m_dirty.remove(endpointId);
    m_removed.append(endpointId);
    schedule();
}

void FleetWorker::onSample(const SourceSample& sample) {
    m_counters.received.fetch_add(1, std::memory_order_relaxed);
    if (m_ingest.row(sample.endpointId)) {
        for (const auto& sink : m_sinks)
            sink->sample(sample);
    }
    // Transitions are inferred from the documents only for a service that keeps no record (no stream
    // and no /events): the source finds that out.
    if (m_sources) {
        if (const FleetSource* source = m_sources->source(sample.endpointId))
            m_ingest.setStreaming(sample.endpointId, source->reportsTransitions());
    }
    m_derived.clear();
    const auto before = m_ingest.stats().ignored;
    const bool changed = m_ingest.ingest(sample, m_derived);
    if (m_ingest.stats().ignored != before) {
        m_counters.ignored.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_counters.ingested.fetch_add(1, std::memory_order_relaxed);
    for (FleetEvent& e : m_derived)
        publish(std::move(e));
    if (changed)
        m_dirty.insert(sample.endpointId);
    if (changed || !m_derived.empty())
        schedule();
}

void FleetWorker::onEvent(const FleetEvent& event) {
    FleetEvent e = event;
    m_ingest.annotate(e);
    publish(std::move(e));
    schedule();
}

void FleetWorker::publish(FleetEvent&& event) {
    for (const auto& sink : m_sinks)
        sink->event(event);
    m_events.append(std::move(event));
}

void FleetWorker::schedule() {
    // Armed by the first change after a flush and never re-armed while pending: at most one batch per
    // interval, however many samples arrive.
    if (!m_threadClock || m_flushArmed)
        return;
    m_flushArmed = true;
    m_threadClock->scheduler().schedule(m_flush, m_batchInterval);
}

FleetCounts FleetWorker::countRows() const {
    FleetCounts c;
    for (const QString& id : m_ingest.endpointIds()) {
        const InstanceRow* row = m_ingest.row(id);
        ++c.total;
        if (row->stale)
            ++c.stale;
        else if (row->status == SourceStatus::Ok) {
            ++c.ok;
            c.degraded += row->level == HealthLevel::Degraded ? 1 : 0;
            c.critical += row->level == HealthLevel::Critical ? 1 : 0;
        } else if (row->status == SourceStatus::Connecting)
            ++c.connecting;
        else
            ++c.failing;
    }
    return c;
}

void FleetWorker::flush() {
    m_flushArmed = false;
    FleetBatch batch;
    batch.removed = std::exchange(m_removed, {});
    batch.rows.reserve(m_dirty.size());
    for (const QString& id : std::as_const(m_dirty)) {
        if (const InstanceRow* row = m_ingest.row(id))
            batch.rows.append(*row);
    }
    m_dirty.clear();
    batch.events = std::exchange(m_events, {});
    const FleetCounts counts = countRows();
    batch.countsChanged = counts != m_counts;
    batch.counts = counts;
    m_counts = counts;
    if (batch.removed.isEmpty() && batch.rows.isEmpty() && batch.events.isEmpty() && !batch.countsChanged)
        return;
    m_counters.batches.fetch_add(1, std::memory_order_relaxed);
    m_deliver(std::move(batch));
}

} // namespace jimini
