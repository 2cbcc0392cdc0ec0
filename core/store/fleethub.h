// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/connection.h"
#include "net/fleetevent.h"
#include "net/serviceendpoint.h"
#include "net/sourcefactory.h"
#include "store/fleetbatch.h"
#include "store/instancerow.h"
#include "store/seriesstore.h"

#include <QHash>
#include <QObject>
#include <QVector>

#include <chrono>
#include <memory>

class QThread;

namespace jimini {

class ConsoleClock;
class FleetSink;
class FleetWorker;

// The console's one door to the fleet: lives on the UI thread, does all its work on a worker thread
// (sources, parsing, ingest into the SeriesStore, sinks, row computation) and hands the UI thread
// finished rows, at most one batch per batch interval of its clock. Within a batch, rowsRemoved comes
// before rowsChanged, then eventsArrived, then countsChanged.
//
// Built from a ConsoleClock (live unless told), a SourceFactory (Connections unless told: a replay
// gives sources that are not sockets) and a list of sinks. On a simulated clock there is no worker
// thread: everything runs on the calling thread as the clock's SimulatedScheduler is advanced (sources,
// ingest, the batch timer, and the signals, emitted from within advance()), so a view of a replay, and
// its tests, are deterministic.
class FleetHub : public QObject {
    Q_OBJECT
public:
    struct Options {
        std::vector<SeriesStore::Tier> tiers = SeriesStore::defaultTiers();
        std::chrono::milliseconds batchInterval{100};  // at most one batch per interval
        Connection::Options source;                    // of the default factory's sources
        std::shared_ptr<ConsoleClock> clock;           // the view's time; empty: live
        SourceFactory sourceFactory;                   // empty: standardSourceFactory(source)
        std::vector<std::shared_ptr<FleetSink>> sinks; // beside the ingest; called on the worker thread
    };
    using Counts = FleetCounts;
    struct IngestStats {
        std::uint64_t received = 0;   // samples the sources produced
        std::uint64_t ingested = 0;   // samples turned into rows and series
        std::uint64_t ignored = 0;    // samples of an endpoint removed meanwhile
        std::uint64_t outOfOrder = 0; // store: samples older than their series' newest point
        std::uint64_t duplicates = 0; // store: samples merged into their series' newest point
        std::uint64_t batches = 0;    // batches handed to the UI thread
    };

    explicit FleetHub(QObject* parent = nullptr);
    explicit FleetHub(Options options, QObject* parent = nullptr);
    ~FleetHub() override; // stops the sources and joins the worker thread (if any)

    void addEndpoint(const ServiceEndpoint& endpoint); // a known id: its settings are replaced
    // keepHistory: the endpoint's series stay (a removal the operator may undo: added back, it goes on
    // where it was) until dropHistory().
    void removeEndpoint(const QString& endpointId, bool keepHistory = false);
    void dropHistory(const QString& endpointId); // of an endpoint not watched (again); else nothing
    QList<ServiceEndpoint> endpoints() const;

    // The time every part of this view reads (sources, ingest, and the views built on the hub).
    const std::shared_ptr<ConsoleClock>& clock() const noexcept { return m_clock; }
    // History of every series; safe to read from the UI thread (short lock, copies out).
    const SeriesStore& store() const;
    // The rows as last delivered (UI thread), by endpoint id.
    const QHash<QString, InstanceRow>& rows() const noexcept { return m_rows; }
    Counts counts() const;
    IngestStats ingestStats() const; // any thread

    // Feeds a sample as if a source had produced it (benchmarks and tests without sockets).
    void injectSample(const SourceSample& sample);

signals:
    void rowsChanged(const QVector<jimini::InstanceRow>& rows); // changed or new rows, coalesced
    void rowsRemoved(const QStringList& endpointIds);
    void eventsArrived(const QVector<jimini::FleetEvent>& events);
    void countsChanged(const jimini::FleetHub::Counts& counts);

private:
    void deliver(const FleetBatch& batch);
    template <typename F> void onWorker(F&& f); // queued to the worker thread, or at once without one

    std::shared_ptr<ConsoleClock> m_clock;
    std::unique_ptr<SeriesStore> m_store;
    std::unique_ptr<FleetIngestCounters> m_counters;
    QThread* m_thread = nullptr;     // none on a simulated clock
    FleetWorker* m_worker = nullptr; // lives on m_thread; deleted there
    QList<ServiceEndpoint> m_endpoints;
    QHash<QString, InstanceRow> m_rows;
    Counts m_counts;
};

} // namespace jimini
