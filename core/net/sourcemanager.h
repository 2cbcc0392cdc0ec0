// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"
#include "net/fleetsource.h"
#include "net/serviceendpoint.h"
#include "net/sourcefactory.h"
#include "net/sourcesample.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace jimini {

class ConsoleClock;

// Owns the sources of a workspace, one per endpoint, made by its SourceFactory (Connections unless
// told otherwise). Its owner may move it to a worker QThread; every call below must then be made on
// that thread (QMetaObject::invokeMethod from elsewhere), and the signals arrive queued on the
// receiver's thread. The sources run on the clock (ConsoleClock::forThisThread, taken on first use on
// the manager's thread). Polls share one long-lived QNetworkAccessManager, made on first use (a manager
// opens at most 6 connections per host:port, which polls release quickly); each stream gets its own.
class SourceManager final : public QObject {
    Q_OBJECT
public:
    SourceManager(std::shared_ptr<ConsoleClock> clock, SourceFactory factory, QObject* parent = nullptr);
    ~SourceManager() override;

    // Starts reading it at once; an endpoint with the same id replaces the old one.
    Q_INVOKABLE void addEndpoint(const jimini::ServiceEndpoint& endpoint);
    Q_INVOKABLE void removeEndpoint(const QString& endpointId);
    Q_INVOKABLE void clear();

    QList<ServiceEndpoint> endpoints() const;
    int count() const noexcept { return int(m_sources.size()); }
    FleetSource* source(const QString& endpointId) const;

signals:
    void sampleReady(const jimini::SourceSample& sample);
    void eventReady(const jimini::FleetEvent& event);

private:
    void ensureNetwork();

    std::shared_ptr<ConsoleClock> m_clock;       // the view's
    std::shared_ptr<ConsoleClock> m_threadClock; // made on first use on our thread (fires there)
    SourceFactory m_factory;
    QNetworkAccessManager* m_pollNam = nullptr; // made on first use, on our (worker) thread
    QHash<QString, FleetSource*> m_sources;
    QList<QString> m_order;
};

// For queued signals across threads; called by SourceManager's constructor, idempotent.
void registerNetMetaTypes();

} // namespace jimini

Q_DECLARE_METATYPE(jimini::ServiceEndpoint)
