// SPDX-License-Identifier: GPL-3.0-or-later
// The replay page end to end, offscreen: a bundled scenario replayed against three profiles gives each
// column the summary ReplayEngine itself gives; the timeline plays, scrubs and pauses on the console's
// simulated clock and shows only what the replay produced, up to the play head; a bad phase is not run;
// save-as writes what ScenarioCodec reads back equal; the winner goes to the config editor.
#include "widgets/replay/replayconfigcolumns.h"
#include "widgets/replay/replayjob.h"
#include "widgets/replay/replayseriessink.h"
#include "widgets/replay/replaysummarymodel.h"
#include "widgets/replay/replaytimeline.h"
#include "widgets/replay/replaytransport.h"
#include "widgets/replay/replaytransportbar.h"
#include "widgets/replay/replayview.h"
#include "widgets/replay/scenariophasemodel.h"

#include "widgets/breakerlamp.h"
#include "widgets/chartadapter.h"

#include "config/configcodec.h"
#include "config/profiles.h"
#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"
#include "sim/replayengine.h"
#include "sim/replaysummary.h"
#include "sim/scenariocodec.h"
#include "sim/scenariolibrary.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;
using namespace std::chrono_literals;
using Chart = HealthCharts::Chart;

namespace {
// Every second of dependency 0, as the engine hands it out.
class Seconds final : public ReplaySink {
public:
    void onSecond(const ReplaySecond& second) override {
        if (second.dependency == 0)
            seconds.push_back(second);
    }
    std::vector<ReplaySecond> seconds;
};

const QStringList profiles{QStringLiteral("production"), QStringLiteral("staging"),
                           QStringLiteral("development")};
} // namespace

