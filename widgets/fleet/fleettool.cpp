// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/fleet/fleettool.h"

#include "runtime/consoleclock.h"
#include "store/fleethub.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/fleet/fleetstatuslabel.h"
#include "widgets/fleet/fleetview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include <QAction>
#include <QDateTime>
#include <QLabel>
#include <QSettings>

namespace jimini {

namespace {
const QString kColumnsKey = QStringLiteral("window/fleetColumns");
}

QWidget* FleetTool::createWidget(ConsoleContext& context) {
    FleetHub& hub = context.hub();
    m_model = new FleetModel(this);
    m_model->setWallClock([&hub] { return hub.clock()->wallNow(); });
    m_view = new FleetView(m_model);
    m_view->setAccessibleName(tr("Fleet overview"));
    connect(&hub, &FleetHub::rowsChanged, m_model, &FleetModel::applyRows);
    connect(&hub, &FleetHub::rowsRemoved, m_model, qOverload<const QStringList&>(&FleetModel::removeRows));
    connect(m_view, &FleetView::instanceActivated, &context, &ConsoleContext::activateInstance);

    m_counts = new FleetStatusLabel;
    m_updated = new QLabel;
    m_updated->setAccessibleName(tr("Last update"));
    connect(&hub, &FleetHub::countsChanged, m_counts, &FleetStatusLabel::setCounts);
    connect(&hub, &FleetHub::rowsChanged, m_updated, [this, &hub] {
        const QDateTime now = hub.clock()->wallNow().toLocalTime();
        m_updated->setText(tr("Updated %1").arg(now.toString(QStringLiteral("HH:mm:ss"))));
    });
    context.host().addStatusWidget(m_counts);
    context.host().addStatusWidget(m_updated);

    m_show = new QAction(icon(), tr("&Fleet overview"), this);
    m_show->setShortcut(QKeySequence(tr("Ctrl+0")));
    connect(m_show, &QAction::triggered, this, [this, &context] { context.host().showPage(m_view); });
    return m_view;
}

QList<ToolAction> FleetTool::actions() const {
    return {{ToolAction::viewMenu(), m_show}};
}

void FleetTool::saveSettings(QSettings& settings) const {
    settings.setValue(kColumnsKey, m_view->saveState());
}

void FleetTool::restoreSettings(const QSettings& settings) {
    m_view->restoreState(settings.value(kColumnsKey).toByteArray());
}

} // namespace jimini
