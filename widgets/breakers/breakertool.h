// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/controlclient.h"
#include "widgets/tools/consoletool.h"

#include <QPointer>

class QAction;

namespace jimini {

class BreakerResultsDialog;
class FleetBreakerAction;

// Manual breaker control of what the operator has in view: the instance in detail, a fleet row, a group
// row (every instance of the service) or a multi-selection (ConsoleContext::selectedEndpoints). The
// Breaker menu (isolate, disable, return to automatic) opens BreakerDialog; the action runs on every
// instance at once (FleetBreakerAction, recorded in the audit store). One instance: the status bar says
// its answer (instance, policy, new state, TTL, the service's words), a refusal as a warning. Several: a
// results view lists each one, with "Retry failed". The new state is the services' answer.
class BreakerTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("breakers"); }
    QString title() const override { return tr("Breaker control"); }
    Placement placement() const override { return Placement::None; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;

    // The last group action's results view (null before one, or once closed).
    BreakerResultsDialog* resultsDialog() const;

private:
    QAction* makeAction(const QString& icon, const QString& text, const QString& shortcut,
                        ControlClient::BreakerCommand command);
    void change(ControlClient::BreakerCommand command);
    void reportSingle(const FleetBreakerAction& action);

    ConsoleContext* m_context = nullptr;
    QList<QAction*> m_actions;
    QPointer<BreakerResultsDialog> m_results;
};

} // namespace jimini
