// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/scenariocodec.h"
#include "sim/scenariolibrary.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// A valid scenario with one key replaced (or added) at the top level or in the first dependency.
QByteArray scenario(const QByteArray& dependency = R"("name": "db")",
                    const QByteArray& top = R"("traffic": {"shape": "constant", "rate": 10})") {
    return R"({"name": "s", "duration_seconds": 600, )" + top + R"(, "dependencies": [{)" + dependency +
           "}]}";
}
} // namespace

class tst_ScenarioCodec : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void bundledScenariosParse_data() {
        QTest::addColumn<QString>("name");
        const QStringList names = ScenarioLibrary::names();
        QCOMPARE(names.size(), 7);
        for (const QString& n : names)
            QTest::newRow(qPrintable(n)) << n;
    }
    void bundledScenariosParse() {
        QFETCH(QString, name);
        const ScenarioParseResult r = ScenarioLibrary::load(name);
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).toString()));
        QVERIFY(r.scenario);
        QCOMPARE(r.scenario->name, name);
        QVERIFY(!r.scenario->dependencies.empty());
        QVERIFY(r.scenario->duration > 0s);
        for (const ScenarioDependency& d : r.scenario->dependencies)
            QVERIFY(!d.phases.empty());
    }

    void readsWhatItSays() {
        const ScenarioParseResult r = ScenarioCodec::parse(R"({
            "name": "x", "seed": 9, "duration_seconds": 100,
            "traffic": {"shape": "bursts", "rate": 5, "burst_rate": 50, "every_seconds": 20, "burst_seconds": 2},
            "dependencies": [{"name": "a", "policy": "p",
                "baseline": {"error_rate": 0.1, "retry_after_seconds": 3, "latency": {"distribution": "fixed", "mean_ms": 7}},
                "phases": [{"name": "down", "start_seconds": 10, "duration_seconds": 20, "error_rate": 1,
                            "status_mix": {"429": 1}, "hang_rate": 0}]}]})");
        QVERIFY2(r.scenario, qPrintable(r.errors.value(0).toString()));
        const Scenario& s = *r.scenario;
        QCOMPARE(s.seed, std::uint64_t(9));
        QCOMPARE(s.duration, Duration(100s));
        QCOMPARE(s.traffic.kind, TrafficShape::Kind::Bursts);
        QCOMPARE(s.traffic.rateAt(1s), 50.0);
        QCOMPARE(s.traffic.rateAt(5s), 5.0);
        QCOMPARE(s.traffic.rateAt(21s), 50.0);
        const ScenarioDependency& d = s.dependencies.at(0);
        QCOMPARE(d.policy, QStringLiteral("p"));
        QCOMPARE(d.baseline.errorRate, 0.1);
        QCOMPARE(d.baseline.retryAfter, std::optional<Duration>(3s));
        QCOMPARE(d.baseline.latency.mean(), Duration(7ms));
        QCOMPARE(d.phases.at(0).start, Duration(10s));
        QCOMPARE(d.phases.at(0).end(), Duration(30s));
        QCOMPARE(d.phases.at(0).fault.statusMix.at(0).status, 429);
        QCOMPARE(d.phases.at(0).name, QStringLiteral("down"));
    }

    void shapesGiveTheirRates_data() {
        QTest::addColumn<QByteArray>("traffic");
        QTest::addColumn<int>("atSecond");
        QTest::addColumn<double>("rate");
        QTest::newRow("constant") << QByteArray(R"({"shape": "constant", "rate": 12})") << 300 << 12.0;
        QTest::newRow("ramp start") << QByteArray(R"({"shape": "ramp", "from": 10, "to": 70})") << 0 << 10.0;
        QTest::newRow("ramp middle") << QByteArray(R"({"shape": "ramp", "from": 10, "to": 70})") << 300
                                     << 40.0;
        QTest::newRow("ramp end") << QByteArray(R"({"shape": "ramp", "from": 10, "to": 70})") << 600 << 70.0;
        QTest::newRow("diurnal peak")
            << QByteArray(
                   R"({"shape": "diurnal", "trough": 5, "peak": 45, "period_seconds": 400, "peak_at_seconds": 100})")
            << 100 << 45.0;
        QTest::newRow("diurnal trough")
            << QByteArray(
                   R"({"shape": "diurnal", "trough": 5, "peak": 45, "period_seconds": 400, "peak_at_seconds": 100})")
            << 300 << 5.0;
    }
    void shapesGiveTheirRates() {
        QFETCH(QByteArray, traffic);
        QFETCH(int, atSecond);
        QFETCH(double, rate);
        const ScenarioParseResult r =
            ScenarioCodec::parse(scenario(R"("name": "db")", R"("traffic": )" + traffic));
        QVERIFY2(r.scenario, qPrintable(r.errors.value(0).toString()));
        QVERIFY(std::abs(r.scenario->traffic.rateAt(std::chrono::seconds(atSecond)) - rate) < 1e-9);
    }

    void refusesWithPathAndReason_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message"); // a part of it
        QTest::newRow("not JSON") << QByteArray("{\"name\": ") << QString() << "malformed JSON at offset";
        QTest::newRow("duplicate key") << QByteArray(R"({"name": "a", "name": "b"})") << "name"
                                       << "";
        QTest::newRow("unknown top key")
            << scenario(R"("name": "db")", R"("traffic": {"shape": "constant", "rate": 1}, "colour": 1)")
            << "colour"
            << "unknown key";
        QTest::newRow("no traffic") << scenario(R"("name": "db")", R"("seed": 1)") << "traffic"
                                    << "required";
        QTest::newRow("bad shape") << scenario(R"("name": "db")",
                                               R"("traffic": {"shape": "sine", "rate": 1})")
                                   << "traffic.shape"
                                   << "constant, ramp, bursts, diurnal";
        QTest::newRow("negative rate")
            << scenario(R"("name": "db")", R"("traffic": {"shape": "constant", "rate": -1})")
            << "traffic.rate"
            << "[0, 100000]";
        QTest::newRow("burst longer than its period")
            << scenario(
                   R"("name": "db")",
                   R"("traffic": {"shape": "bursts", "rate": 1, "burst_rate": 2, "every_seconds": 5, "burst_seconds": 6})")
            << "traffic.burst_seconds"
            << "at most every_seconds";
        QTest::newRow("no dependencies")
            << QByteArray(
                   R"({"name": "s", "duration_seconds": 60, "traffic": {"shape": "constant", "rate": 1}, "dependencies": []})")
            << "dependencies"
            << "1 to 16";
        QTest::newRow("dependency without name")
            << scenario(R"("policy": "default")") << "dependencies[0].name"
            << "required";
        QTest::newRow("bad baseline error rate") << scenario(R"("name": "db", "baseline": {"error_rate": 2})")
                                                 << "dependencies[0].baseline.error_rate"
                                                 << "[0, 1]";
        QTest::newRow("duration in a baseline")
            << scenario(R"("name": "db", "baseline": {"duration_seconds": 5})")
            << "dependencies[0].baseline.duration_seconds"
            << "";
        QTest::newRow("phase without start")
            << scenario(R"("name": "db", "phases": [{"duration_seconds": 5, "error_rate": 1}])")
            << "dependencies[0].phases[0].start_seconds"
            << "required";
        QTest::newRow("phase status not an error")
            << scenario(
                   R"("name": "db", "phases": [{"start_seconds": 1, "duration_seconds": 5, "status_mix": {"200": 1}}])")
            << "dependencies[0].phases[0].status_mix.200"
            << "400-599";
        QTest::newRow("phase after the end")
            << scenario(
                   R"("name": "db", "phases": [{"start_seconds": 590, "duration_seconds": 20, "error_rate": 1}])")
            << "dependencies[0].phases[0]"
            << "after the scenario's 600 s";
        QTest::newRow("overlapping phases")
            << scenario(
                   R"("name": "db", "phases": [{"start_seconds": 10, "duration_seconds": 20, "error_rate": 1},
                                                    {"start_seconds": 25, "duration_seconds": 5, "error_rate": 1}])")
            << "dependencies[0].phases[1].start_seconds"
            << "never overlap";
        QTest::newRow("phase naming a policy")
            << scenario(
                   R"("name": "db", "phases": [{"start_seconds": 1, "duration_seconds": 5, "policy": "x"}])")
            << "dependencies[0].phases[0].policy"
            << "belongs to its dependency";
        QTest::newRow("lognormal p99 under p50")
            << scenario(
                   R"("name": "db", "baseline": {"latency": {"distribution": "lognormal", "p50_ms": 50, "p99_ms": 10}})")
            << "dependencies[0].baseline.latency.p99_ms"
            << ">= p50_ms";
        QTest::newRow("rates over 1")
            << scenario(
                   R"("name": "db", "phases": [{"start_seconds": 1, "duration_seconds": 5, "error_rate": 0.6, "hang_rate": 0.6}])")
            << "dependencies[0].phases[0]"
            << "at most 1";
    }
    void refusesWithPathAndReason() {
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const ScenarioParseResult r = ScenarioCodec::parse(json);
        QVERIFY(!r.scenario);
        QVERIFY(!r.errors.isEmpty());
        bool found = false;
        for (const FieldError& e : r.errors)
            found = found || (e.path == path && e.message.contains(message));
        QVERIFY2(found, qPrintable(r.errors.first().toString()));
    }

    void refusesAnOversizedFileBeforeParsing() {
        const QByteArray big = scenario(R"("name": "db")") + QByteArray(ScenarioCodec::maxBytes, ' ');
        const ScenarioParseResult r = ScenarioCodec::parse(big);
        QVERIFY(!r.scenario);
        QVERIFY(r.errors.value(0).message.contains(QStringLiteral("at most 1048576")));
    }

    void percentilesMakeTheLognormal() {
        const LatencyDistribution d = LatencyDistribution::logNormalFromPercentiles(40ms, 400ms);
        SplitMix64 random(3);
        std::vector<double> v;
        for (int i = 0; i < 100000; ++i)
            v.push_back(std::chrono::duration<double, std::milli>(d.sample(random)).count());
        std::sort(v.begin(), v.end());
        QVERIFY2(std::abs(v[50000] - 40) < 1.5, qPrintable(QString::number(v[50000])));
        QVERIFY2(std::abs(v[99000] - 400) < 30, qPrintable(QString::number(v[99000])));
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioCodec)
#include "tst_scenariocodec.moc"
