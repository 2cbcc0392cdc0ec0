// SPDX-License-Identifier: GPL-3.0-or-later
// The console's probe page against a real agent on loopback whose /target has scripted faults: every
// decision of the pipeline shows in the panel's tables, the breaker opens and the probe sheds, two
// profiles run side by side into the summary, bad input is refused before anything is sent, and the
// report exports as JSON and CSV that parse. Models are watched by QAbstractItemModelTester.
#include "config/profiles.h"
#include "console/mainwindow.h"
#include "probe/probetestsupport.h"

#include "health/failureparts.h"
#include "support/consoletestsetup.h"
#include "widgets/chartadapter.h"
#include "widgets/healthcharts.h"
#include "widgets/probe/probeform.h"
#include "widgets/probe/probepanel.h"
#include "widgets/probe/proberunview.h"
#include "widgets/probe/probetablemodel.h"
#include "widgets/probe/probetool.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolregistry.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;

namespace {

const QByteArray kPlain = R"({"retry": null, "circuit_breaker": null, "rate_limit": null, "timeout": 5,
                              "bulkhead": {"limit": 100, "queue": 0}})";

QByteArray draftOf(const QByteArray& policy) {
    return R"({"environment": "test", "policies": {"default": )" + policy + "}}";
}

ToolRegistry probeOnly() {
    ToolRegistry tools;
    tools.add<ProbeTool>();
    return tools;
}

struct Form {
    ProbeForm* form;
    template <class W> W* field(const char* name) const { return form->findChild<W*>(QLatin1String(name)); }
    void set(const QString& targets, const QStringList& profiles, double rate, int requests,
             double durationSeconds = 0) const {
        field<QPlainTextEdit>("targets")->setPlainText(targets);
        for (int i = 0; i < 3; ++i) {
            auto* combo = field<QComboBox>(QStringLiteral("profile%1").arg(i + 1).toLatin1().constData());
            const int index = i < profiles.size() ? combo->findText(profiles[i]) : (i == 0 ? 0 : 0);
            QVERIFY2(index >= 0 || i >= profiles.size(), qPrintable(profiles.value(i)));
            combo->setCurrentIndex(index);
        }
        field<QDoubleSpinBox>("rate")->setValue(rate);
        field<QSpinBox>("requests")->setValue(requests);
        field<QDoubleSpinBox>("duration")->setValue(durationSeconds);
    }
};

CallCategory categoryNamed(const QString& name) {
    for (std::size_t c = 0; c < callCategoryCount; ++c)
        if (categoryName(CallCategory(c)) == name)
            return CallCategory(c);
    return CallCategory::Cancelled;
}

// The figure of a table cell: the number behind it.
double value(const ProbeTableModel* model, const QString& row, int column) {
    const int r = model->rowOf(row);
    return r < 0 ? -1 : model->cell(r, column).value.toDouble();
}

} // namespace

class tst_ProbePanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void refusedBeforeAnythingIsSent_data();
    void refusedBeforeAnythingIsSent();
    void decisionsShowInTheCounts_data();
    void decisionsShowInTheCounts();
    void compareFillsTheSummary();
    void liveConfigAsProfile();
    void exportWritesFilesThatParse();
    void closingWindsTheRunsDown();

private:
    bool runToEnd(int deadlineMs = 20000);

    std::unique_ptr<Agent> m_agent;
    std::unique_ptr<MainWindow> m_window;
    ProbePanel* m_panel = nullptr;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void tst_ProbePanel::initTestCase() {
    initConsoleTest();
}

void tst_ProbePanel::init() {
    m_agent = startTargetAgent();
    m_window = std::make_unique<MainWindow>(probeOnly());
    m_panel = m_window->tool<ProbeTool>()->panel();
    QVERIFY(m_panel);
    for (QAbstractItemModel* model : {static_cast<QAbstractItemModel*>(m_panel->summaryModel()),
                                      static_cast<QAbstractItemModel*>(m_panel->countsModel()),
                                      static_cast<QAbstractItemModel*>(m_panel->latencyModel())})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
}

void tst_ProbePanel::cleanup() {
    m_testers.clear();
    m_window.reset();
    m_agent.reset();
}

bool tst_ProbePanel::runToEnd(int deadlineMs) {
    QSignalSpy finished(m_panel, &ProbePanel::allFinished);
    m_panel->start();
    return m_panel->state() == ProbePanel::State::Finished || finished.wait(deadlineMs);
}

