// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/config/configtool.h"

#include "widgets/config/configeditorview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include "control/auditstore.h"
#include "control/confighistory.h"
#include "control/controlservice.h"
#include "control/draftstore.h"
#include "store/fleethub.h"

#include <QAction>

namespace jimini {

QWidget* ConfigTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    m_view = new ConfigEditorView(context.control().network(), &context.audit(), DraftStore::defaultDir(),
                                  ConfigHistory::defaultDir());
    connect(m_view, &ConfigEditorView::statusMessage, this,
            [this](const QString& message) { m_context->host().showStatus(message, 10000); });
    connect(&context.hub(), &FleetHub::rowsChanged, this, &ConfigTool::refreshTargets);
    connect(&context.hub(), &FleetHub::rowsRemoved, this, &ConfigTool::refreshTargets);
    m_open = new QAction(tr("&Edit this instance's config..."), this);
    m_open->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(m_open, &QAction::triggered, this, [this] {
        refreshTargets();
        const QString current = m_context->currentEndpoint();
        m_context->host().showPage(m_view);
        if (!current.isEmpty()) {
            m_view->selectTarget(current);
            m_view->loadLive();
        }
    });
    connect(m_view, &ConfigEditorView::draftChanged, this, [this] {
        const ConfigDraft& draft = m_view->draft();
        m_context->publishEditorDraft(
            EditorDraft{tr("Editor draft (from %1)").arg(draft.origin), draft.text});
    });
    connect(&context, &ConsoleContext::configEditRequested, this,
            [this](const QString& label, const QByteArray& json) {
                m_view->startFromText(json, label);
                m_context->host().showPage(m_view);
            });
    refreshTargets();
    return m_view;
}

QList<ToolAction> ConfigTool::actions() const {
    return {{QStringLiteral("config"), m_open, tr("&Config")}};
}

void ConfigTool::refreshTargets() {
    QList<ServiceEndpoint> targets;
    for (const ServiceEndpoint& endpoint : m_context->hub().endpoints())
        if (endpoint.apiBase())
            targets.append(endpoint);
    m_view->setTargets(targets);
}

} // namespace jimini
