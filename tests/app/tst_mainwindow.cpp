// SPDX-License-Identifier: GPL-3.0-or-later
// The window without agents: actions, shortcuts, accessible names, workspace round trip, themes, options.
#include "console/consoleoptions.h"
#include "console/mainwindow.h"
#include "store/fleethub.h"
#include "widgets/alerts/alertstool.h"
#include "widgets/eventlog/eventlogtool.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/workspace/workspacetool.h"

#include "widgets/alerts/alertspanel.h"
#include "widgets/eventlog/eventlogview.h"
#include "widgets/fleet/fleetview.h"
#include "widgets/palette.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
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
    void options_data();
    void options();
};

void tst_MainWindow::initTestCase() {
    QLocale::setDefault(QLocale::c());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("jimini-tests"));
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
    QCOMPARE(count, 20); // every tool's menu actions and the window's own (grows with the tools)
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

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
