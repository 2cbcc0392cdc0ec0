// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/fleethub.h"

#include "store/fleetworker.h"

#include "net/sourcemanager.h"
#include "runtime/consoleclock.h"
#include "sources/standardsources.h"

#include <QThread>

namespace jimini {

FleetHub::FleetHub(QObject* parent)
    : FleetHub(Options{}, parent) {}

FleetHub::FleetHub(Options options, QObject* parent)
    : QObject(parent)
    , m_clock(options.clock ? options.clock : ConsoleClock::live())
    , m_store(std::make_unique<SeriesStore>(options.tiers))
    , m_counters(std::make_unique<FleetIngestCounters>()) {
    registerNetMetaTypes();
    SourceFactory factory =
        options.sourceFactory ? std::move(options.sourceFactory) : standardSourceFactory(options.source);
    if (m_clock->isSimulated()) {
        m_worker =
            new FleetWorker(*m_store, *m_counters, m_clock, std::move(factory), std::move(options.sinks),
                            options.batchInterval, [this](FleetBatch&& batch) { deliver(batch); });
        m_worker->start();
        return;
    }
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("jimini-fleet"));
    // Called on the worker thread: it only posts the batch to this object's thread.
    m_worker =
        new FleetWorker(*m_store, *m_counters, m_clock, std::move(factory), std::move(options.sinks),
                        options.batchInterval, [this](FleetBatch&& batch) {
                            QMetaObject::invokeMethod(
                                this, [this, b = std::move(batch)] { deliver(b); }, Qt::QueuedConnection);
                        });
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, &FleetWorker::start, Qt::QueuedConnection);
}

FleetHub::~FleetHub() {
    FleetWorker* worker = std::exchange(m_worker, nullptr);
    if (!m_thread) {
        delete worker;
        return;
    }
    // Deleted on its own thread (its sockets and timers live there), then the thread ends; batches it
    // posted to us are discarded with us.
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

template <typename F> void FleetHub::onWorker(F&& f) {
    if (m_thread)
        QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
    else
        f();
}

void FleetHub::addEndpoint(const ServiceEndpoint& endpoint) {
    const QString id = endpoint.id();
    const auto it = std::find_if(m_endpoints.begin(), m_endpoints.end(),
                                 [&](const ServiceEndpoint& e) { return e.id() == id; });
    if (it != m_endpoints.end())
        *it = endpoint;
    else
        m_endpoints.append(endpoint);
    onWorker([w = m_worker, endpoint] { w->addEndpoint(endpoint); });
}

void FleetHub::removeEndpoint(const QString& endpointId, bool keepHistory) {
    m_endpoints.removeIf([&](const ServiceEndpoint& e) { return e.id() == endpointId; });
    onWorker([w = m_worker, endpointId, keepHistory] { w->removeEndpoint(endpointId, keepHistory); });
}

void FleetHub::dropHistory(const QString& endpointId) {
    onWorker([w = m_worker, endpointId] { w->dropHistory(endpointId); });
}

void FleetHub::injectSample(const SourceSample& sample) {
    onWorker([w = m_worker, sample] { w->onSample(sample); });
}

QList<ServiceEndpoint> FleetHub::endpoints() const {
    return m_endpoints;
}

const SeriesStore& FleetHub::store() const {
    return *m_store;
}

FleetHub::Counts FleetHub::counts() const {
    return m_counts;
}

FleetHub::IngestStats FleetHub::ingestStats() const {
    const auto store = m_store->stats();
    return IngestStats{m_counters->received.load(),
                       m_counters->ingested.load(),
                       m_counters->ignored.load(),
                       store.outOfOrder,
                       store.duplicates,
                       m_counters->batches.load()};
}

void FleetHub::deliver(const FleetBatch& batch) {
    if (!batch.removed.isEmpty()) {
        for (const QString& id : batch.removed)
            m_rows.remove(id);
        emit rowsRemoved(batch.removed);
    }
    if (!batch.rows.isEmpty()) {
        for (const InstanceRow& row : batch.rows)
            m_rows.insert(row.endpointId, row);
        emit rowsChanged(batch.rows);
    }
    if (!batch.events.isEmpty())
        emit eventsArrived(batch.events);
    if (batch.countsChanged) {
        m_counts = batch.counts;
        emit countsChanged(m_counts);
    }
}

} // namespace jimini
