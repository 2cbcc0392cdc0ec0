// SPDX-License-Identifier: GPL-3.0-or-later
// Live replay from the console against two agents on loopback, on a simulated console clock (the agents'
// clocks move with it; the HTTP is real): Replay > Play scenario against the fleet... offers the fleet's
// instances with the selection checked, plays the scenario's phase as a fault on each, shows it in the
// progress view, and both Abort and closing the console (through the close gate's question) clear every
// injected fault, as each agent's own GET /faults says.
#include "console/consoletools.h"
#include "console/mainwindow.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "control/livereplay.h"
#include "net/scriptedsource.h"
#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"
#include "serve/agent.h"
#include "support/consoletestsetup.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/fleet/fleetview.h"
#include "widgets/livereplay/livereplaysetupdialog.h"
#include "widgets/livereplay/livereplaytool.h"
#include "widgets/livereplay/livereplayview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/workspace/workspacetool.h"

#include <QAbstractButton>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
const QDateTime kStart(QDate(2026, 11, 30), QTime(22, 0), Qt::UTC);

const QByteArray kScenario =
    R"({"name": "short-outage", "duration_seconds": 60, "traffic": {"shape": "constant", "rate": 5},
  "dependencies": [{"name": "payments", "policy": "default",
    "phases": [{"name": "outage", "start_seconds": 10, "duration_seconds": 20, "error_rate": 1}]}]})";

std::unique_ptr<Agent> startAgent() {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = 0;
    auto agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
    return agent->start(nullptr) ? std::move(agent) : nullptr;
}
} // namespace

class tst_LiveReplayTool : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        initConsoleTest();
        QGuiApplication::setQuitOnLastWindowClosed(false);
        QVERIFY(m_dir.isValid());
        QFile file(m_dir.filePath(QStringLiteral("short-outage.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kScenario);
    }

    void playsAndClearsOnStop_data() {
        QTest::addColumn<bool>("closeTheConsole");
        QTest::newRow("abort") << false;
        QTest::newRow("closing the console") << true;
    }
    void playsAndClearsOnStop() {
        QFETCH(bool, closeTheConsole);
        std::vector<std::unique_ptr<Agent>> agents;
        QList<ServiceEndpoint> endpoints;
        for (int i = 0; i < 2; ++i) {
            agents.push_back(startAgent());
            QVERIFY(agents.back());
            ServiceEndpoint e;
            e.baseUrl = agents.back()->baseUrl();
            endpoints.append(e);
        }
        const auto clock = ConsoleClock::simulated(kStart);
        FleetHub::Options options;
        options.clock = clock;
        options.sourceFactory = [](const ServiceEndpoint& e, const SourceContext& context) -> FleetSource* {
            return new ScriptedSource(e, context.clock, {}, false, context.parent);
        };
        MainWindow window(consoleTools(), options);
        window.tool<WorkspaceTool>()->setRemember(false);
        window.show();
        window.tool<WorkspaceTool>()->addEndpoints(endpoints);
        FleetView* fleet = window.tool<FleetTool>()->view();
        QDeadlineTimer rowsIn(10000); // the hub publishes its rows on its clock
        while (fleet->selectedEndpointIds().isEmpty() && !rowsIn.hasExpired()) {
            clock->simulatedScheduler()->advance(100ms);
            QCoreApplication::processEvents();
            fleet->selectEndpoint(endpoints[0].id());
        }
        QCOMPARE(window.context().selectedEndpoints(), QStringList{endpoints[0].id()});

        auto* tool = window.tool<LiveReplayTool>();
        QAction* play = nullptr; // in the Replay menu
        for (QAction* menu : window.menuBar()->actions())
            if (menu->text() == QLatin1String("&Replay"))
                play = menu->menu()->actions().value(0);
        QVERIFY(play);
        QCOMPARE(play->text(), QStringLiteral("&Play scenario against the fleet..."));
        play->trigger();
        auto* setup = window.findChild<LiveReplaySetupDialog*>(QStringLiteral("liveReplaySetup"));
        QVERIFY(setup);
        QCOMPARE(setup->checkedEndpoints(), QStringList{endpoints[0].id()}); // the fleet's selection
        auto* list = setup->findChild<QListWidget*>(QStringLiteral("targetList"));
        QCOMPARE(list->count(), 2);
        list->item(1)->setCheckState(Qt::Checked);
        setup->setScenarioFile(m_dir.filePath(QStringLiteral("short-outage.json")));
        setup->findChild<QPushButton*>(QStringLiteral("playButton"))->click();

        LiveReplay* replay = tool->replay();
        QVERIFY(replay);
        QCOMPARE(replay->targets().size(), 2);
        const auto advanceBy = [&](Duration t) {
            const TimePoint end = clock->now() + t;
            while (clock->now() < end) {
                for (auto& a : agents)
                    a->simulatedScheduler()->advance(250ms);
                clock->simulatedScheduler()->advance(250ms);
                QTRY_COMPARE_WITH_TIMEOUT(replay->requestsInFlight(), 0, 10000);
            }
        };
        QNetworkAccessManager nam;
        const auto faults = [&](int agent) {
            QUrl url = agents[std::size_t(agent)]->baseUrl();
            url.setPath(QStringLiteral("/resilience/v1/faults"));
            return http(nam, "GET", url).json().value("faults").toArray().size();
        };
        advanceBy(12s);
        LiveReplayView* view = tool->view();
        QVERIFY(tool->progressWindow()->isVisible());
        QCOMPARE(view->phaseText(), QStringLiteral("payments/outage"));
        QCOMPARE(view->timeLeftText(), QStringLiteral("0:48"));
        for (int a = 0; a < 2; ++a) {
            QCOMPARE(faults(a), 1);
            QVERIFY2(view->agentStatus(a).startsWith(QStringLiteral("fault 1 (payments/outage)")),
                     qPrintable(view->agentStatus(a)));
        }

        if (closeTheConsole) {
            window.close();
            auto* question = window.findChild<QMessageBox*>(QStringLiteral("closeGateQuestion"));
            QVERIFY(question);
            QVERIFY2(question->text().contains(
                         QStringLiteral("a live replay of short-outage against 2 instance(s), "
                                        "2 injected fault(s) to clear")),
                     qPrintable(question->text()));
            question->findChild<QAbstractButton*>(QStringLiteral("windDownButton"))->click();
            QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 10000);
        } else {
            view->findChild<QPushButton*>(QStringLiteral("abortButton"))->click();
            QTRY_COMPARE_WITH_TIMEOUT(replay->state(), LiveReplay::State::Finished, 10000);
            QVERIFY2(view->outcomeText().startsWith(QStringLiteral("Stopped: every injected fault cleared.")),
                     qPrintable(view->outcomeText()));
        }
        QCOMPARE(replay->result(), LiveReplay::Result::Aborted);
        for (int a = 0; a < 2; ++a)
            QCOMPARE(faults(a), 0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_LiveReplayTool)
#include "tst_livereplaytool.moc"
