// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tools/consolecontext.h"

#include "store/fleethub.h"
#include "widgets/tools/toolhost.h"

#include <QVariant>
#include <QWidget>

namespace jimini {

ConsoleContext::ConsoleContext(FleetHub& hub, ControlService& control, ToolHost& host, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_control(control)
    , m_host(host) {}

ConsoleContext::~ConsoleContext() = default;

QString ConsoleContext::currentEndpoint() const {
    const QWidget* page = m_host.currentPage();
    return page ? page->property("currentEndpointId").toString() : QString();
}

std::optional<ServiceEndpoint> ConsoleContext::endpoint(const QString& endpointId) const {
    for (const ServiceEndpoint& endpoint : m_hub.endpoints()) {
        if (endpoint.id() == endpointId)
            return endpoint;
    }
    return std::nullopt;
}

void ConsoleContext::activateInstance(const QString& endpointId) {
    if (!endpointId.isEmpty())
        emit instanceActivated(endpointId);
}

} // namespace jimini
