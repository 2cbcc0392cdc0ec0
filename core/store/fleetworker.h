// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/healthsource.h"
#include "net/serviceendpoint.h"
#include "store/fleetbatch.h"
#include "store/fleetingest.h"

#include <QObject>
#include <QSet>

#include <chrono>
#include <functional>
#include <memory>

class QTimer;

namespace jimini {

class ConsoleClock;
class SeriesStore;
class SourceManager;

// FleetHub's half on the worker thread: the sources, the ingest and the coalescing of their results into
// batches. Every member runs on the worker thread (start() first).
class FleetWorker final : public QObject {
    Q_OBJECT
public:
    using Sink = std::function<void(FleetBatch&&)>; // called on the worker thread; must not block

    FleetWorker(SeriesStore& store, FleetIngestCounters& counters, std::shared_ptr<ConsoleClock> clock,
                HealthSource::Options sourceOptions, std::chrono::milliseconds batchInterval, Sink sink);
    ~FleetWorker() override;

    void start(); // makes the sources and the timer on the worker thread
    void addEndpoint(const ServiceEndpoint& endpoint);
    void removeEndpoint(const QString& endpointId);
    // For tests and harnesses that feed samples themselves: the same path as the sources' samples.
    void onSample(const SourceSample& sample);
    void onEvent(const FleetEvent& event);

private:
    void schedule();
    void flush();
    FleetCounts countRows() const;

    SeriesStore& m_store;
    FleetIngestCounters& m_counters;
    std::shared_ptr<ConsoleClock> m_clock;
    HealthSource::Options m_sourceOptions;
    std::chrono::milliseconds m_batchInterval;
    Sink m_sink;
    FleetIngest m_ingest;
    SourceManager* m_sources = nullptr; // child
    QTimer* m_timer = nullptr;          // child
    QSet<QString> m_dirty;
    QStringList m_removed;
    QVector<FleetEvent> m_events;
    std::vector<FleetEvent> m_derived;
    FleetCounts m_counts;
};

} // namespace jimini