void tst_ProbePanel::refusedBeforeAnythingIsSent_data() {
    QTest::addColumn<QString>("targets");
    QTest::addColumn<QStringList>("profiles");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QByteArray>("draft");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("message");
    const QString target = QStringLiteral("%TARGET");
    const QStringList production{QStringLiteral("production")};
    QTest::newRow("not a URL") << QStringLiteral("http://exa mple/") << production << QString()
                               << QByteArray() << 5 << "Targets, line 1";
    QTest::newRow("not http") << QStringLiteral("ftp://127.0.0.1/x") << production << QString()
                              << QByteArray() << 5 << "the scheme must be http or https";
    QTest::newRow("no target") << QString() << production << QString() << QByteArray() << 5
                               << "Targets: give at least one URL";
    QTest::newRow("credentials in the URL") << QStringLiteral("http://u:p@127.0.0.1/x") << production
                                            << QString() << QByteArray() << 5 << "credentials in a URL";
    QTest::newRow("bad header") << target << production << QStringLiteral("X-Ok: 1\nno colon") << QByteArray()
                                << 5 << "Headers, line 2";
    QTest::newRow("a profile twice") << target
                                     << QStringList{QStringLiteral("staging"), QStringLiteral("staging")}
                                     << QString() << QByteArray() << 5 << "\"staging\" is chosen twice";
    QTest::newRow("four runs") << target + QStringLiteral("\nhttp://127.0.0.1:1/other")
                               << QStringList{QStringLiteral("production"), QStringLiteral("staging")}
                               << QString() << QByteArray() << 5 << "at most 3 run at once";
    QTest::newRow("no limit") << target << production << QString() << QByteArray() << 0
                              << "give a duration or a number of calls";
    QTest::newRow("draft that does not parse")
        << target << QStringList{QStringLiteral("editor draft: mine")} << QString()
        << QByteArray("{\"policies\": ") << 5 << "the editor's draft:";
    QTest::newRow("draft with an invalid policy")
        << target << QStringList{QStringLiteral("editor draft: mine")} << QString()
        << draftOf(R"({"timeout": -3})") << 5 << "the editor's draft:";
}

void tst_ProbePanel::refusedBeforeAnythingIsSent() {
    QFETCH(QString, targets);
    QFETCH(QStringList, profiles);
    QFETCH(QString, headers);
    QFETCH(QByteArray, draft);
    QFETCH(int, requests);
    QFETCH(QString, message);
    if (!draft.isEmpty())
        m_window->context().publishEditorDraft(EditorDraft{QStringLiteral("mine"), draft});
    const Form form{m_panel->form()};
    form.set(targets.replace(QStringLiteral("%TARGET"), targetUrl(*m_agent).toString()), profiles, 50,
             requests);
    form.field<QPlainTextEdit>("headers")->setPlainText(headers);
    m_panel->start();
    QCOMPARE(m_panel->state(), ProbePanel::State::Idle);
    QVERIFY2(m_panel->message().contains(message), qPrintable(m_panel->message()));
    QVERIFY(m_panel->runViews().empty());
    QCOMPARE(m_agent->server()->target().received(), std::uint64_t(0));
}

