// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/serviceendpoint.h"
#include "widgets/tools/consoletool.h"

#include <QList>

class QAction;
class QLabel;

namespace jimini {

class RemovalUndo;

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
    // keepHistory: their series stay, for an undo (RemovalUndo drops them when its offer ends).
    void removeEndpoints(const QStringList& endpointIds, bool keepHistory = false);
    // Removes the fleet's selection (a group row: every instance of it) and offers to undo it.
    void removeSelected();
    RemovalUndo* removalUndo() const noexcept { return m_removalUndo; }
    // Makes the workspace the file's: instances in both stay, with their history, acknowledgements and
    // detail tabs, the others come and go; the status bar says what changed until the next message. On an
    // error (*error names the file and what is wrong) the workspace stays as it was.
    bool open(const QString& path, QString* error);
    // Writes the workspace to path, with ".json" added when path has no extension, and says where.
    bool save(const QString& path, QString* error);
    // Services added, removed or changed since the workspace was last opened or saved.
    bool hasUnsavedChanges() const;
    QString path() const { return m_path; }
    void setRemember(bool remember) { m_remember = remember; }
    static QString rememberedPath(); // the workspace of the last run; empty when none

private:
    QAction* makeAction(const QString& text, const QKeySequence& shortcut, void (WorkspaceTool::*slot)());
    void addByUrl();
    void importList();
    void openDialog();
    void chooseAndOpen();
    void saveDialog();
    void remember(const QString& path);
    void loadTokens(const QList<ServiceEndpoint>& endpoints);
    void updateKeychainNotice();
    void announce(const QString& message);

    ConsoleContext* m_context = nullptr;
    QList<QAction*> m_actions;
    QLabel* m_keychainNotice = nullptr;
    RemovalUndo* m_removalUndo = nullptr;
    QLabel* m_notice = nullptr; // what the last open or save did; stays when alerts take the messages
    QString m_path;
    QList<ServiceEndpoint> m_saved; // as last opened or saved
    bool m_remember = true;
};

} // namespace jimini
