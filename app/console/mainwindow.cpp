// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/mainwindow.h"

#include "console/consoletools.h"
#include "console/helpmenu.h"

#include "control/auditstore.h"
#include "control/controlservice.h"
#include "runtime/consoleclock.h"
#include "secrets/consolesecrets.h"
#include "widgets/palette.h"
#include "widgets/tools/closegate.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolregistry.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QPixmap>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>

namespace jimini {

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(consoleTools(), {}, parent) {}

MainWindow::MainWindow(const ToolRegistry& tools, FleetHub::Options hubOptions, QWidget* parent)
    : QMainWindow(parent)
    , m_hub(std::make_unique<FleetHub>(std::move(hubOptions)))
    , m_control(std::make_unique<ControlService>())
    , m_audit(AuditStore::openDefault())
    // Tests (QStandardPaths' test mode) keep their tokens apart from the operator's.
    , m_secrets(std::make_unique<ConsoleSecrets>(QStandardPaths::isTestModeEnabled()
                                                     ? QStringLiteral("jimini-console-test")
                                                     : QStringLiteral("jimini-console")))
    , m_context(std::make_unique<ConsoleContext>(*m_hub, *m_control, *m_audit, *m_secrets,
                                                 static_cast<ToolHost&>(*this)))
    , m_tools(tools.createTools())
    , m_tabs(new QTabWidget(this)) {
    setWindowTitle(tr("Jimini Resilience Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/breaker-closed.svg")));
    setObjectName(QStringLiteral("mainWindow"));
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_tabs->setAccessibleName(tr("Fleet and service details"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this,
            [this](int index) { closePage(m_tabs->widget(index)); });
    setCentralWidget(m_tabs);
    for (const auto& tool : m_tools)
        hostTool(*tool);
    buildMenus();
    m_closeGate = new CloseGate(
        this,
        [this] {
            QList<ConsoleTool*> tools;
            for (const auto& tool : m_tools)
                tools.append(tool.get());
            return tools;
        },
        m_hub->clock()->scheduler(), this);
    connect(m_closeGate, &CloseGate::statusChanged, this,
            [this](const QString& message) { showStatus(message, 0); });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(windowTitle());
        m_tray->show();
    }
}

MainWindow::~MainWindow() {
    // The tools' widgets show the tools' models and the hub's store: they go first, then the tools; the
    // hub goes last, with the members. The close gate waits on the hub's clock: it goes before the hub.
    delete m_closeGate;
    qDeleteAll(findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly));
    delete m_tabs;
    m_tools.clear();
}

ConsoleTool* MainWindow::tool(const QString& id) const {
    for (const auto& candidate : m_tools) {
        if (candidate->id() == id)
            return candidate.get();
    }
    return nullptr;
}

void MainWindow::hostTool(ConsoleTool& tool) {
    QWidget* widget = tool.createWidget(*m_context);
    if (!widget)
        return;
    if (tool.placement() == ConsoleTool::Placement::Page) {
        // Tool pages stay; only the pages tools open on demand (addPage) can be closed.
        const int index = m_tabs->addTab(widget, tool.icon(), tool.title());
        m_tabs->tabBar()->setTabButton(index, QTabBar::RightSide, nullptr);
        m_tabs->tabBar()->setTabButton(index, QTabBar::LeftSide, nullptr);
        return;
    }
    auto* dock = new QDockWidget(tool.title(), this);
    dock->setObjectName(tool.id() + QStringLiteral("Dock"));
    dock->setWidget(widget);
    const auto docks = findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    if (docks.size() > 1)
        splitDockWidget(docks[docks.size() - 2], dock, Qt::Horizontal);
}

QMenu* MainWindow::menu(const QString& id, const QString& title) {
    QMenu*& found = m_menus[id];
    if (!found)
        found = menuBar()->addMenu(title);
    return found;
}

void MainWindow::buildMenus() {
    QMenu* file = menu(ToolAction::fileMenu(), tr("&File"));
    QMenu* view = menu(ToolAction::viewMenu(), tr("&View"));
    for (const auto& tool : m_tools) {
        for (const ToolAction& entry : tool->actions())
            menu(entry.menuId, entry.menuTitle)->addAction(entry.action);
    }
    file->addSeparator();
    // Closes the current service detail (or any page a tool opened); the tools' own pages stay.
    // Ctrl+W whatever the platform's keyboard scheme (QKeySequence::Close is Ctrl+F4 alone on some).
    m_closeTab = file->addAction(tr("&Close tab"), this, [this] { closePage(m_tabs->currentWidget()); });
    m_closeTab->setShortcuts({QKeySequence(tr("Ctrl+W")), QKeySequence(tr("Ctrl+F4"))});
    const auto updateCloseTab = [this] {
        const int index = m_tabs->currentIndex();
        m_closeTab->setEnabled(index >= 0 && m_tabs->tabBar()->tabButton(index, QTabBar::RightSide));
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, updateCloseTab);
    updateCloseTab();
    file->addAction(tr("&Quit"), QKeySequence(tr("Ctrl+Q")), this, &QWidget::close);

    view->addSeparator();
    int key = 1;
    for (QDockWidget* dock : findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly)) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(tr("Ctrl+Shift+%1").arg(key++)));
        view->addAction(toggle);
    }
    view->addSeparator();
    buildThemeMenu(view);

    m_help = new HelpMenu(this, menu(QStringLiteral("help"), tr("&Help")));
}

