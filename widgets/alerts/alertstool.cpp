// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/alerts/alertstool.h"

#include "control/auditstore.h"
#include "runtime/consoleclock.h"
#include "store/fleethub.h"
#include "widgets/alerts/alertsmodel.h"
#include "widgets/alerts/alertspanel.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

namespace jimini {

QWidget* AlertsTool::createWidget(ConsoleContext& context) {
    FleetHub& hub = context.hub();
    m_model = new AlertsModel(this);
    m_panel = new AlertsPanel(m_model);
    m_panel->setAccessibleName(tr("Alerts"));
    m_model->setAcknowledger([&context] { return context.audit().operatorName(); },
                             [&hub] { return hub.clock()->wallNow(); });
    connect(&hub, &FleetHub::rowsChanged, m_model, [this, &hub](const QVector<InstanceRow>& rows) {
        m_model->applyRows(rows, hub.clock()->wallNow());
    });
    connect(&hub, &FleetHub::rowsRemoved, m_model, qOverload<const QStringList&>(&AlertsModel::removeRows));
    connect(m_panel, &AlertsPanel::newAlert, this,
            [&context](const QString& title, const QString& message, AlertLevel) {
                context.host().notify(title, message);
            });
    connect(m_panel, &AlertsPanel::instanceActivated, &context, &ConsoleContext::activateInstance);
    return m_panel;
}

} // namespace jimini
