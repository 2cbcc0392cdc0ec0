// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"

#include <QObject>
#include <QString>

#include <optional>

namespace jimini {

class ControlService;
class FleetHub;
class ToolHost;

// What a tool is given to work with: the fleet (the hub, which also carries the view's clock), the
// control service for acting on services, and the window as a ToolHost. Tools talk to each other only
// through it (an instance activated in one tool opens in another), never by naming each other. UI thread;
// outlives every tool of its window.
class ConsoleContext final : public QObject {
    Q_OBJECT
public:
    ConsoleContext(FleetHub& hub, ControlService& control, ToolHost& host, QObject* parent = nullptr);
    ~ConsoleContext() override;

    FleetHub& hub() const noexcept { return m_hub; }
    ControlService& control() const noexcept { return m_control; }
    ToolHost& host() const noexcept { return m_host; }

    // The instance the operator is looking at: the current page's (a page says it through its
    // "currentEndpointId" property), empty when there is none.
    QString currentEndpoint() const;
    std::optional<ServiceEndpoint> endpoint(const QString& endpointId) const;

    // Asks for an instance to be shown in detail (double click, Enter, an alert, an event).
    void activateInstance(const QString& endpointId);

signals:
    void instanceActivated(const QString& endpointId);

private:
    FleetHub& m_hub;
    ControlService& m_control;
    ToolHost& m_host;
};

} // namespace jimini
