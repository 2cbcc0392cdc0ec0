// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

class QAction;
class QLabel;

namespace jimini {

class FleetModel;
class FleetStatusLabel;
class FleetView;

// The fleet overview: the first page, a row per instance under its service, and the connection counts in
// the status bar. Its model follows the hub by itself.
class FleetTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("fleet"); }
    QString title() const override { return tr("Fleet"); }
    QIcon icon() const override { return QIcon(QStringLiteral(":/icons/health-healthy.svg")); }
    Placement placement() const override { return Placement::Page; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(const QSettings& settings) override;

    FleetModel* model() const noexcept { return m_model; }
    FleetView* view() const noexcept { return m_view; }

private:
    FleetModel* m_model = nullptr;
    FleetView* m_view = nullptr;
    FleetStatusLabel* m_counts = nullptr;
    QLabel* m_updated = nullptr;
    QAction* m_show = nullptr;
};

} // namespace jimini