void tst_ProbePanel::decisionsShowInTheCounts_data() {
    QTest::addColumn<QByteArray>("fault"); // empty: the target is a closed port
    QTest::addColumn<QByteArray>("policy");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("calls"); // shed: at most this many (see below)
    QTest::addColumn<int>("sent");  // shed: every call not shed
    QTest::addColumn<int>("lamp");  // BreakerLamp at the end
    QTest::addColumn<int>("kind");  // FailureKind: the band of the failures chart the calls show in
    const QByteArray breaker = R"({"retry": null, "rate_limit": null, "timeout": 5,
                                   "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}})";
    QTest::newRow("runs of 503") << QByteArray(R"({"error_rate": 1, "duration_seconds": 60})") << kPlain << 6
                                 << "http_5xx" << 6 << 6 << int(BreakerLamp::Off)
                                 << int(FailureKind::Downstream);
    QTest::newRow("429 with Retry-After, retried after it")
        << QByteArray(
               R"({"error_rate": 1, "status_mix": {"429": 1}, "retry_after_seconds": 1, "duration_seconds": 60})")
        << QByteArray(
               R"({"retry": {"max_attempts": 2, "initial_delay": 0.01, "max_delay": 0.02, "randomize": false},
                          "circuit_breaker": null, "rate_limit": null, "timeout": 5})")
        << 2 << "http_4xx" << 2 << 4 << int(BreakerLamp::Off) << int(FailureKind::Downstream);
    QTest::newRow("slower than the timeout")
        << QByteArray(R"({"latency": {"distribution": "fixed", "mean_ms": 3000}, "duration_seconds": 60})")
        << QByteArray(R"({"retry": null, "circuit_breaker": null, "rate_limit": null, "timeout": 0.2})") << 3
        << "timeout" << 3 << 3 << int(BreakerLamp::Off) << int(FailureKind::Timeout);
    QTest::newRow("connection resets")
        << QByteArray(R"({"reset_rate": 1, "duration_seconds": 60})") << kPlain << 4 << "network" << 4 << 4
        << int(BreakerLamp::Off) << int(FailureKind::Downstream);
    QTest::newRow("a closed port") << QByteArray() << kPlain << 3 << "network" << 3 << 3
                                   << int(BreakerLamp::Off) << int(FailureKind::Downstream);
    QTest::newRow("the breaker opens and the probe sheds")
        << QByteArray(R"({"error_rate": 1, "duration_seconds": 60})") << breaker << 20 << "breaker_open" << 17
        << 3 << int(BreakerLamp::Open) << int(FailureKind::BreakerOpen);
    QTest::newRow("the rate limiter sheds")
        << QByteArray(R"({"error_rate": 0, "duration_seconds": 60})")
        << QByteArray(R"({"retry": null, "circuit_breaker": null, "timeout": 5,
                          "rate_limit": {"requests_per_second": 1, "burst_limit": 2}})")
        << 10 << "rate_limited" << 8 << 2 << int(BreakerLamp::Off) << int(FailureKind::RateLimited);
    QTest::newRow("the bulkhead is full")
        << QByteArray(R"({"latency": {"distribution": "fixed", "mean_ms": 1000}, "duration_seconds": 60})")
        << QByteArray(R"({"retry": null, "circuit_breaker": null, "rate_limit": null, "timeout": 5,
                          "bulkhead": {"limit": 1, "queue": 0}})")
        << 5 << "bulkhead_full" << 4 << 1 << int(BreakerLamp::Off) << int(FailureKind::BulkheadFull);
}

void tst_ProbePanel::decisionsShowInTheCounts() {
    QFETCH(QByteArray, fault);
    QFETCH(QByteArray, policy);
    QFETCH(int, requests);
    QFETCH(QString, category);
    QFETCH(int, calls);
    QFETCH(int, sent);
    QFETCH(int, lamp);
    QFETCH(int, kind);
    QUrl target = targetUrl(*m_agent);
    if (fault.isEmpty()) {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost));
        target = QUrl(QStringLiteral("http://127.0.0.1:%1/target/default").arg(placeholder.serverPort()));
    } else {
        QCOMPARE(injectFault(*m_agent, fault), 201);
    }
    m_window->context().publishEditorDraft(EditorDraft{QStringLiteral("case"), draftOf(policy)});
    Form{m_panel->form()}.set(target.toString(), {QStringLiteral("editor draft: case")}, 50, requests);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY2(runToEnd(), qPrintable(m_panel->message()));
    const ProbeTableModel* counts = m_panel->countsModel();
    const double seen = value(counts, category, 1);
    // A policy that sheds decides on what it has seen by then: on a loaded machine the open loop starts
    // late calls at once, before the answers (or tokens) that would have turned them away. It sheds some,
    // never more than it could, and every call it did not shed was sent.
    const bool sheds = isShed(categoryNamed(category));
    if (sheds)
        QVERIFY2(seen >= 1 && seen <= calls, qPrintable(QString::number(seen)));
    else
        QCOMPARE(seen, double(calls));
    const double expectSent = sheds ? requests - seen : sent;
    QCOMPARE(value(counts, QStringLiteral("offered"), 1), double(requests));
    QCOMPARE(value(counts, QStringLiteral("requests sent"), 2), expectSent);
    double finished = 0;
    for (std::size_t c = 0; c < callCategoryCount; ++c)
        finished += value(counts, categoryName(CallCategory(c)), 1);
    QCOMPARE(finished, double(requests)); // every call is in exactly one category
    if (!fault.isEmpty())
        QVERIFY(m_agent->server()->target().received() >= std::uint64_t(expectSent));
    // The summary: what the callers saw, and the load on the target as a multiple of the offered load.
    const ProbeTableModel* summary = m_panel->summaryModel();
    QCOMPARE(summary->rowCount(), 1);
    const double succeeded = value(counts, QStringLiteral("success"), 1);
    QCOMPARE(summary->cell(0, 1).value.toDouble(), succeeded / requests);
    QCOMPARE(summary->cell(0, 4).value.toDouble(), expectSent / double(requests));
    if (category == QLatin1String("http_4xx")) // Retry-After: 1 held every retry for a second
        QVERIFY(m_panel->latencyModel()->cell(0, 1).value.toDouble() >= 1.0);
    ProbeRunView* view = m_panel->runViews().front();
    QCOMPARE(int(view->lamp()), lamp);
    if (lamp == int(BreakerLamp::Open)) {
        QCOMPARE(summary->cell(0, 2).value.toDouble(), seen); // shed
        ChartAdapter* band = view->chart(HealthCharts::Chart::Breaker);
        QVERIFY(!band->points(HealthCharts::bandIndex(0, int(BreakerLamp::Open))).isEmpty());
    }
    // The charts show it too: the failed calls in their kind's band, an error rate of 100 %.
    QVERIFY(!view->chart(HealthCharts::Chart::Failures)->points(kind).isEmpty());
    const QVector<QPointF> errors = view->chart(HealthCharts::Chart::Errors)->points(0);
    QVERIFY(!errors.isEmpty());
    if (succeeded == 0)
        QCOMPARE(errors.last().y(), 100.0);
    // Coalesced: the panel draws on its frame timer (a coarse timer fires up to 5 % early), once when the
    // runs start and once when they end, never on a call or a snapshot of its own.
    QVERIFY2(
        m_panel->frameCount() <= elapsed.elapsed() * 1.06 / ProbePanel::frameMs + 3,
        qPrintable(QStringLiteral("%1 frames in %2 ms").arg(m_panel->frameCount()).arg(elapsed.elapsed())));
}

