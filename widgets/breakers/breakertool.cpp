// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/breakers/breakertool.h"

#include "control/controlservice.h"
#include "net/controlresult.h"
#include "store/fleethub.h"
#include "widgets/breakers/breakerdialog.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include <QAction>
#include <QMessageBox>

namespace jimini {

QWidget* BreakerTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    using Command = ControlClient::BreakerCommand;
    m_actions << makeAction(QStringLiteral("isolated"), tr("&Isolate..."), tr("Ctrl+Shift+I"),
                            Command::Isolate);
    m_actions << makeAction(QStringLiteral("disabled"), tr("&Disable..."), tr("Ctrl+Shift+D"),
                            Command::Disable);
    m_actions << makeAction(QStringLiteral("closed"), tr("Return to &automatic..."), tr("Ctrl+Shift+A"),
                            Command::Auto);
    connect(&context.control(), &ControlService::breakerResult, this, &BreakerTool::onResult);
    return nullptr;
}

QList<ToolAction> BreakerTool::actions() const {
    QList<ToolAction> entries;
    for (QAction* action : m_actions)
        entries.append({QStringLiteral("breaker"), action, tr("&Breaker")});
    return entries;
}

QAction* BreakerTool::makeAction(const QString& icon, const QString& text, const QString& shortcut,
                                 ControlClient::BreakerCommand command) {
    auto* action = new QAction(QIcon(QStringLiteral(":/icons/breaker-%1.svg").arg(icon)), text, this);
    action->setShortcut(QKeySequence(shortcut));
    connect(action, &QAction::triggered, this, [this, command] { change(command); });
    return action;
}

void BreakerTool::change(ControlClient::BreakerCommand command) {
    ToolHost& host = m_context->host();
    const QString id = m_context->currentEndpoint();
    const auto row = m_context->hub().rows().constFind(id);
    const std::optional<ServiceEndpoint> endpoint = m_context->endpoint(id);
    if (id.isEmpty() || row == m_context->hub().rows().cend() || !endpoint) {
        host.showStatus(tr("Select an instance first"), 4000);
        return;
    }
    QStringList policies;
    for (const PolicyRow& policy : row->policies) {
        if (policy.breakerState)
            policies << policy.name;
    }
    const QString instance = row->instance; // the dialog's event loop may deliver new rows
    BreakerDialog dialog(instance, command, policies, host.dialogParent());
    if (dialog.exec() != QDialog::Accepted)
        return;
    std::optional<double> ttl;
    if (dialog.ttlSeconds() > 0)
        ttl = dialog.ttlSeconds();
    m_context->control().setBreakerState(*endpoint, dialog.policy(), command, dialog.reason(), ttl);
    host.showStatus(tr("Sending %1 to %2...").arg(ControlClient::toString(command), instance), 0);
}

void BreakerTool::onResult(const ServiceEndpoint&, const ControlResult& result) {
    if (result.ok)
        m_context->host().showStatus(tr("Breaker changed"), 5000);
    else
        QMessageBox::warning(m_context->host().dialogParent(), tr("Breaker"), result.reason);
}

} // namespace jimini
