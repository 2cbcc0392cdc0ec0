// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"
#include "widgets/tools/consoletool.h"

#include <QList>

class QAction;
class QLabel;

namespace jimini {

// The set of services the console watches: the File menu's add, import and remove, and the workspace
// file, remembered in QSettings so that the next start reopens it. A token typed for a service (when it is
// added) goes to the console's secret store, never to the workspace file; each service added without a
// token file gets its token back from that store. Where the store is memory (no keychain), the status bar
// says so.
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
    // Holds token for the endpoint (after the token file's checks) and writes it to the secret store; false
    // with *error (naming the endpoint, never quoting the token) when the token is refused.
    bool setToken(const QString& endpointId, const QByteArray& token, QString* error);
    QLabel* keychainNotice() const noexcept { return m_keychainNotice; }
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
    void loadTokens(const QList<ServiceEndpoint>& endpoints);
    void updateKeychainNotice();

    ConsoleContext* m_context = nullptr;
    QList<QAction*> m_actions;
    QLabel* m_keychainNotice = nullptr;
    QString m_path;
    bool m_remember = true;
};

} // namespace jimini