class tst_ReplayView : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<ConsoleClock> m_clock;
    void advance(Duration d) { m_clock->simulatedScheduler()->advance(d); }

    // Runs the view against the three profiles and waits (with a deadline) for every column.
    static void runToEnd(ReplayView& view) {
        for (int c = 0; c < 3; ++c)
            view.configs().setColumn(c, profiles[c]);
        QVERIFY2(view.run(), qPrintable(view.message()));
        QTRY_VERIFY_WITH_TIMEOUT(view.job()->finished(), 120000);
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init() { m_clock = ConsoleClock::simulated(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC)); }

    void summaryIsTheEngines_data() {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("downstream-outage") << "downstream-outage";
        QTest::newRow("rate-limit-storm") << "rate-limit-storm";
    }
    void summaryIsTheEngines() {
        QFETCH(QString, scenario);
        ReplayView view(m_clock);
        QAbstractItemModelTester tester(&view.summary(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(view.loadScenario(scenario));
        runToEnd(view);
        if (QTest::currentTestFailed())
            return;
        const Scenario s = *ScenarioLibrary::load(scenario).scenario;
        std::optional<double> best;
        int winner = -1;
        for (int c = 0; c < 3; ++c) {
            ReplaySummary own(s);
            const ReplayRun run = ReplayEngine::run(s, *Profiles::load(profiles[c]), own);
            QCOMPARE(view.summary().summaries(c), own.dependencies());
            QCOMPARE(view.job()->result(c)->run.inFlightAtEnd, run.inFlightAtEnd);
            const DependencySummary& d = own.dependencies().front();
            const QModelIndex success = view.summary().index(ReplaySummaryModel::Success, c);
            QCOMPARE(success.data().toString(), QString::number(*d.successRate() * 100, 'f', 2) + " %");
            QCOMPARE(
                view.summary().index(ReplaySummaryModel::LoadPeak, c).data(ReplaySummaryModel::ValueRole),
                QVariant(double(d.peakAttempts)));
            const QVariant detect = view.summary().index(ReplaySummaryModel::TimeToDetect, c).data();
            QCOMPARE(detect.toString(),
                     d.timeToDetect ? QString::number(*d.timeToDetect, 'f', 1) + " s" : "-");
            if (!best || *d.successRate() > *best) {
                best = d.successRate();
                winner = c;
            }
        }
        QCOMPARE(view.summary().winner(), std::optional<int>(winner));
        QVERIFY(view.summary().headerData(winner, Qt::Horizontal).toString().contains("winner"));
    }

    void timelinePlaysScrubsAndPausesOnVirtualTime() {
        ReplayView view(m_clock);
        QVERIFY(view.loadScenario("downstream-outage"));
        runToEnd(view);
        if (QTest::currentTestFailed())
            return;
        const Scenario s = *ScenarioLibrary::load("downstream-outage").scenario;
        Seconds own;
        ReplayEngine::run(s, *Profiles::load("production"), own);
        const std::int64_t origin = view.job()->originMs();
        ReplayTransport& transport = view.transport();
        QCOMPARE(transport.available(), 900000);
        QCOMPARE(transport.position(), 0);

        transport.setSpeed(60);
        transport.play();
        advance(1s); // a second of the console's clock: a minute of the scenario
        QCOMPARE(transport.position(), 60000);
        QCOMPARE(view.timeline().windowEnd(), origin + 60000 - 1);
        // Requests: the offered calls of each second the play head has passed, and nothing ahead.
        const QVector<QPointF> requests = view.timeline().chart(0, Chart::Requests)->points(0);
        QCOMPARE(requests.size(), 60);
        for (const QPointF& p : requests) {
            const auto second = std::size_t((std::int64_t(p.x()) - origin) / 1000);
            QCOMPARE(p.y(), double(own.seconds[second].offered));
        }
        // The load: the attempts each second sent to the dependency, retries included.
        const QVector<QPointF> load = view.timeline().loadChart(0)->points(0);
        QCOMPARE(load.size(), 60);
        for (const QPointF& p : load)
            QCOMPARE(p.y(), double(own.seconds[std::size_t((std::int64_t(p.x()) - origin) / 1000)].attempts));
        QCOMPARE(view.timeline().loadChart(0)->points(1), requests);
        QCOMPARE(view.transportBar().slider()->value(), 60);

        // Scrub into the outage: the window follows, and the band shows the breaker open.
        view.transportBar().slider()->setValue(420);
        QCOMPARE(transport.position(), 420000);
        QCOMPARE(view.timeline().windowEnd(), origin + 420000 - 1);
        QCOMPARE(view.timeline().windowStart(),
                 origin + 420000 - 15 * 60000 < origin ? origin : origin + 420000 - 15 * 60000);
        ChartAdapter* band = view.timeline().chart(0, Chart::Breaker);
        QVERIFY(!band->points(HealthCharts::bandIndex(0, int(BreakerLamp::Open))).isEmpty());
        for (int c = 0; c < 3; ++c)
            for (const QPointF& p : view.timeline().chart(c, Chart::Errors)->points(0))
                QVERIFY(p.x() < origin + 420000);

        transport.pause();
        advance(10s);
        QCOMPARE(transport.position(), 420000);

        transport.setSpeed(ReplayTransport::asFastAsComputed);
        transport.play();
        advance(100ms); // one frame: as far as computed, which is the end
        QCOMPARE(transport.position(), 900000);
        QVERIFY(!transport.isPlaying());
    }

    void aBadPhaseIsNotRun() {
        ReplayView view(m_clock);
        QVERIFY(view.loadScenario("downstream-outage"));
        QVERIFY(view.phases().setData(view.phases().index(0, ScenarioPhaseModel::ErrorRate), "1.5"));
        QVERIFY(!view.phases()
                     .index(0, ScenarioPhaseModel::ErrorRate)
                     .data(ScenarioPhaseModel::ErrorsRole)
                     .toStringList()
                     .isEmpty());
        QVERIFY(!view.run());
        QVERIFY(!view.job());
        QVERIFY2(view.message().contains("dependencies[0].phases[0].error_rate"), qPrintable(view.message()));
    }

    void saveAsReadsBackEqual() {
        ReplayView view(m_clock);
        QTemporaryDir dir;
        QVERIFY(view.loadScenario("flapping-dependency"));
        QVERIFY(view.phases().setData(view.phases().index(1, ScenarioPhaseModel::Latency),
                                      "lognormal p50=80 p99=2000"));
        QVERIFY(view.phases().setData(view.phases().index(2, ScenarioPhaseModel::ResetRate), "0.05"));
        QVERIFY(view.phases().scenario());
        const QString path = dir.filePath("edited.json");
        QVERIFY(view.saveScenario(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const ScenarioParseResult back = ScenarioCodec::parse(file.readAll());
        QVERIFY(back.scenario);
        QCOMPARE(*back.scenario, *view.phases().scenario());
        QCOMPARE(back.scenario->dependencies[0].phases[2].fault.resetRate, 0.05);
        QVERIFY(*back.scenario != *ScenarioLibrary::load("flapping-dependency").scenario);

        // With an error nothing is written.
        QVERIFY(view.phases().setData(view.phases().index(0, ScenarioPhaseModel::Start), "-1"));
        QVERIFY(!view.saveScenario(dir.filePath("bad.json")));
        QVERIFY(!QFile::exists(dir.filePath("bad.json")));
        QVERIFY(view.loadScenario(path));
        QCOMPARE(*view.phases().scenario(), *back.scenario);
    }

    void theWinnerOpensInTheEditor() {
        ReplayView view(m_clock);
        QVERIFY(view.loadScenario("downstream-outage"));
        runToEnd(view);
        if (QTest::currentTestFailed())
            return;
        const std::optional<int> winner = view.summary().winner();
        QVERIFY(winner);
        QSignalSpy opened(&view, &ReplayView::openInEditorRequested);
        view.openWinnerInEditor();
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened[0][0].toString(), profiles[*winner]);
        const ConfigParseResult config = ConfigCodec::parse(opened[0][1].toByteArray());
        QVERIFY(config.config);
        QCOMPARE(ConfigCodec::serialize(*config.config),
                 ConfigCodec::serialize(*Profiles::load(profiles[*winner])));
    }

    void stopLeavesNoPartialSummary() {
        ReplayView view(m_clock);
        QVERIFY(view.loadScenario("slow-leak")); // a day: far from done when stopped
        view.configs().setColumn(0, "production");
        view.configs().setColumn(1, QString());
        view.configs().setColumn(2, QString());
        QVERIFY(view.run());
        view.stop();
        QTRY_VERIFY_WITH_TIMEOUT(view.job()->finished(), 60000);
        QVERIFY(view.job()->result(0)->run.cancelled);
        QCOMPARE(view.summary().index(ReplaySummaryModel::Success, 0).data().toString(), QString());
        QVERIFY(view.summary().headerData(0, Qt::Horizontal).toString().contains("stopped"));
        QVERIFY(!view.summary().winner());
    }

    void runningAgainOrClosingStopsTheReplay() {
        auto view = std::make_unique<ReplayView>(m_clock);
        QVERIFY(view->loadScenario("slow-leak"));
        for (int c = 0; c < 3; ++c)
            view->configs().setColumn(c, profiles[c]);
        QVERIFY(view->run());
        QPointer<const ReplayJob> first = view->job();
        QVERIFY(view->loadScenario("downstream-outage"));
        QVERIFY(view->run()); // the day-long run is stopped and gone; this one is shown
        QVERIFY(!first);
        QTRY_VERIFY_WITH_TIMEOUT(view->job()->finished(), 60000);
        QCOMPARE(view->job()->scenario().name, QStringLiteral("downstream-outage"));
        QCOMPARE(view->transport().duration(), 900000);
        const Scenario outage = *ScenarioLibrary::load("downstream-outage").scenario;
        ReplaySummary own(outage);
        ReplayEngine::run(outage, *Profiles::load(profiles[0]), own);
        QCOMPARE(view->summary().summaries(0), own.dependencies());

        QVERIFY(view->loadScenario("slow-leak"));
        QVERIFY(view->run());
        first = view->job();
        view.reset(); // closing: the replay stops, its threads are joined, nothing is left behind
        QVERIFY(!first);
    }
};

QTEST_MAIN(tst_ReplayView)
#include "tst_replayview.moc"
