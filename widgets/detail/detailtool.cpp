// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/detail/detailtool.h"

#include "store/fleethub.h"
#include "widgets/breakerlamp.h"
#include "widgets/detail/servicedetailview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include <QAction>

namespace jimini {

namespace {
// The tab shows the instance's level, greyed (stale) when there is no current document.
QIcon levelIcon(const InstanceRow& row) {
    return row.isCurrent() ? healthIcon(row.level) : staleIcon();
}

int levelKey(const InstanceRow& row) {
    return row.isCurrent() ? int(row.level) : -1;
}

int troubleScore(const InstanceRow& row) {
    int score = int(row.level) * 10;
    for (const PolicyRow& policy : row.policies) {
        if (policy.breakerState == BreakerState::Open || policy.breakerState == BreakerState::Isolated)
            score += 100;
        else if (policy.breakerState == BreakerState::HalfOpen)
            score += 50;
    }
    if (row.status != SourceStatus::Ok)
        score += 5;
    return score;
}
} // namespace

QWidget* DetailTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    FleetHub& hub = context.hub();
    connect(&context, &ConsoleContext::instanceActivated, this, [this](const QString& id) { open(id); });
    connect(&hub, &FleetHub::rowsChanged, this, [this](const QVector<InstanceRow>& rows) {
        for (const InstanceRow& row : rows) {
            ServiceDetailView* page = view(row.endpointId);
            if (!page)
                continue;
            page->setRow(row);
            if (page->property("levelKey").toInt() != levelKey(row)) {
                page->setProperty("levelKey", levelKey(row));
                m_context->host().setPageIcon(page, levelIcon(row));
            }
        }
    });
    connect(&hub, &FleetHub::rowsRemoved, this, [this](const QStringList& ids) {
        for (const QString& id : ids) {
            if (ServiceDetailView* page = view(id))
                m_context->host().closePage(page);
        }
    });
    m_open = new QAction(tr("Open &detail"), this);
    m_open->setShortcut(QKeySequence(tr("Ctrl+D")));
    connect(m_open, &QAction::triggered, this, [this] { open(m_context->currentEndpoint()); });
    return nullptr;
}

QList<ToolAction> DetailTool::actions() const {
    return {{ToolAction::viewMenu(), m_open}};
}

ServiceDetailView* DetailTool::open(const QString& endpointId) {
    ToolHost& host = m_context->host();
    if (ServiceDetailView* page = view(endpointId)) {
        host.showPage(page);
        return page;
    }
    const auto row = m_context->hub().rows().constFind(endpointId);
    if (row == m_context->hub().rows().cend())
        return nullptr;
    auto* page = new ServiceDetailView(m_context->hub().store(), m_context->hub().clock());
    page->setAccessibleName(tr("Detail of %1").arg(row->instance));
    page->setRow(*row);
    m_views.insert(endpointId, page);
    connect(page, &QObject::destroyed, this, [this, endpointId, page] {
        if (m_views.value(endpointId) == page)
            m_views.remove(endpointId);
    });
    page->setProperty("levelKey", levelKey(*row));
    host.addPage(page, levelIcon(*row), row->instance.isEmpty() ? endpointId : row->instance, endpointId);
    host.showPage(page);
    return page;
}

QString DetailTool::mostTroubled() const {
    QString best;
    int bestScore = -1;
    const FleetHub& hub = m_context->hub();
    for (const ServiceEndpoint& endpoint : hub.endpoints()) {
        const auto row = hub.rows().constFind(endpoint.id());
        if (row == hub.rows().cend())
            continue;
        if (const int score = troubleScore(*row); score > bestScore) {
            bestScore = score;
            best = endpoint.id();
        }
    }
    return best;
}

} // namespace jimini
