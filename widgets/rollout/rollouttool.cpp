// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/rollout/rollouttool.h"

#include "widgets/rollout/rolloutview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include "control/auditstore.h"
#include "control/controlservice.h"
#include "control/rollout.h"
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

QStringList RolloutTool::pendingWork() const {
    const Rollout* rollout = m_view ? m_view->rollout() : nullptr;
    if (!rollout || rollout->phase() == Rollout::Phase::Finished)
        return {};
    return {tr("the rollout of %1 to %n instance(s), which is rolled back to the old config", nullptr,
               int(rollout->instances().size()))
                .arg(rollout->options().service)};
}

void RolloutTool::windDown() {
    Rollout* rollout = m_view ? m_view->rollout() : nullptr;
    if (!rollout || rollout->phase() == Rollout::Phase::Finished) {
        emit windDownFinished();
        return;
    }
    // Connected first: before anything was pushed, abort() finishes at once.
    connect(rollout, &Rollout::finished, this, &RolloutTool::windDownFinished, Qt::SingleShotConnection);
    m_view->abort();
}

std::chrono::milliseconds RolloutTool::windDownBudget() const {
    const Rollout* rollout = m_view ? m_view->rollout() : nullptr;
    if (!rollout)
        return {};
    // The rollback goes one instance at a time, a read and a push each, every request within its timeout.
    return 2 * rollout->options().requestTimeout * qsizetype(rollout->instances().size()) +
           std::chrono::seconds(5);
}

void RolloutTool::refreshServices() {
    // Instances in the workspace's order, grouped by the service the fleet knows them as.
    QMap<QString, QList<ServiceEndpoint>> services;
    QMap<QString, QStringList> environments; // as the fleet knows them: the workspace's tag or the document's
    for (const ServiceEndpoint& endpoint : m_context->hub().endpoints()) {
        const auto row = m_context->hub().rows().constFind(endpoint.id());
        const bool known = row != m_context->hub().rows().cend();
        const QString service = known && !row->service.isEmpty() ? row->service : endpoint.group;
        if (service.isEmpty() || !endpoint.apiBase())
            continue;
        services[service].append(endpoint);
        const QString environment =
            known && !row->environment.isEmpty() ? row->environment : endpoint.environment;
        if (!environment.isEmpty() && !environments[service].contains(environment))
            environments[service].append(environment);
    }
    m_view->setServices(services, environments);
}

} // namespace jimini
