// SPDX-License-Identifier: GPL-3.0-or-later
#include "probetestsupport.h"

#include "probe/probereport.h"

#include <QJsonArray>
#include <QLocale>
#include <QTcpServer>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// No retry, no breaker, no limiter: each call is one request.
const QByteArray kPlain = R"({"retry": null, "circuit_breaker": null, "rate_limit": null, "timeout": 5,
                              "bulkhead": {"limit": 100, "queue": 0}})";

std::uint64_t received(const Agent& agent) {
    return agent.server()->target().received();
}
} // namespace

class TestProbeRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void healthyTargetOpenLoop() {
        auto agent = startTargetAgent();
        ProbeRun run(probeOptions(targetUrl(*agent), policyFrom(kPlain), 100, 20));
        QVERIFY(runToEnd(run));
        const ProbeReport& r = run.report();
        QCOMPARE(r.offered, std::uint64_t(20));
        QCOMPARE(r.calls[CallCategory::Success], std::uint64_t(20));
        QCOMPARE(r.calls.total(), std::uint64_t(20));
        QCOMPARE(r.attemptsSent, std::uint64_t(20));
        QCOMPARE(r.loadMultiple(), 1.0);
        QCOMPARE(r.startError.count(), std::uint64_t(20));
        QCOMPARE(r.callLatency.count(), std::uint64_t(20));
        QCOMPARE(received(*agent), std::uint64_t(20));
        QCOMPARE(run.unfinished(), std::uint64_t(0));
    }

    void closedLoopWorkers() {
        auto agent = startTargetAgent();
        ProbeOptions o = probeOptions(targetUrl(*agent), policyFrom(kPlain), 0, 30);
        o.load.mode = ProbeLoad::Mode::ClosedLoop;
        o.load.workers = 3;
        ProbeRun run(o);
        QVERIFY(runToEnd(run));
        QCOMPARE(run.report().offered, std::uint64_t(30));
        QCOMPARE(run.report().calls[CallCategory::Success], std::uint64_t(30));
        QCOMPARE(received(*agent), std::uint64_t(30));
        QCOMPARE(run.report().startError.count(), std::uint64_t(0)); // no schedule to be late for
    }

    // Every decision of the pipeline shows in the counts, and what reached the target is what was sent.
    void decisionsShowInTheCounts_data() {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<QByteArray>("policy");
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("category");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("sent");
        QTest::addColumn<int>("targetReceived");
        QTest::newRow("503 without retry") << QByteArray(R"({"error_rate": 1, "duration_seconds": 60})")
                                           << kPlain << 6 << int(CallCategory::Http5xx) << 6 << 6 << 6;
        QTest::newRow("404 is a 4xx")
            << QByteArray(R"({"error_rate": 1, "status_mix": {"404": 1}, "duration_seconds": 60})") << kPlain
            << 4 << int(CallCategory::Http4xx) << 4 << 4 << 4;
        QTest::newRow("503 retried: three requests per call")
            << QByteArray(R"({"error_rate": 1, "retry_after_seconds": 0, "duration_seconds": 60})")
            << QByteArray(R"({"retry": {"max_attempts": 3, "initial_delay": 0.01, "max_delay": 0.02},
                              "circuit_breaker": null, "rate_limit": null, "timeout": 5})")
            << 4 << int(CallCategory::Http5xx) << 4 << 12 << 12;
        QTest::newRow("slower than the timeout")
            << QByteArray(
                   R"({"latency": {"distribution": "fixed", "mean_ms": 3000}, "duration_seconds": 60})")
            << QByteArray(R"({"retry": null, "circuit_breaker": null, "rate_limit": null, "timeout": 0.2})")
            << 3 << int(CallCategory::Timeout) << 3 << 3 << 3;
        // Qt's HTTP stack sends a request once more by itself when its connection closes before any
        // answer: the target sees two requests for each attempt the probe made.
        QTest::newRow("hang: only the timeout ends it")
            << QByteArray(R"({"hang_rate": 1, "duration_seconds": 60})")
            << QByteArray(R"({"retry": null, "circuit_breaker": null, "rate_limit": null, "timeout": 0.2})")
            << 3 << int(CallCategory::Timeout) << 3 << 3 << 3;
        QTest::newRow("429 is a 4xx the caller sees")
            << QByteArray(R"({"error_rate": 1, "status_mix": {"429": 1}, "duration_seconds": 60})") << kPlain
            << 4 << int(CallCategory::Http4xx) << 4 << 4 << 4;
        QTest::newRow("connection reset") << QByteArray(R"({"reset_rate": 1, "duration_seconds": 60})")
                                          << kPlain << 5 << int(CallCategory::Network) << 5 << 5 << 10;
        QTest::newRow("the breaker opens and sheds")
            << QByteArray(R"({"error_rate": 1, "duration_seconds": 60})")
            << QByteArray(R"({"retry": null, "rate_limit": null, "timeout": 5,
                              "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}})")
            << 20 << int(CallCategory::BreakerOpen) << 17 << 3 << 3;
        QTest::newRow("the bulkhead is full")
            << QByteArray(
                   R"({"latency": {"distribution": "fixed", "mean_ms": 1000}, "duration_seconds": 60})")
            << QByteArray(R"({"retry": null, "circuit_breaker": null, "rate_limit": null, "timeout": 5,
                              "bulkhead": {"limit": 1, "queue": 0}})")
            << 5 << int(CallCategory::BulkheadFull) << 4 << 1 << 1;
    }
    void decisionsShowInTheCounts() {
        QFETCH(QByteArray, fault);
        QFETCH(QByteArray, policy);
        QFETCH(int, requests);
        QFETCH(int, category);
        QFETCH(int, count);
        QFETCH(int, sent);
        QFETCH(int, targetReceived);
        auto agent = startTargetAgent();
        QCOMPARE(injectFault(*agent, fault), 201);
        ProbeRun run(probeOptions(targetUrl(*agent), policyFrom(policy), 50, std::uint64_t(requests)));
        QVERIFY(runToEnd(run));
        const ProbeReport& r = run.report();
        QCOMPARE(r.calls.total(), std::uint64_t(requests));
        QCOMPARE(r.calls[CallCategory(category)], std::uint64_t(count));
        QCOMPARE(r.attemptsSent, std::uint64_t(sent));
        QCOMPARE(received(*agent), std::uint64_t(targetReceived));
        QCOMPARE(r.attempts.total(), r.attemptsSent);
    }

    void rateLimiterSheds() {
        auto agent = startTargetAgent();
        const PolicyConfig policy = policyFrom(R"({"retry": null, "circuit_breaker": null, "timeout": 5,
            "rate_limit": {"requests_per_second": 1, "burst_limit": 2}})");
        ProbeRun run(probeOptions(targetUrl(*agent), policy, 100, 10));
        QVERIFY(runToEnd(run));
        const ProbeReport& r = run.report();
        // Ten calls in 0.1 s: the burst of two passes, at most one more token arrives meanwhile.
        QVERIFY(r.calls[CallCategory::RateLimited] >= 7);
        QCOMPARE(r.calls[CallCategory::Success] + r.calls[CallCategory::RateLimited], std::uint64_t(10));
        QCOMPARE(received(*agent), r.calls[CallCategory::Success]);
    }

    void retriesHonourRetryAfter() {
        auto agent = startTargetAgent();
        QCOMPARE(
            injectFault(*agent, R"({"error_rate": 1, "retry_after_seconds": 1, "duration_seconds": 60})"),
            201);
        const PolicyConfig policy = policyFrom(R"({"retry": {"max_attempts": 2, "initial_delay": 0.01,
            "max_delay": 0.02, "randomize": false}, "circuit_breaker": null, "rate_limit": null, "timeout": 5})");
        ProbeRun run(probeOptions(targetUrl(*agent), policy, 50, 2));
        QVERIFY(runToEnd(run));
        const ProbeReport& r = run.report();
        QCOMPARE(r.attemptsSent, std::uint64_t(4));
        // Without the server's word the retry would come after 10 ms; Retry-After: 1 holds it for 1 s.
        QVERIFY2(r.callLatency.min() >= 1s, qPrintable(QString::number(r.callLatency.percentile(0))));
        QVERIFY(r.attemptLatency.max() < 1s); // the wait is between attempts, not in them
    }

    void closedPortIsANetworkError() {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost));
        const quint16 port = placeholder.serverPort();
        placeholder.close(); // nobody listens there now
        ProbeRun run(
            probeOptions(QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port)), policyFrom(kPlain), 50, 3));
        QVERIFY(runToEnd(run));
        QCOMPARE(run.report().calls[CallCategory::Network], std::uint64_t(3));
    }

    void durationEndsTheSchedule() {
        auto agent = startTargetAgent();
        ProbeOptions o = probeOptions(targetUrl(*agent), policyFrom(kPlain), 40, 0);
        o.load.requests.reset();
        o.load.duration = 500ms;
        ProbeRun run(o);
        QVERIFY(runToEnd(run));
        // The schedule, not the timer's luck: calls due at 0, 25, ..., 475 ms.
        QCOMPARE(run.report().offered, std::uint64_t(20));
        QCOMPARE(received(*agent), std::uint64_t(20));
        QVERIFY(run.report().achievedRate().has_value());
    }

    void snapshotsCarryThePolicies() {
        auto agent = startTargetAgent();
        QCOMPARE(injectFault(*agent, R"({"error_rate": 1, "duration_seconds": 60})"), 201);
        const PolicyConfig policy = policyFrom(R"({"retry": null, "timeout": 5,
            "circuit_breaker": {"failure_threshold": 2, "recovery_timeout": 60},
            "rate_limit": {"requests_per_second": 100, "burst_limit": 100}, "bulkhead": {"limit": 7, "queue": 1}})");
        ProbeRun run(probeOptions(targetUrl(*agent), policy, 50, 5));
        QSignalSpy progressed(&run, &ProbeRun::progressed);
        QVERIFY(runToEnd(run));
        QVERIFY(!progressed.isEmpty());
        const auto last = progressed.last().at(0).value<ProbeSnapshot>();
        QCOMPARE(last.breakerState, QStringLiteral("open"));
        QCOMPARE(last.bulkheadCapacity.value_or(0), 7u);
        QVERIFY(last.tokensAvailable.has_value());
        QCOMPARE(last.calls.total(), std::uint64_t(5));
        QVERIFY(last.errorRate.has_value());
        QCOMPARE(*last.errorRate, 1.0);
        QCOMPARE(last.tokenLimit.value_or(0), 100.0);
        // The window's figures: the five calls finished within it, so its latencies exist.
        QVERIFY(last.windowSeconds > 0 && last.windowSeconds <= last.elapsedSeconds + 1e-9);
        QVERIFY(last.callP50 && last.callP95 && last.callP99);
        QVERIFY(*last.callP50 <= *last.callP95 && *last.callP95 <= *last.callP99);
    }

    void reportAsJsonAndCsv() {
        auto agent = startTargetAgent();
        QCOMPARE(injectFault(*agent, R"({"error_rate": 1, "duration_seconds": 60})"), 201);
        ProbeRun run(probeOptions(targetUrl(*agent), policyFrom(kPlain), 50, 4));
        QVERIFY(runToEnd(run));
        const QJsonObject json = run.report().toJson();
        const QJsonObject calls = json.value(QStringLiteral("calls")).toObject();
        QCOMPARE(calls.value(QStringLiteral("http_5xx")).toInteger(), 4);
        QCOMPARE(calls.value(QStringLiteral("success")).toInteger(), 0);
        QCOMPARE(calls.value(QStringLiteral("offered")).toInteger(), 4);
        QCOMPARE(json.value(QStringLiteral("error_rate")).toDouble(), 1.0);
        QCOMPARE(json.value(QStringLiteral("load_multiple")).toDouble(), 1.0);
        QVERIFY(
            json.value(QStringLiteral("call_latency")).toObject().contains(QStringLiteral("p95_seconds")));
        const QByteArray csv = probeCsv({run.report()});
        QCOMPARE(csv.count('\n'), 2);
        QCOMPARE(csv.split('\n').at(0).count(','), csv.split('\n').at(1).count(','));
        const QJsonObject compared = probeComparisonJson({run.report(), run.report()});
        QCOMPARE(compared.value(QStringLiteral("summary")).toArray().size(), 2);
    }
};

QTEST_MAIN(TestProbeRun)
#include "tst_proberun.moc"
