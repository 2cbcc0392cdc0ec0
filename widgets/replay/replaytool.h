// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

namespace jimini {

class ReplayView;

// Scenario replay as a page: edit a failure scenario, replay it on simulated time against one to three
// configs (profiles, files, the config editor's draft), watch the timelines side by side and open the
// winner in the config editor. The page's transport plays on the window's clock.
class ReplayTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("replay"); }
    QString title() const override { return tr("Replay"); }
    Placement placement() const override { return Placement::Page; }
    QWidget* createWidget(ConsoleContext& context) override;

    ReplayView* view() const noexcept { return m_view; }

private:
    ReplayView* m_view = nullptr;
};

} // namespace jimini
