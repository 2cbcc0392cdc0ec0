// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlclient.h"
#include "widgets/tools/consoletool.h"

class QAction;

namespace jimini {

struct ControlResult;
struct ServiceEndpoint;

// Manual breaker control of the instance in view: the Breaker menu (isolate, disable, return to
// automatic), a dialog for the policy, reason and time-to-live, and the service's answer in the status
// bar or a warning. The new state shows when the service reports it, not when the console asked.
class BreakerTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("breakers"); }
    QString title() const override { return tr("Breaker control"); }
    Placement placement() const override { return Placement::None; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;

private:
    QAction* makeAction(const QString& icon, const QString& text, const QString& shortcut,
                        ControlClient::BreakerCommand command);
    void change(ControlClient::BreakerCommand command);
    void onResult(const ServiceEndpoint& endpoint, const ControlResult& result);

    ConsoleContext* m_context = nullptr;
    QList<QAction*> m_actions;
};

} // namespace jimini
