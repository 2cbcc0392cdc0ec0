// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/serviceendpoint.h"
#include "net/sourcesample.h"
#include "store/instancerow.h"
#include "store/seriesstore.h"

#include <QHash>

#include <cstdint>
#include <vector>

namespace jimini {

// Turns samples into history, rows and events, on the ingest thread: appends each document's figures to
// the SeriesStore, keeps one InstanceRow per endpoint and, for endpoints whose service keeps no event
// record, infers the breaker transitions seen between two consecutive documents (marked inferred; the
// others report the service's own, from its stream or its /events).
class FleetIngest {
public:
    struct Stats {
        std::uint64_t ingested = 0; // samples of known endpoints
        std::uint64_t ignored = 0;  // samples of endpoints not (or no longer) watched
    };

    explicit FleetIngest(SeriesStore& store);

    // A new endpoint's row starts as Connecting; adding a known one updates its settings and keeps its
    // row (its identity fields are refreshed).
    void addEndpoint(const ServiceEndpoint& endpoint);
    // Forgets the row, the previous document and the endpoint's series.
    // keepHistory: its series stay in the store (a removal that may be undone), until dropHistory().
    void removeEndpoint(const QString& endpointId, bool keepHistory = false);
    void dropHistory(const QString& endpointId); // of an endpoint not watched (again); else nothing

    // Whether the endpoint's transitions come from the service's record, its stream or its /events (then
    // none are inferred from its documents). Set from the endpoint's mode, then from its source
    // (FleetSource::reportsTransitions), which learns whether the service keeps a record.
    void setStreaming(const QString& endpointId, bool streaming);

    // Appends derived events to events; true when the row's content changed.
    bool ingest(const SourceSample& sample, std::vector<FleetEvent>& events);
    // Fills service and instance of an event from its endpoint's row when the source left them empty.
    void annotate(FleetEvent& event) const;

    const InstanceRow* row(const QString& endpointId) const;
    QList<QString> endpointIds() const { return m_endpoints.keys(); }
    Stats stats() const noexcept { return m_stats; }

    static constexpr int sparklinePoints = 60;

private:
    struct Endpoint {
        ServiceEndpoint endpoint;
        InstanceRow row;
        QHash<QString, BreakerState> breakers; // policy -> state in the previous document
        bool hasPrevious = false;
        bool streaming = false;
    };

    void appendSeries(const QString& id, std::int64_t timeMs, const HealthDocument& document);
    void applyDocument(Endpoint& state, const HealthDocument& document);
    void diffBreakers(Endpoint& state, const HealthDocument& document, const QDateTime& time,
                      std::vector<FleetEvent>& events);
    void refreshSparkline(InstanceRow& row, std::int64_t nowMs, std::int64_t holdMs);
    static void applyIdentity(Endpoint& state, const HealthDocument* document);

    SeriesStore& m_store;
    QHash<QString, Endpoint> m_endpoints;
    std::vector<SeriesPoint> m_scratch;
    Stats m_stats;
};

} // namespace jimini
