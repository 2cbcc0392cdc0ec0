// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

namespace jimini {

class EventLogModel;
class EventLogView;

// The event log dock: breaker transitions, control actions and connection changes of the whole fleet,
// in the order the hub delivers them.
class EventLogTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("events"); }
    QString title() const override { return tr("Event log"); }
    Placement placement() const override { return Placement::BottomDock; }
    QWidget* createWidget(ConsoleContext& context) override;

    EventLogModel* model() const noexcept { return m_model; }
    EventLogView* view() const noexcept { return m_view; }

private:
    EventLogModel* m_model = nullptr;
    EventLogView* m_view = nullptr;
};

} // namespace jimini