void tst_ProbePanel::compareFillsTheSummary() {
    Form{m_panel->form()}.set(targetUrl(*m_agent).toString(),
                              {QStringLiteral("production"), QStringLiteral("development")}, 20, 10);
    QVERIFY2(runToEnd(), qPrintable(m_panel->message()));
    QCOMPARE(m_panel->runViews().size(), std::size_t(2));
    const ProbeTableModel* summary = m_panel->summaryModel();
    QCOMPARE(summary->rowCount(), 2);
    QCOMPARE(summary->cell(0, 0).text, QStringLiteral("production"));
    QCOMPARE(summary->cell(1, 0).text, QStringLiteral("development"));
    // Each summary figure is the one the counts give (a loaded machine may shed a call: not assumed away).
    const ProbeTableModel* counts = m_panel->countsModel();
    for (int row = 0; row < 2; ++row) {
        const int calls = 1 + 2 * row; // the run's calls column in the counts
        const double shed = value(counts, QStringLiteral("rate_limited"), calls) +
                            value(counts, QStringLiteral("bulkhead_full"), calls) +
                            value(counts, QStringLiteral("breaker_open"), calls);
        QCOMPARE(summary->cell(row, 1).value.toDouble(),
                 value(counts, QStringLiteral("success"), calls) / 10);
        QVERIFY(summary->cell(row, 1).value.toDouble() > 0.5);
        QCOMPARE(summary->cell(row, 2).value.toDouble(), shed);
        QVERIFY(summary->cell(row, 3).value.toDouble() > 0); // p95 of calls
        QCOMPARE(summary->cell(row, 4).value.toDouble(),
                 value(counts, QStringLiteral("requests sent"), calls + 1) / 10);
    }
    QCOMPARE(m_agent->server()->target().received(),
             std::uint64_t(value(counts, QStringLiteral("requests sent"), 2) +
                           value(counts, QStringLiteral("requests sent"), 4)));
    QCOMPARE(m_panel->countsModel()->columnCount(), 5); // outcome, then calls and attempts per run

    // The better profile goes to the config editor as the document it came from.
    QPushButton* edit = m_panel->editProfileButton();
    QVERIFY(!edit->isEnabled()); // no run selected
    auto* view = m_panel->findChild<QTableView*>(QStringLiteral("probeSummary"));
    view->selectRow(1);
    QVERIFY(edit->isEnabled());
    QSignalSpy requested(&m_window->context(), &ConsoleContext::configEditRequested);
    edit->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), QStringLiteral("probe profile development"));
    QFile development(Profiles::resourcePath(QStringLiteral("development")));
    QVERIFY(development.open(QIODevice::ReadOnly));
    QCOMPARE(requested.first().at(1).toByteArray(), development.readAll());
}

