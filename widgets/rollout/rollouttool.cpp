// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/rollout/rollouttool.h"

#include "widgets/rollout/rolloutview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include "control/auditstore.h"
#include "control/controlservice.h"
#include "store/fleethub.h"

#include <QAction>

namespace jimini {

QWidget* RolloutTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    m_view = new RolloutView;
    m_view->setRunner(*context.hub().clock(), context.control(), &context.audit());
    connect(m_view, &RolloutView::statusMessage, this,
            [this](const QString& message) { m_context->host().showStatus(message, 10000); });
    connect(&context.hub(), &FleetHub::rowsChanged, this, &RolloutTool::refreshServices);
    connect(&context.hub(), &FleetHub::rowsRemoved, this, &RolloutTool::refreshServices);
    m_open = new QAction(tr("&Roll out to this service..."), this);
    m_open->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    connect(m_open, &QAction::triggered, this, [this] {
        const auto row = m_context->hub().rows().constFind(m_context->currentEndpoint());
        refreshServices();
        if (row != m_context->hub().rows().cend())
            m_view->selectService(row->service);
        m_context->host().showPage(m_view);
    });
    refreshServices();
    return m_view;
}

QList<ToolAction> RolloutTool::actions() const {
    return {{QStringLiteral("config"), m_open, tr("&Config")}};
}

void RolloutTool::refreshServices() {
    // Instances in the workspace's order, grouped by the service the fleet knows them as.
    QMap<QString, QList<ServiceEndpoint>> services;
    for (const ServiceEndpoint& endpoint : m_context->hub().endpoints()) {
        const auto row = m_context->hub().rows().constFind(endpoint.id());
        const QString service =
            row != m_context->hub().rows().cend() && !row->service.isEmpty() ? row->service : endpoint.group;
        if (!service.isEmpty() && endpoint.apiBase())
            services[service].append(endpoint);
    }
    m_view->setServices(services);
}

} // namespace jimini
