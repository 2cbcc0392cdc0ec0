// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"
#include "net/sourcefactory.h"
#include "store/fleetbatch.h"
#include "store/fleetingest.h"

#include "policy/timertask.h"

#include <QObject>
#include <QSet>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace jimini {

class ConsoleClock;
class FleetSink;
class SeriesStore;
class SourceManager;

// FleetHub's half on the worker thread: the sources, the ingest, the sinks and the coalescing of their
// results into batches. Every member runs on the worker thread (start() first); the batch timer is a
// timer of the clock's scheduler, so on a simulated clock batches come as the clock is advanced.
class FleetWorker final : public QObject {
    Q_OBJECT
public:
    using Deliver = std::function<void(FleetBatch&&)>; // called on the worker thread; must not block

    FleetWorker(SeriesStore& store, FleetIngestCounters& counters, std::shared_ptr<ConsoleClock> clock,
                SourceFactory factory, std::vector<std::shared_ptr<FleetSink>> sinks,
                std::chrono::milliseconds batchInterval, Deliver deliver);
    ~FleetWorker() override;

    void start(); // makes the sources on the worker thread
    void addEndpoint(const ServiceEndpoint& endpoint);
    void removeEndpoint(const QString& endpointId, bool keepHistory = false);
    void dropHistory(const QString& endpointId) { m_ingest.dropHistory(endpointId); }
    // For tests and harnesses that feed samples themselves: the same path as the sources' samples.
    void onSample(const SourceSample& sample);
    void onEvent(const FleetEvent& event);

private:
    struct Flush final : TimerTask {
        FleetWorker* self = nullptr;
        void fire() override { self->flush(); }
    };

    void schedule();
    void flush();
    void publish(FleetEvent&& event);
    FleetCounts countRows() const;

    SeriesStore& m_store;
    FleetIngestCounters& m_counters;
    std::shared_ptr<ConsoleClock> m_clock;       // the view's
    std::shared_ptr<ConsoleClock> m_threadClock; // fires on the worker thread (start())
    SourceFactory m_factory;
    std::vector<std::shared_ptr<FleetSink>> m_sinks;
    std::chrono::milliseconds m_batchInterval;
    Deliver m_deliver;
    FleetIngest m_ingest;
    SourceManager* m_sources = nullptr; // child
    Flush m_flush;
    bool m_flushArmed = false;
    QSet<QString> m_dirty;
    QStringList m_removed;
    QVector<FleetEvent> m_events;
    std::vector<FleetEvent> m_derived;
    FleetCounts m_counts;
};

} // namespace jimini
