// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/fleethub.h"
#include "widgets/tools/consoletool.h"
#include "widgets/tools/toolhost.h"

#include <QHash>
#include <QMainWindow>

#include <memory>
#include <vector>

class QActionGroup;
class QMenu;
class QSystemTrayIcon;
class QTabWidget;

namespace jimini {

class AuditStore;
class CloseGate;
class ConsoleContext;
class ConsoleSecrets;
class ControlService;
class HelpMenu;
class ToolRegistry;

// The console's window hosts tools and knows none of them: the first page tool in the middle (other
// pages open beside it as tabs), dock tools below, menus built from the tools' actions, the status bar,
// the tray, the layout and the theme. Every tool gets the same ConsoleContext (the hub, the control
// service, the audit store, the secret store, this window as its ToolHost).
class MainWindow final : public QMainWindow, private ToolHost {
    Q_OBJECT
public:
    enum class Theme : quint8 { System, Light, Dark };

    explicit MainWindow(QWidget* parent = nullptr); // the console's own tools (consoletools.h), live
    // hubOptions: the view's clock (simulated for replay), its sources and sinks.
    explicit MainWindow(const ToolRegistry& tools, FleetHub::Options hubOptions = {},
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    ConsoleContext& context() const noexcept { return *m_context; }
    FleetHub& hub() const noexcept { return *m_hub; }
    CloseGate& closeGate() const noexcept { return *m_closeGate; }
    ConsoleTool* tool(const QString& id) const;
    template <class Tool> Tool* tool() const {
        for (const auto& candidate : m_tools) {
            if (auto* found = qobject_cast<Tool*>(candidate.get()))
                return found;
        }
        return nullptr;
    }

    void setTheme(Theme theme);
    Theme theme() const { return m_theme; }

    // Renders the window as it is now; false with *error when the file cannot be written.
    bool saveScreenshot(const QString& path, QString* error);

    HelpMenu* helpMenu() const { return m_help; }
    QAction* closeTabAction() const { return m_closeTab; }

    void restoreLayout(); // geometry, docks, the tools' settings, theme from QSettings
    void saveLayout() const;
    // Without a remembered geometry: wide enough for every page's columns (the fleet's), tall enough to
    // read, within most of the available screen, centred on it.
    void applyFirstStartGeometry();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void addPage(QWidget* page, const QIcon& icon, const QString& title, const QString& toolTip) override;
    void setPageIcon(QWidget* page, const QIcon& icon) override;
    void showPage(QWidget* page) override;
    void closePage(QWidget* page) override;
    QWidget* currentPage() const override;
    void addStatusWidget(QWidget* widget) override;
    void showStatus(const QString& message, int timeoutMs) override;
    void notify(const QString& title, const QString& message) override;
    QWidget* dialogParent() override { return this; }

    void hostTool(ConsoleTool& tool);
    void buildMenus();
    void buildThemeMenu(QMenu* view);
    QMenu* menu(const QString& id, const QString& title);

    std::unique_ptr<FleetHub> m_hub; // outlives the tools and their widgets (see the destructor)
    std::unique_ptr<ControlService> m_control;
    std::unique_ptr<AuditStore> m_audit; // the default store; the console's --audit-db reopens another
    std::unique_ptr<ConsoleSecrets> m_secrets;
    std::unique_ptr<ConsoleContext> m_context;
    std::vector<std::unique_ptr<ConsoleTool>> m_tools;
    CloseGate* m_closeGate = nullptr;
    QTabWidget* m_tabs = nullptr;
    QHash<QString, QMenu*> m_menus;
    QSystemTrayIcon* m_tray = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    HelpMenu* m_help = nullptr;
    QAction* m_closeTab = nullptr;
    Theme m_theme = Theme::System;
};

} // namespace jimini
