// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/eventlog/eventlogtool.h"

#include "store/fleethub.h"
#include "widgets/eventlog/eventlogmodel.h"
#include "widgets/eventlog/eventlogview.h"
#include "widgets/tools/consolecontext.h"

namespace jimini {

QWidget* EventLogTool::createWidget(ConsoleContext& context) {
    m_model = new EventLogModel(this);
    m_view = new EventLogView(m_model);
    m_view->setAccessibleName(tr("Event log"));
    connect(&context.hub(), &FleetHub::eventsArrived, m_model, &EventLogModel::append);
    connect(m_view, &EventLogView::instanceActivated, &context, &ConsoleContext::activateInstance);
    return m_view;
}

} // namespace jimini
