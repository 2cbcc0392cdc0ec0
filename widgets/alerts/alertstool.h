// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

namespace jimini {

class AlertsModel;
class AlertsPanel;

// The alerts dock: every alert of every instance, raised and resolved as the hub's rows change, with
// a notification for each new one.
class AlertsTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("alerts"); }
    QString title() const override { return tr("Alerts"); }
    Placement placement() const override { return Placement::BottomDock; }
    QWidget* createWidget(ConsoleContext& context) override;

    AlertsModel* model() const noexcept { return m_model; }
    AlertsPanel* panel() const noexcept { return m_panel; }

private:
    AlertsModel* m_model = nullptr;
    AlertsPanel* m_panel = nullptr;
};

} // namespace jimini
