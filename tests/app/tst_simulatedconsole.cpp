// SPDX-License-Identifier: GPL-3.0-or-later
// The whole console on a simulated clock, fed by a source that is not a socket: the window, its tools
// and their models move on virtual time only (no sleeps, no waiting on the desk clock). What replay and
// playback will stand on: the fleet row, the alerts, the event log, the detail charts and the status bar.
#include "console/mainwindow.h"

#include "net/scriptedsource.h"
#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"
#include "widgets/alerts/alertsmodel.h"
#include "widgets/alerts/alertstool.h"
#include "widgets/chartadapter.h"
#include "widgets/detail/detailtool.h"
#include "widgets/detail/servicedetailview.h"
#include "widgets/eventlog/eventlogmodel.h"
#include "widgets/eventlog/eventlogtool.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/workspace/workspacetool.h"

#include "console/consoletools.h"
#include "support/consoletestsetup.h"

#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {

const QDateTime kStart(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);

SourceSample document(double errorRate, BreakerState breaker, std::optional<AlertLevel> alert = {}) {
    HealthDocument d;
    d.service = QStringLiteral("orders");
    d.instance = QStringLiteral("orders-1");
    d.environment = QStringLiteral("replay");
    d.metrics.currentErrorRate = errorRate;
    d.metrics.requestsPerSecond = 20;
    d.healthStatus = alert ? HealthLevel::Critical : HealthLevel::Healthy;
    if (alert) {
        HealthAlert a;
        a.level = *alert;
        a.metric = QStringLiteral("error_rate");
        a.message = QStringLiteral("error rate above 25%");
        a.value = errorRate;
        a.threshold = 0.25;
        d.alerts.push_back(a);
    }
    PolicyHealth p;
    p.name = QStringLiteral("default");
    p.circuitBreaker = BreakerHealth{};
    p.circuitBreaker->state = breaker;
    d.policies.push_back(p);
    SourceSample s;
    s.status = SourceStatus::Ok;
    s.document = std::move(d);
    return s;
}

// What a source says after three intervals without a document.
SourceSample staleReport() {
    SourceSample s;
    s.status = SourceStatus::Stale;
    s.reason = QStringLiteral("no data for 3 intervals");
    return s;
}

// The error-rate line of a detail view as drawn (percent; the store keeps floats), gaps left out.
QList<float> errorLine(const ServiceDetailView& view) {
    QList<float> values;
    for (const QPointF& p : view.chart(ServiceDetailView::Chart::Errors)->points(0)) {
        if (!ChartAdapter::isGap(p))
            values << float(p.y());
    }
    return values;
}

} // namespace

class tst_SimulatedConsole : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void consoleMovesOnVirtualTime();
};

void tst_SimulatedConsole::initTestCase() {
    initConsoleTest();
}

void tst_SimulatedConsole::consoleMovesOnVirtualTime() {
    const auto clock = ConsoleClock::simulated(kStart);
    ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://replay-0:8081"));
    endpoint.interval = 1000ms;
    std::vector<ScriptedSource::Step> script{
        {0ms, document(0.01, BreakerState::Closed)},
        {1000ms, document(0.40, BreakerState::Open, AlertLevel::Critical)},
        {2000ms, document(0.30, BreakerState::Open, AlertLevel::Critical)},
        {5000ms, staleReport()}};
    FleetHub::Options options;
    options.clock = clock;
    options.sourceFactory = [script](const ServiceEndpoint& e, const SourceContext& context) -> FleetSource* {
        return new ScriptedSource(e, context.clock, script, false, context.parent);
    };
    MainWindow window(consoleTools(), options);
    window.tool<WorkspaceTool>()->setRemember(false);
    window.show();
    window.tool<WorkspaceTool>()->addEndpoints({endpoint});
    const QString id = endpoint.id();
    const FleetModel& fleet = *window.tool<FleetTool>()->model();
    const AlertsModel& alerts = *window.tool<AlertsTool>()->model();
    const EventLogModel& events = *window.tool<EventLogTool>()->model();
    SimulatedScheduler& time = *clock->simulatedScheduler();

    QCoreApplication::processEvents();
    QVERIFY(!fleet.instance(id)); // nothing happens until the clock moves

    time.advance(100ms); // the first document and its batch
    QVERIFY(fleet.instance(id));
    QCOMPARE(*fleet.instance(id)->errorRate, 0.01);
    QCOMPARE(alerts.activeCount(), 0);
    const auto labels = window.statusBar()->findChildren<QLabel*>();
    const auto stamp = std::find_if(labels.begin(), labels.end(), [](QLabel* l) {
        return l->accessibleName() == QLatin1String("Last update");
    });
    QVERIFY(stamp != labels.end());
    // The status bar tells the view's time, not the desk's.
    QCOMPARE((*stamp)->text(),
             QStringLiteral("Updated %1")
                 .arg(kStart.addMSecs(100).toLocalTime().toString(QStringLiteral("HH:mm:ss"))));

    ServiceDetailView* detail = window.tool<DetailTool>()->open(id);
    QVERIFY(detail);
    detail->setRange(ServiceDetailView::Range::TwoMinutes);

    time.advance(1000ms); // the second document: critical, breaker open
    QCOMPARE(*fleet.instance(id)->errorRate, 0.40);
    QCOMPARE(alerts.activeCount(), 1);
    // Raised at the virtual time of the batch that brought it.
    QVERIFY(alerts.entry(0).firstSeen >= kStart.addMSecs(1000));
    QVERIFY(alerts.entry(0).firstSeen <= kStart.addMSecs(1100));
    QCOMPARE(events.rowCount(), 1); // the transition, inferred
    QVERIFY(events.event(0).inferred);
    QCOMPARE(events.event(0).time, kStart.addMSecs(1000));

    time.advance(1000ms);
    detail->refresh();
    // The charts end at the virtual now (the end of its second), not at the desk clock's.
    QCOMPARE(detail->windowEndMs(), kStart.toMSecsSinceEpoch() + 3000);
    const QList<float> line = errorLine(*detail); // one point per document, at its virtual second
    QCOMPARE(line.size(), 3);
    QCOMPARE(line[0], 1.0f);
    QCOMPARE(line[1], 40.0f);
    QCOMPARE(line[2], 30.0f);
    QCOMPARE(alerts.entry(0).alert.value, 0.30);

    // Three intervals without a document: the row is stale, its figures kept, greyed, and its own alert.
    time.advance(3000ms);
    QVERIFY(fleet.instance(id)->stale);
    QCOMPARE(*fleet.instance(id)->errorRate, 0.30);
    QCOMPARE(window.hub().counts().stale, 1);
    QCOMPARE(alerts.activeCount(), 1); // "up": unreachable; the error-rate alert is now unknown
    QCOMPARE(alerts.unknownCount(), 1);
}

QTEST_MAIN(tst_SimulatedConsole)
#include "tst_simulatedconsole.moc"
