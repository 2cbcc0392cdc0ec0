// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourcemanager.h"

#include "runtime/consoleclock.h"

#include <QNetworkAccessManager>

namespace jimini {

void registerNetMetaTypes() {
    qRegisterMetaType<jimini::SourceSample>("jimini::SourceSample");
    qRegisterMetaType<jimini::FleetEvent>("jimini::FleetEvent");
    qRegisterMetaType<jimini::ServiceEndpoint>("jimini::ServiceEndpoint");
}

SourceManager::SourceManager(std::shared_ptr<ConsoleClock> clock, SourceFactory factory, QObject* parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_factory(std::move(factory)) {
    registerNetMetaTypes();
}

SourceManager::~SourceManager() {
    // Before the clock goes: the sources' timers are armed on its scheduler. Removed sources waiting for
    // their deleteLater are children too.
    m_sources.clear();
    qDeleteAll(findChildren<FleetSource*>(Qt::FindDirectChildrenOnly));
}

void SourceManager::ensureNetwork() {
    // Made lazily, on the worker thread where they are used: a live clock's QTimer would not follow a
    // moveToThread().
    if (!m_threadClock)
        m_threadClock = m_clock->forThisThread();
    if (!m_pollNam)
        m_pollNam = new QNetworkAccessManager(this);
}

void SourceManager::addEndpoint(const ServiceEndpoint& endpoint) {
    ensureNetwork();
    const QString id = endpoint.id();
    removeEndpoint(id);
    FleetSource* source = m_factory(endpoint, SourceContext{*m_threadClock, m_pollNam, this});
    if (!source)
        return;
    source->setParent(this);
    connect(source, &FleetSource::sampleReady, this, &SourceManager::sampleReady);
    connect(source, &FleetSource::eventReady, this, &SourceManager::eventReady);
    m_sources.insert(id, source);
    m_order.append(id);
    source->start();
}

void SourceManager::removeEndpoint(const QString& endpointId) {
    FleetSource* source = m_sources.take(endpointId);
    if (!source)
        return;
    m_order.removeAll(endpointId);
    source->stop(); // timers disarmed, request ended: nothing more comes from it
    source->disconnect(this);
    source->deleteLater(); // we may be inside one of its signals
}

void SourceManager::clear() {
    const QList<QString> ids = m_order;
    for (const QString& id : ids)
        removeEndpoint(id);
}

QList<ServiceEndpoint> SourceManager::endpoints() const {
    QList<ServiceEndpoint> list;
    for (const QString& id : m_order)
        list.append(m_sources.value(id)->endpoint());
    return list;
}

FleetSource* SourceManager::source(const QString& endpointId) const {
    return m_sources.value(endpointId);
}

} // namespace jimini
