// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"
#include "widgets/tools/consoletool.h"

#include <QList>

class QAction;

namespace jimini {

// The set of services the console watches: the File menu's add, import and remove, and the workspace
// file, remembered in QSettings so that the next start reopens it.
class WorkspaceTool final : public ConsoleTool {
    Q_OBJECT
public:
    using ConsoleTool::ConsoleTool;

    QString id() const override { return QStringLiteral("workspace"); }
    QString title() const override { return tr("Workspace"); }
    Placement placement() const override { return Placement::None; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;

    void addEndpoints(const QList<ServiceEndpoint>& endpoints);
    void removeEndpoints(const QStringList& endpointIds);
    // Replaces every endpoint with the file's; on an error (*error names the file and what is wrong)
    // the workspace stays as it was.
    bool open(const QString& path, QString* error);
    bool save(const QString& path, QString* error);
    QString path() const { return m_path; }
    void setRemember(bool remember) { m_remember = remember; }
    static QString rememberedPath(); // the workspace of the last run; empty when none

private:
    QAction* makeAction(const QString& text, const QKeySequence& shortcut, void (WorkspaceTool::*slot)());
    void addByUrl();
    void importList();
    void removeSelected();
    void openDialog();
    void saveDialog();
    void remember(const QString& path);

    ConsoleContext* m_context = nullptr;
    QList<QAction*> m_actions;
    QString m_path;
    bool m_remember = true;
};

} // namespace jimini