// A watched agent offers its target and its live config: the probe runs that policy against that target.
void tst_ProbePanel::liveConfigAsProfile() {
    auto* offered = m_panel->form()->findChild<QComboBox*>(QStringLiteral("offeredTargets"));
    QCOMPARE(offered->count(), 1); // only the "nothing offered" line
    ServiceEndpoint endpoint;
    endpoint.baseUrl = m_agent->baseUrl();
    endpoint.interval = std::chrono::milliseconds(200);
    m_window->context().hub().addEndpoint(endpoint);
    auto* profile = m_panel->form()->findChild<QComboBox*>(QStringLiteral("profile1"));
    QTRY_VERIFY_WITH_TIMEOUT(profile->findText(QStringLiteral("live:"), Qt::MatchStartsWith) >= 0, 10000);
    const QString live = profile->itemText(profile->findText(QStringLiteral("live:"), Qt::MatchStartsWith));
    QVERIFY2(live.endsWith(QStringLiteral("· default")), qPrintable(live));
    QCOMPARE(offered->count(), 2);
    const QUrl target = offered->itemData(1).toUrl();
    QCOMPARE(target.authority(), m_agent->baseUrl().authority());
    QVERIFY2(target.path().startsWith(QStringLiteral("/target/")), qPrintable(target.toString()));
    Form{m_panel->form()}.set(QString(), {live}, 50, 4);
    emit offered->activated(1); // picked from the list: added to the targets
    QCOMPARE(m_panel->form()->findChild<QPlainTextEdit*>(QStringLiteral("targets"))->toPlainText(),
             target.toString());
    QVERIFY2(runToEnd(), qPrintable(m_panel->message()));
    QCOMPARE(m_panel->summaryModel()->cell(0, 0).text, live);
    QCOMPARE(value(m_panel->countsModel(), QStringLiteral("success"), 1), 4.0);
    QCOMPARE(m_agent->server()->target().received(), std::uint64_t(4));
}

void tst_ProbePanel::exportWritesFilesThatParse() {
    QTemporaryDir dir;
    QVERIFY(!m_panel->exportJson(dir.filePath(QStringLiteral("none.json"))).isEmpty()); // nothing ran yet
    Form{m_panel->form()}.set(targetUrl(*m_agent).toString(), {QStringLiteral("staging")}, 50, 5);
    QVERIFY(runToEnd());
    const QString jsonPath = dir.filePath(QStringLiteral("report.json"));
    const QString csvPath = dir.filePath(QStringLiteral("report.csv"));
    QCOMPARE(m_panel->exportJson(jsonPath), QString());
    QCOMPARE(m_panel->exportCsv(csvPath), QString());
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray runs = doc.object().value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(
        runs[0].toObject().value(QStringLiteral("calls")).toObject().value(QStringLiteral("success")).toInt(),
        5);
    QCOMPARE(doc.object().value(QStringLiteral("summary")).toArray().size(), 1);
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[1].count(','), lines[0].count(',')); // no field in the row holds a comma
    QVERIFY(lines[1].startsWith("\"staging\","));
    QVERIFY(!m_panel->exportJson(dir.filePath(QStringLiteral("no/such/dir/r.json"))).isEmpty());
}

// A run still sending holds the window's close: the tool names it, and winding down stops the load and
// reports once the calls in flight came back.
void tst_ProbePanel::closingWindsTheRunsDown() {
    auto* tool = m_window->tool<ProbeTool>();
    QVERIFY(tool->pendingWork().isEmpty());
    Form{m_panel->form()}.set(targetUrl(*m_agent).toString(), {QStringLiteral("staging")}, 20, 0, 600);
    m_panel->start();
    QCOMPARE(m_panel->state(), ProbePanel::State::Running);
    QCOMPARE(tool->pendingWork().size(), 1);
    QVERIFY2(tool->pendingWork().front().contains(targetUrl(*m_agent).toString()),
             qPrintable(tool->pendingWork().front()));
    QSignalSpy wound(tool, &ConsoleTool::windDownFinished);
    tool->windDown();
    QVERIFY2(!wound.isEmpty() || wound.wait(10000), qPrintable(m_panel->message()));
    QCOMPARE(m_panel->state(), ProbePanel::State::Finished);
    QVERIFY(tool->pendingWork().isEmpty());
}

QTEST_MAIN(tst_ProbePanel)
#include "tst_probepanel.moc"