void MainWindow::buildThemeMenu(QMenu* view) {
    QMenu* themes = view->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const struct {
        QString text;
        const char* shortcut;
        Theme theme;
    } entries[] = {{tr("Follow &system"), "Ctrl+Alt+S", Theme::System},
                   {tr("&Light"), "Ctrl+Alt+L", Theme::Light},
                   {tr("&Dark"), "Ctrl+Alt+K", Theme::Dark}};
    for (const auto& entry : entries) {
        QAction* action = themes->addAction(entry.text);
        action->setShortcut(QKeySequence(QString::fromLatin1(entry.shortcut)));
        action->setCheckable(true);
        action->setData(int(entry.theme));
        action->setChecked(entry.theme == m_theme);
        m_themeGroup->addAction(action);
        const Theme theme = entry.theme;
        connect(action, &QAction::triggered, this, [this, theme] { setTheme(theme); });
    }
}

void MainWindow::addPage(QWidget* page, const QIcon& icon, const QString& title, const QString& toolTip) {
    const int index = m_tabs->addTab(page, icon, title);
    m_tabs->setTabToolTip(index, toolTip);
}

void MainWindow::setPageIcon(QWidget* page, const QIcon& icon) {
    if (const int index = m_tabs->indexOf(page); index >= 0)
        m_tabs->setTabIcon(index, icon);
}

void MainWindow::showPage(QWidget* page) {
    if (m_tabs->indexOf(page) >= 0)
        m_tabs->setCurrentWidget(page);
}

void MainWindow::closePage(QWidget* page) {
    const int index = m_tabs->indexOf(page);
    if (index < 0 || !m_tabs->tabBar()->tabButton(index, QTabBar::RightSide))
        return; // not a page, or a tool's own page, which stays
    m_tabs->removeTab(index);
    delete page;
}

QWidget* MainWindow::currentPage() const {
    return m_tabs->currentWidget();
}

void MainWindow::addStatusWidget(QWidget* widget) {
    statusBar()->addPermanentWidget(widget);
}

void MainWindow::showStatus(const QString& message, int timeoutMs) {
    statusBar()->showMessage(message, timeoutMs);
}

void MainWindow::notify(const QString& title, const QString& message) {
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 8000);
    else
        showStatus(QStringLiteral("%1: %2").arg(title, message.section(QLatin1Char('\n'), 0, 0)), 8000);
}

void MainWindow::setTheme(Theme theme) {
    m_theme = theme;
    const QPalette palette = theme == Theme::Dark    ? Palette::dark()
                             : theme == Theme::Light ? Palette::light()
                                                     : Palette::forSystem();
    QApplication::setPalette(palette);
    for (QAction* action : m_themeGroup->actions())
        action->setChecked(action->data().toInt() == int(theme));
}

bool MainWindow::saveScreenshot(const QString& path, QString* error) {
    const QPixmap pixmap = grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

void MainWindow::restoreLayout() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        applyFirstStartGeometry();
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    for (const auto& tool : m_tools)
        tool->restoreSettings(settings);
    setTheme(Theme(settings.value(QStringLiteral("window/theme"), int(Theme::System)).toInt()));
}

void MainWindow::applyFirstStartGeometry() {
    const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize most(available.width() * 9 / 10, available.height() * 9 / 10);
    const QSize wanted = sizeHint().expandedTo(QSize(0, available.height() * 4 / 5));
    QRect frame(QPoint(), wanted.boundedTo(most));
    frame.moveCenter(available.center());
    setGeometry(frame);
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    for (const auto& tool : m_tools)
        tool->saveSettings(settings);
    settings.setValue(QStringLiteral("window/theme"), int(m_theme));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_closeGate->allowsClose()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
    // The system switched between light and dark: follow it unless the user chose one.
    if (event->type() == QEvent::ThemeChange && m_theme == Theme::System)
        QApplication::setPalette(Palette::forSystem());
    QMainWindow::changeEvent(event);
}

} // namespace jimini
