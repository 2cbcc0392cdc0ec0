// SPDX-License-Identifier: GPL-3.0-or-later
// The window without agents: actions, shortcuts, accessible names, workspace round trip, themes, options.
#include "console/consoleoptions.h"
#include "console/helpmenu.h"
#include "console/legenddialog.h"
#include "console/mainwindow.h"
#include "console/shortcutsdialog.h"
#include "store/fleethub.h"
#include "support/spawnedprocess.h"
#include "widgets/alerts/alertstool.h"
#include "widgets/eventlog/eventlogtool.h"
#include "widgets/fleet/fleetemptyhint.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"
#include "widgets/workspace/workspacetool.h"

#include "support/consoletestsetup.h"
#include "widgets/alerts/alertspanel.h"
#include "widgets/eventlog/eventlogview.h"
#include "widgets/fleet/fleetview.h"
#include "widgets/palette.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QScreen>
#include <QShortcut>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace jimini;

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyActionHasAUniqueShortcut();
    void docksAndViewsHaveAccessibleNames();
    void workspaceRoundTrip();
    void themes();
    void firstStartShowsEveryFleetColumn();
    void secondStartRestoresTheSavedSize();
    void options_data();
    void options();
    void helpPrintsOptionsWithoutADisplay_data();
    void helpPrintsOptionsWithoutADisplay();
    void shortcutsListIsTheActionsOwn();
    void legendExplainsEveryColumnAndMark();
    void documentationOpensTheBundledDocs();
    void findFocusesTheFocusedPanesFilter();
    void closeTabClosesTheCurrentDetail();
    void emptyFleetHintNamesTheMenusShortcuts();
};

void tst_MainWindow::initTestCase() {
    initConsoleTest();
}

void tst_MainWindow::everyActionHasAUniqueShortcut() {
    MainWindow window;
    QSet<QString> seen;
    int count = 0;
    QList<QMenu*> menus;
    for (QAction* menu : window.menuBar()->actions())
        menus.append(menu->menu());
    while (!menus.isEmpty()) {
        for (QAction* action : menus.takeFirst()->actions()) {
            if (action->menu()) {
                menus.append(action->menu());
                continue;
            }
            if (action->isSeparator() || action->text() == QLatin1String("About &Qt"))
                continue;
            ++count;
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
            const QString key = action->shortcut().toString();
            QVERIFY2(!seen.contains(key), qPrintable(key));
            seen.insert(key);
        }
    }
    QCOMPARE(count, 25); // every tool's menu actions and the window's own (grows with the tools)
}

void tst_MainWindow::docksAndViewsHaveAccessibleNames() {
    MainWindow window;
    QCOMPARE(window.findChildren<QDockWidget*>().size(), 2);
    QCOMPARE(window.tool<AlertsTool>()->panel()->accessibleName(), QStringLiteral("Alerts"));
    QCOMPARE(window.tool<EventLogTool>()->view()->accessibleName(), QStringLiteral("Event log"));
    QCOMPARE(window.tool<FleetTool>()->view()->accessibleName(), QStringLiteral("Fleet overview"));
}

