// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/serviceendpoint.h"
#include "store/instancerow.h"

#include <QObject>
#include <QVector>

#include <memory>

namespace jimini {

class SeriesStore;

// The console's one door to the fleet: lives on the UI thread, does all its work on a worker thread
// (sources, parsing, ingest into the SeriesStore, row computation) and hands the UI thread finished
// rows, at most ten batches a second.
class FleetHub : public QObject {
    Q_OBJECT
public:
    explicit FleetHub(QObject* parent = nullptr);
    ~FleetHub() override;

    void addEndpoint(const ServiceEndpoint& endpoint);
    void removeEndpoint(const QString& endpointId);
    QList<ServiceEndpoint> endpoints() const;

    // History of every series; safe to read from the UI thread (short lock, copies out).
    const SeriesStore& store() const;

    struct Counts {
        int total = 0;
        int ok = 0;
        int stale = 0;
        int failing = 0;
    };
    Counts counts() const;

signals:
    void rowsChanged(const QVector<jimini::InstanceRow>& rows); // changed or new rows, coalesced
    void rowsRemoved(const QStringList& endpointIds);
    void eventsArrived(const QVector<jimini::FleetEvent>& events);
    void countsChanged(const jimini::FleetHub::Counts& counts);
};

} // namespace jimini
