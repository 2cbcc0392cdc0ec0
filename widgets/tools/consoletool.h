// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>

class QAction;
class QSettings;
class QWidget;

namespace jimini {

class ConsoleContext;

// A menu entry a tool contributes, in the tools' registry order. The window owns the standard menus
// ("file", "view", "help"); any other menu id is made on first use, between View and Help, with the
// title given. A separator is a QAction with isSeparator().
struct ToolAction {
    ToolAction(QString menu, QAction* entry, QString title = {})
        : menuId(std::move(menu))
        , action(entry)
        , menuTitle(std::move(title)) {}

    QString menuId;
    QAction* action = nullptr;
    QString menuTitle; // translated, for a menu that is not a standard one

    static QString fileMenu() { return QStringLiteral("file"); }
    static QString viewMenu() { return QStringLiteral("view"); }
};

// One feature of the console as the main window sees it (the way GammaRay's tool factories and hotspot's
// pages are): the tool builds its own widget from the context, subscribes its models to the hub itself,
// and hands the window menu entries. The window never learns what a tool shows. Tools live on the UI
// thread, made once per window from the ToolRegistry, in registry order.
class ConsoleTool : public QObject {
    Q_OBJECT
public:
    enum class Placement : quint8 {
        Page,       // a tab of the central area (the first page is the one that stays)
        BottomDock, // a dock under the pages, toggled from the View menu
        None,       // actions only (workspace, breaker control)
    };

    using QObject::QObject;
    ~ConsoleTool() override;

    virtual QString id() const = 0; // stable: names the dock in the saved layout
    virtual QString title() const = 0;
    virtual QIcon icon() const { return {}; }
    virtual Placement placement() const = 0;

    // Builds the widget (null for Placement::None) and wires it; called once, before actions().
    virtual QWidget* createWidget(ConsoleContext& context) = 0;
    virtual QList<ToolAction> actions() const { return {}; }

    // The tool's part of the remembered layout (column widths, ranges), read after createWidget.
    virtual void saveSettings(QSettings& settings) const;
    virtual void restoreSettings(const QSettings& settings);

    // Work that closing the window must wind down first (a rollout in flight, faults a live replay
    // injected): one translated line per piece, for the operator's question; empty when the tool can close
    // at once. See CloseGate.
    virtual QStringList pendingWork() const { return {}; }
    // Starts winding that work down (roll back, clear faults) and emits windDownFinished() once it is
    // done, whatever the outcome (it may emit before returning). The default has nothing to wind down.
    virtual void windDown();
    // How long winding down may take at worst (a rollback's requests, each with its timeout); the gate
    // waits for the longest of the busy tools', and at least its own deadline.
    virtual std::chrono::milliseconds windDownBudget() const { return {}; }

signals:
    void windDownFinished();
};

} // namespace jimini