void tst_MainWindow::workspaceRoundTrip() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fleet.json"));
    QList<ServiceEndpoint> endpoints;
    for (int i = 0; i < 3; ++i) {
        ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(1 + i)); // nothing listens there
        endpoint.group = QStringLiteral("svc");
        endpoint.interval = std::chrono::milliseconds(500 + i);
        endpoints.append(endpoint);
    }
    {
        MainWindow window;
        window.tool<WorkspaceTool>()->addEndpoints(endpoints);
        QString error;
        QVERIFY2(window.tool<WorkspaceTool>()->save(path, &error), qPrintable(error));
        QCOMPARE(window.tool<WorkspaceTool>()->path(), path);
    }
    MainWindow window;
    QString error;
    QVERIFY2(window.tool<WorkspaceTool>()->open(path, &error), qPrintable(error));
    QCOMPARE(window.hub().endpoints(), endpoints);
    QCOMPARE(QSettings().value(QStringLiteral("workspace/last")).toString(), path);
    QVERIFY(!window.tool<WorkspaceTool>()->open(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(error.contains(QLatin1String("missing.json")));
    QCOMPARE(window.hub().endpoints(), endpoints); // a failed open leaves the workspace alone
}

void tst_MainWindow::themes() {
    MainWindow window;
    window.setTheme(MainWindow::Theme::Dark);
    QVERIFY(Palette::isDark(QApplication::palette()));
    window.setTheme(MainWindow::Theme::Light);
    QVERIFY(!Palette::isDark(QApplication::palette()));
    QCOMPARE(window.theme(), MainWindow::Theme::Light);
}

void tst_MainWindow::firstStartShowsEveryFleetColumn() {
    QSettings().remove(QStringLiteral("window/geometry"));
    MainWindow window;
    window.restoreLayout();
    const QRect available = window.screen()->availableGeometry();
    QTreeView* fleet = window.tool<FleetTool>()->view()->treeView();
    const int columns = fleet->header()->length();
    QVERIFY(columns > 1000); // every column at its width, more than Qt's default first size shows
    // What the window asks for holds every column, whatever this screen grants it.
    QVERIFY2(window.sizeHint().width() >= columns,
             qPrintable(QStringLiteral("%1 < %2").arg(window.sizeHint().width()).arg(columns)));
    // Every column, or most of the screen when the screen is narrower than the columns.
    QVERIFY2(window.width() >= std::min(columns + 20, available.width() * 85 / 100),
             qPrintable(QStringLiteral("%1 wide for %2 of columns on %3")
                            .arg(window.width())
                            .arg(columns)
                            .arg(available.width())));
    QVERIFY(window.width() <= available.width());
    QVERIFY(window.height() >= available.height() * 3 / 4);
    QVERIFY(window.height() <= available.height());
    QVERIFY(available.contains(window.geometry()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Shown, the fleet's viewport really holds the columns (when the screen does).
    if (columns + 60 < available.width() * 9 / 10)
        QVERIFY2(fleet->viewport()->width() >= columns,
                 qPrintable(QStringLiteral("%1 < %2").arg(fleet->viewport()->width()).arg(columns)));
}

void tst_MainWindow::secondStartRestoresTheSavedSize() {
    QSettings().remove(QStringLiteral("window/geometry"));
    QSize saved;
    {
        MainWindow window;
        window.restoreLayout();
        saved = window.minimumSizeHint() + QSize(40, 30); // not the first start's size
        window.resize(saved);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.close()); // what an operator's close does: the layout is saved
    }
    QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
    MainWindow window;
    window.restoreLayout();
    QCOMPARE(window.size(), saved);
}

void tst_MainWindow::options_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("demo");
    QTest::addColumn<QString>("screenshot");
    QTest::addColumn<double>("after");
    QTest::addColumn<int>("view");
    QTest::newRow("none") << QStringList{} << true << false << QString() << 5.0 << 0;
    QTest::newRow("demo shot") << QStringList{"--demo", "--screenshot", "a.png", "--after", "8"} << true
                               << true << "a.png" << 8.0 << 0;
    QTest::newRow("detail") << QStringList{"--screenshot", "b.png", "--view", "detail"} << true << false
                            << "b.png" << 5.0 << 1;
    QTest::newRow("bad view") << QStringList{"--view", "charts"} << false << false << QString() << 5.0 << 0;
    QTest::newRow("bad after") << QStringList{"--after", "-1"} << false << false << QString() << 5.0 << 0;
    QTest::newRow("positional") << QStringList{"extra"} << false << false << QString() << 5.0 << 0;
}

void tst_MainWindow::options() {
    QFETCH(QStringList, arguments);
    QFETCH(bool, ok);
    ConsoleOptions options;
    QString error;
    QCOMPARE(ConsoleOptions::parse(QStringList{"jimini-console"} + arguments, &options, &error), ok);
    QCOMPARE(error.isEmpty(), ok);
    if (!ok)
        return;
    QTEST(options.demo, "demo");
    QTEST(options.screenshot, "screenshot");
    QTEST(options.afterSeconds, "after");
    QTEST(int(options.view), "view");
}

void tst_MainWindow::helpPrintsOptionsWithoutADisplay_data() {
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("--help") << "--help"
                            << QStringList{"--demo",     "--workspace", "--screenshot", "--after",  "--view",
                                           "--interval", "--audit-db",  "--help",       "--version"};
    QTest::newRow("-h") << "-h" << QStringList{"--demo", "--workspace"};
    QTest::newRow("--version") << "--version" << QStringList{"jimini-console 0.1.0"};
}

void tst_MainWindow::helpPrintsOptionsWithoutADisplay() {
    QFETCH(QString, flag);
    QFETCH(QStringList, expected);
    const QString console =
        QCoreApplication::applicationDirPath() + QStringLiteral("/../app/console/jimini-console");
    QVERIFY2(QFile::exists(console), qPrintable(console));
    // No platform plugin named, no X or Wayland display: a QApplication would abort here.
    test::SpawnedProcess process;
    QString error;
    QVERIFY2(process.start(QStringLiteral("/usr/bin/env"),
                           {"-u", "QT_QPA_PLATFORM", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", console, flag},
                           &error),
             qPrintable(error));
    QVERIFY(process.waitForFinished(30000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(process.exitCode() == 0, qPrintable(QString::fromUtf8(process.readAllStandardError()) + out));
    for (const QString& words : expected)
        QVERIFY2(out.contains(words), qPrintable(words + QStringLiteral(" not in ") + out));
}

void tst_MainWindow::shortcutsListIsTheActionsOwn() {
    MainWindow window;
    window.helpMenu()->shortcutsAction()->trigger();
    ShortcutsDialog* dialog = window.helpMenu()->shortcutsDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    const auto listed = [dialog](const QString& keys, const QString& what) {
        for (int row = 0; row < dialog->list()->topLevelItemCount(); ++row) {
            const QTreeWidgetItem* item = dialog->list()->topLevelItem(row);
            if (item->text(0) == keys && item->text(1) == what)
                return true;
        }
        return false;
    };
    // Every menu action with a shortcut is listed with that shortcut.
    int actions = 0;
    QList<QMenu*> menus;
    for (QAction* menu : window.menuBar()->actions())
        menus.append(menu->menu());
    while (!menus.isEmpty()) {
        for (QAction* action : menus.takeFirst()->actions()) {
            if (action->menu())
                menus.append(action->menu());
            else if (!action->shortcut().isEmpty()) {
                ++actions;
                QString what = action->text().remove(QLatin1Char('&'));
                if (what.endsWith(QLatin1String("...")))
                    what.chop(3);
                QVERIFY2(listed(action->shortcut().toString(QKeySequence::NativeText), what),
                         qPrintable(what));
            }
        }
    }
    QVERIFY(actions >= 20);
    QVERIFY(listed(QStringLiteral("Ctrl+W"), QStringLiteral("Close tab")));
    QVERIFY(listed(QStringLiteral("Ctrl+F"),
                   QStringLiteral("Filter the fleet (when the fleet has the keyboard)")));
    QVERIFY(listed(QStringLiteral("Ctrl+F"),
                   QStringLiteral("Filter the events (when the event log has the keyboard)")));
    // A shortcut changed after the window was built shows as it is now: the list is read, not written.
    QAction* fleet = nullptr;
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text() == QLatin1String("&Fleet overview"))
                fleet = action;
    QVERIFY(fleet);
    fleet->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+F12")));
    window.helpMenu()->shortcutsAction()->trigger();
    QVERIFY(listed(QStringLiteral("Ctrl+Shift+F12"), QStringLiteral("Fleet overview")));
    QVERIFY(!listed(QStringLiteral("Ctrl+0"), QStringLiteral("Fleet overview")));
}

void tst_MainWindow::legendExplainsEveryColumnAndMark() {
    MainWindow window;
    window.helpMenu()->legendAction()->trigger();
    LegendDialog* dialog = window.helpMenu()->legendDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    const QString text = dialog->browser()->toPlainText();
    const FleetModel* model = window.tool<FleetTool>()->model();
    for (int column = 0; column < FleetColumn::Count; ++column)
        QVERIFY2(text.contains(model->headerData(column, Qt::Horizontal).toString()),
                 qPrintable(QString::number(column)));
    for (const char* words : {"10+5 of 16", "10 calls active + 5 queued of a capacity of 16", "40 of 100",
                              "stale", "failing", "a dash"})
        QVERIFY2(text.contains(QLatin1String(words)), words);
    for (BreakerLamp lamp : {BreakerLamp::Closed, BreakerLamp::HalfOpen, BreakerLamp::Open,
                             BreakerLamp::Isolated, BreakerLamp::Disabled}) {
        QVERIFY2(text.contains(breakerLampName(lamp)), qPrintable(breakerLampName(lamp)));
        // The lamp's picture is the one the fleet paints, not a missing image.
        const QVariant image = dialog->browser()->document()->resource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("legend:lamp-%1").arg(int(lamp))));
        QVERIFY(!image.value<QPixmap>().isNull());
    }
}

namespace {
// Receives what QDesktopServices would hand to the desktop.
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl& url) { urls.append(url); }
};
} // namespace

