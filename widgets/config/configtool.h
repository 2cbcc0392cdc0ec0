// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

class QAction;

namespace jimini {

class ConfigEditorView;

// The config editor as a page. Its targets are the fleet's instances with a control base; Config > Edit
// this instance's config... opens it on the instance in view and reads its live config. Pushes use the
// window's control network and are recorded in its audit store; drafts and pushed versions live under the
// application's data folder.
class ConfigTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("config"); }
    QString title() const override { return tr("Config"); }
    Placement placement() const override { return Placement::Page; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;

    ConfigEditorView* view() const noexcept { return m_view; }

private:
    void refreshTargets();

    ConsoleContext* m_context = nullptr;
    ConfigEditorView* m_view = nullptr;
    QAction* m_open = nullptr;
};

} // namespace jimini
