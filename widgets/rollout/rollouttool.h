// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

class QAction;

namespace jimini {

class RolloutView;

// Staged config rollout as a page: the services come from the fleet (an instance's group, or its
// document's service), the rollout runs on the window's clock and control network and is recorded in its
// audit store. Config > Roll out to this service... opens the page on the service of the instance in view.
// Closing the window mid-rollout (CloseGate) aborts it and waits for the rollback.
class RolloutTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("rollout"); }
    QString title() const override { return tr("Rollout"); }
    Placement placement() const override { return Placement::Page; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;
    // A rollout in flight: closing aborts it and rolls it back, in reverse, to the old config everywhere.
    QStringList pendingWork() const override;
    void windDown() override;
    std::chrono::milliseconds windDownBudget() const override;

    RolloutView* view() const noexcept { return m_view; }

private:
    void refreshServices();

    ConsoleContext* m_context = nullptr;
    RolloutView* m_view = nullptr;
    QAction* m_open = nullptr;
};

} // namespace jimini