void tst_MainWindow::documentationOpensTheBundledDocs() {
    MainWindow window;
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
    QAction* docs = window.helpMenu()->documentationAction();
    QVERIFY(docs->isEnabled());
    docs->trigger();
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(catcher.urls.size(), 1);
    const QUrl url = catcher.urls.first();
    QVERIFY(url.isLocalFile());
    QVERIFY2(QFileInfo(url.toLocalFile()).isFile(), qPrintable(url.toString()));
    QCOMPARE(QFileInfo(url.toLocalFile()).fileName(), QStringLiteral("README.md"));
    QCOMPARE(QFileInfo(url.toLocalFile()).dir().dirName(), QStringLiteral("docs"));
}

void tst_MainWindow::findFocusesTheFocusedPanesFilter() {
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    FleetView* fleet = window.tool<FleetTool>()->view();
    EventLogView* events = window.tool<EventLogTool>()->view();
    auto* eventFilter = events->findChild<QLineEdit*>();
    auto* eventList = events->findChild<QTreeView*>();
    QVERIFY(eventFilter && eventList);
    QList<QShortcut*> finds;
    for (QShortcut* shortcut : window.findChildren<QShortcut*>())
        if (shortcut->key() == QKeySequence(QKeySequence::Find))
            finds.append(shortcut);
    QCOMPARE(finds.size(), 2);
    QSignalSpy ambiguous0(finds[0], &QShortcut::activatedAmbiguously);
    QSignalSpy ambiguous1(finds[1], &QShortcut::activatedAmbiguously);

    eventList->setFocus();
    QTRY_VERIFY(eventList->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(eventFilter->hasFocus());
    QVERIFY(!fleet->filterEdit()->hasFocus());

    fleet->treeView()->setFocus();
    QTRY_VERIFY(fleet->treeView()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(fleet->filterEdit()->hasFocus());

    // In a pane without a filter (the alerts), Ctrl+F takes no other pane's filter.
    QTreeView* alerts = window.tool<AlertsTool>()->panel()->treeView();
    alerts->setFocus();
    QTRY_VERIFY(alerts->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(alerts->hasFocus());
    QCOMPARE(ambiguous0.count() + ambiguous1.count(), 0);
    QVERIFY(fleet->filterEdit()->placeholderText().contains(QLatin1String("Ctrl+F in the fleet")));
    QVERIFY(eventFilter->placeholderText().contains(QLatin1String("Ctrl+F in the event log")));
}

void tst_MainWindow::closeTabClosesTheCurrentDetail() {
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    QVERIFY(tabs);
    const int toolPages = tabs->count();
    QAction* close = window.closeTabAction();
    QCOMPARE(close->shortcut(), QKeySequence(QStringLiteral("Ctrl+W")));
    QVERIFY(!close->isEnabled()); // the fleet page stays
    ToolHost& host = window.context().host();
    auto* detail = new QLabel(QStringLiteral("detail"));
    QPointer<QLabel> alive(detail);
    host.addPage(detail, QIcon(), QStringLiteral("svc-a"), QStringLiteral("svc-a"));
    host.showPage(detail);
    QCOMPARE(tabs->count(), toolPages + 1);
    QVERIFY(close->isEnabled());
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(tabs->count(), toolPages);
    QVERIFY(alive.isNull());
    // On a tool's own page, Ctrl+W closes nothing.
    QVERIFY(!close->isEnabled());
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(tabs->count(), toolPages);
}

void tst_MainWindow::emptyFleetHintNamesTheMenusShortcuts() {
    MainWindow window;
    const QString hint = window.tool<FleetTool>()->view()->emptyHint()->text();
    int found = 0;
    for (QAction* action : window.menuBar()->actions().first()->menu()->actions()) {
        const QString text = action->text().remove(QLatin1Char('&')).remove(QStringLiteral("..."));
        if (text != QLatin1String("Add service") && text != QLatin1String("Open workspace"))
            continue;
        ++found;
        QVERIFY2(hint.contains(text), qPrintable(text));
        QVERIFY2(hint.contains(action->shortcut().toString(QKeySequence::NativeText)), qPrintable(text));
    }
    QCOMPARE(found, 2);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
