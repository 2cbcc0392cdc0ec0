// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/failureparts.h"
#include "health/healthmonitor.h"
#include "health/healthnames.h"

#include <QLocale>
#include <QTest>

#include <cmath>
#include <thread>

using namespace jimini;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(jimini::Outcome)

namespace {
TimePoint at(Duration d) {
    return TimePoint{d};
}
Outcome fail() {
    return Outcome::failure(ErrorCategory::ServiceUnavailable, true);
}
const QDateTime wallNow = QDateTime(QDate(2026, 11, 29), QTime(2, 30), Qt::UTC);
} // namespace

class tst_HealthMonitor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void empty() {
        HealthMonitor m(QStringLiteral("payments"), at(0s));
        const HealthMetrics x = m.metrics(at(5s), wallNow);
        QCOMPARE(x.serviceName, QStringLiteral("payments"));
        QCOMPARE(x.totalOperations, 0u);
        QCOMPARE(x.currentErrorRate, 0.0);
        QCOMPARE(x.averageResponseTime, 0.0);
        QCOMPARE(x.requestsPerSecond, std::optional<double>(0.0));
        QCOMPARE(x.coveredSeconds, std::optional<double>(5.0));
        QVERIFY(!x.lastSuccessTime && !x.lastFailureTime);
        QCOMPARE(toString(m.level(at(5s))), QStringLiteral("healthy"));
        QVERIFY(m.isHealthy(at(5s)));
        QVERIFY(m.alerts(at(5s)).empty());
        QCOMPARE(m.bucketCount(), std::size_t(60));
    }

    // The guide's rules at each boundary; all comparisons strict.
    void boundaries_data() {
        QTest::addColumn<int>("calls");
        QTest::addColumn<int>("failures");
        QTest::addColumn<qint64>("latencyMs");
        QTest::addColumn<int>("opens");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QStringList>("alerts"); // "level|message"

        QTest::newRow("all fine") << 100 << 0 << qint64(40) << 0 << QStringLiteral("healthy")
                                  << QStringList{};
        QTest::newRow("10 % is not unhealthy")
            << 100 << 10 << qint64(40) << 0 << QStringLiteral("healthy") << QStringList{};
        QTest::newRow("10.01 % is") << 10000 << 1001 << qint64(40) << 0 << QStringLiteral("degraded")
                                    << QStringList{"warning|High error rate: 10.01%"};
        QTest::newRow("13 %, the protocol's example")
            << 100 << 13 << qint64(40) << 0 << QStringLiteral("degraded")
            << QStringList{"warning|High error rate: 13.00%"};
        QTest::newRow("19.99 % alert still warning")
            << 10000 << 1999 << qint64(40) << 0 << QStringLiteral("degraded")
            << QStringList{"warning|High error rate: 19.99%"};
        QTest::newRow("20 % alert is critical") << 100 << 20 << qint64(40) << 0 << QStringLiteral("degraded")
                                                << QStringList{"critical|High error rate: 20.00%"};
        QTest::newRow("25 % still degraded") << 100 << 25 << qint64(40) << 0 << QStringLiteral("degraded")
                                             << QStringList{"critical|High error rate: 25.00%"};
        QTest::newRow("25.01 % critical") << 10000 << 2501 << qint64(40) << 0 << QStringLiteral("critical")
                                          << QStringList{"critical|High error rate: 25.01%"};
        QTest::newRow("5 s average is fine")
            << 10 << 0 << qint64(5000) << 0 << QStringLiteral("healthy") << QStringList{};
        QTest::newRow("5.001 s degraded") << 10 << 0 << qint64(5001) << 0 << QStringLiteral("degraded")
                                          << QStringList{"warning|High response time: 5.00s"};
        QTest::newRow("6.2 s") << 10 << 0 << qint64(6200) << 0 << QStringLiteral("degraded")
                               << QStringList{"warning|High response time: 6.20s"};
        QTest::newRow("10 s still degraded") << 10 << 0 << qint64(10000) << 0 << QStringLiteral("degraded")
                                             << QStringList{"warning|High response time: 10.00s"};
        QTest::newRow("10.01 s critical") << 10 << 0 << qint64(10010) << 0 << QStringLiteral("critical")
                                          << QStringList{"warning|High response time: 10.01s"};
        QTest::newRow("3 opens: healthy, alert") << 10 << 0 << qint64(40) << 3 << QStringLiteral("healthy")
                                                 << QStringList{"warning|Circuit breaker opens detected: 3"};
        QTest::newRow("4 opens degraded") << 10 << 0 << qint64(40) << 4 << QStringLiteral("degraded")
                                          << QStringList{"warning|Circuit breaker opens detected: 4"};
        QTest::newRow("10 opens degraded") << 10 << 0 << qint64(40) << 10 << QStringLiteral("degraded")
                                           << QStringList{"warning|Circuit breaker opens detected: 10"};
        QTest::newRow("11 opens critical") << 10 << 0 << qint64(40) << 11 << QStringLiteral("critical")
                                           << QStringList{"warning|Circuit breaker opens detected: 11"};
        QTest::newRow("no traffic, 2 opens") << 0 << 0 << qint64(0) << 2 << QStringLiteral("healthy")
                                             << QStringList{"warning|Circuit breaker opens detected: 2"};
        QTest::newRow("everything at once, in the guide's order")
            << 100 << 30 << qint64(7000) << 12 << QStringLiteral("critical")
            << QStringList{"critical|High error rate: 30.00%", "warning|High response time: 7.00s",
                           "warning|Circuit breaker opens detected: 12"};
    }
    void boundaries() {
        QFETCH(int, calls);
        QFETCH(int, failures);
        QFETCH(qint64, latencyMs);
        QFETCH(int, opens);
        QFETCH(QString, level);
        QFETCH(QStringList, alerts);
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        const TimePoint now = at(100s);
        for (int i = 0; i < calls; ++i)
            m.recordCall(now, i < failures ? fail() : Outcome::success(),
                         std::chrono::milliseconds(latencyMs), 0);
        for (int i = 0; i < opens; ++i)
            m.recordBreakerOpen(now);
        QCOMPARE(toString(m.level(now)), level);
        QCOMPARE(m.isHealthy(now), level == QLatin1String("healthy"));
        QStringList got;
        for (const HealthAlert& a : m.alerts(now))
            got << toString(a.level) + u'|' + a.message;
        QCOMPARE(got, alerts);
    }

    void alertFields() {
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        for (int i = 0; i < 100; ++i)
            m.recordCall(at(1s), i < 13 ? fail() : Outcome::success(), 6200ms, 0);
        m.recordBreakerOpen(at(1s));
        m.recordBreakerOpen(at(1s));
        const auto alerts = m.alerts(at(1s));
        QCOMPARE(alerts.size(), std::size_t(3));
        QCOMPARE(alerts[0].metric, QStringLiteral("error_rate"));
        QCOMPARE(alerts[0].value, 0.13);
        QCOMPARE(alerts[0].threshold, std::optional<double>(0.10));
        QCOMPARE(alerts[1].metric, QStringLiteral("response_time"));
        QCOMPARE(alerts[1].value, 6.2);
        QCOMPARE(alerts[1].threshold, std::optional<double>(5.0));
        QCOMPARE(alerts[2].metric, QStringLiteral("circuit_breaker_opens"));
        QCOMPARE(alerts[2].message, QStringLiteral("Circuit breaker opens detected: 2"));
        QCOMPARE(alerts[2].value, 2.0);
        QVERIFY(!alerts[2].threshold);
    }

    // Failures at second 0 count until the window has moved a full 60 s past them.
    void windowRollOver_data() {
        QTest::addColumn<qint64>("queryMs");
        QTest::addColumn<quint64>("total");
        QTest::addColumn<quint64>("failed");
        QTest::newRow("same second") << qint64(900) << quint64(10) << quint64(10);
        QTest::newRow("59.999 s: still in") << qint64(59999) << quint64(30) << quint64(10);
        QTest::newRow("60 s: second 0 aged out") << qint64(60000) << quint64(20) << quint64(0);
        QTest::newRow("89.999 s: second 30 still in") << qint64(89999) << quint64(20) << quint64(0);
        QTest::newRow("90 s: all gone") << qint64(90000) << quint64(0) << quint64(0);
    }
    void windowRollOver() {
        QFETCH(qint64, queryMs);
        QFETCH(quint64, total);
        QFETCH(quint64, failed);
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        for (int i = 0; i < 10; ++i)
            m.recordCall(at(500ms), fail(), 10ms, 0);
        for (int i = 0; i < 20; ++i)
            m.recordCall(at(30s), Outcome::success(), 10ms, 0);
        const HealthMetrics x = m.metrics(at(std::chrono::milliseconds(queryMs)), wallNow);
        QCOMPARE(x.totalOperations, total);
        QCOMPARE(x.failedOperations, failed);
        QCOMPARE(x.successfulOperations, total - failed);
    }

    // A bucket reused for a later second starts from zero; a sample older than the window is dropped.
    void bucketRecycling() {
        HealthMonitor m(QStringLiteral("svc"), at(0s), HealthThresholds{.window = 5s});
        QCOMPARE(m.bucketCount(), std::size_t(5));
        m.recordCall(at(1s), fail(), 9s, 0);
        m.recordCall(at(6s), Outcome::success(), 1s, 0); // same bucket as second 1
        m.recordCall(at(1s), fail(), 9s, 0);             // straggler older than the window
        const HealthMetrics x = m.metrics(at(6s), wallNow);
        QCOMPARE(x.totalOperations, 1u);
        QCOMPARE(x.failedOperations, 0u);
        QCOMPARE(x.averageResponseTime, 1.0);
        // The window at 6 s holds seconds 2..6: 4 s so far of the current one, 1 call in them.
        QCOMPARE(x.coveredSeconds, std::optional<double>(4.0));
        QCOMPARE(x.requestsPerSecond, std::optional<double>(0.25));
        // Still the latest failure ever seen, for last_failure_time.
        QCOMPARE(x.lastFailureTime, std::optional<QDateTime>(wallNow.addSecs(-5)));
    }

    // docs/health.md: 1,000,000 calls at 0.1 % errors, then a minute of total outage.
    void longHealthyPastDoesNotHideNewOutage() {
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        std::uint64_t lifetimeCalls = 0;
        std::uint64_t lifetimeFailures = 0;
        TimePoint t = at(0s);
        for (int second = 0; second < 10000; ++second) {
            t = at(std::chrono::seconds(second));
            for (int i = 0; i < 100; ++i) {
                const bool failed = (second * 100 + i) % 1000 == 0;
                m.recordCall(t, failed ? fail() : Outcome::success(), 30ms, 0);
                ++lifetimeCalls;
                lifetimeFailures += failed;
            }
        }
        QCOMPARE(toString(m.level(t)), QStringLiteral("healthy"));
        for (int second = 10000; second < 10060; ++second) {
            t = at(std::chrono::seconds(second));
            for (int i = 0; i < 100; ++i) {
                m.recordCall(t, fail(), 30ms, 0);
                ++lifetimeCalls;
                ++lifetimeFailures;
            }
        }
        QCOMPARE(lifetimeCalls, 1'006'000u);
        QCOMPARE(lifetimeFailures, 7'000u);
        // What the guide's lifetime totals would say: 0.7 %, healthy.
        QVERIFY(double(lifetimeFailures) / double(lifetimeCalls) < 0.10);
        const HealthMetrics x = m.metrics(t, wallNow);
        QCOMPARE(x.totalOperations, 6000u);
        QCOMPARE(x.failedOperations, 6000u);
        QCOMPARE(x.currentErrorRate, 1.0);
        QCOMPARE(toString(m.level(t)), QStringLiteral("critical"));
        QCOMPARE(m.alerts(t).front().message, QStringLiteral("High error rate: 100.00%"));
        // And a minute after recovery the outage no longer counts.
        for (int second = 10060; second < 10120; ++second) {
            t = at(std::chrono::seconds(second));
            m.recordCall(t, Outcome::success(), 30ms, 0);
        }
        QCOMPARE(toString(m.level(t)), QStringLiteral("healthy"));
    }

    // What each outcome counts as.
    void outcomes() {
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        const TimePoint now = at(10s);
        m.recordCall(at(7500ms), Outcome::success(), 100ms, 2);
        m.recordCall(at(8s), fail(), 300ms, 1);
        m.recordCall(at(9s), Outcome::timedOut(), 2000ms, 0);
        m.recordCall(at(9s), Outcome::rateLimited(), 0ms, 0);
        m.recordCall(at(9s), Outcome::rateLimited(), 0ms, 0);
        m.recordCall(at(9s), Outcome::breakerOpen(), 0ms, 0);
        m.recordCall(at(9s), Outcome::bulkheadFull(), 0ms, 0);
        m.recordCall(at(9500ms), Outcome::queueTimeout(), 5000ms, 0);
        const HealthMetrics x = m.metrics(now, wallNow);
        QCOMPARE(x.totalOperations, 8u);
        QCOMPARE(x.successfulOperations, 1u);
        QCOMPARE(x.failedOperations, 7u);
        QCOMPARE(x.rateLimitHits, 2u);
        QCOMPARE(x.timeouts, 1u);
        QCOMPARE(x.retries, 3u);
        QCOMPARE(x.currentErrorRate, 7.0 / 8.0);
        // Latency only from calls that reached the operation: (0.1 + 0.3 + 2.0) / 3.
        QCOMPARE(x.averageResponseTime, 0.8);
        QVERIFY(std::abs(x.p50ResponseTime.value_or(-1) - 0.3) <= 0.3 * 0.02); // the histogram's precision
        QCOMPARE(x.p99ResponseTime, std::optional<double>(2.0));
        QCOMPARE(x.requestsPerSecond,
                 std::optional<double>(8.0 / 10.0)); // 10 s since the start, not the 60 s window
        QCOMPARE(x.lastSuccessTime,
                 std::optional<QDateTime>(QDateTime(QDate(2026, 11, 29), QTime(2, 29, 57, 500), Qt::UTC)));
        QCOMPARE(x.lastFailureTime,
                 std::optional<QDateTime>(QDateTime(QDate(2026, 11, 29), QTime(2, 29, 59, 500), Qt::UTC)));
        QCOMPARE(m.latencies(now).count(), 3u);
    }

    // requests_per_second is the calls over the time the window covers (from the later of the start and
    // the window's first second), never less than one second. Calls come at a constant load, one in the
    // middle of each 1/load slot, so any span whose ends are on slot edges holds exactly load x span.
    void rateFromTheFirstSecond_data() {
        QTest::addColumn<double>("load");        // calls per second
        QTest::addColumn<qint64>("startMs");     // the monitor's start
        QTest::addColumn<qint64>("queryMs");     // after the start
        QTest::addColumn<qint64>("pauseFromMs"); // no calls in [from, to), after the start
        QTest::addColumn<qint64>("pauseToMs");
        QTest::addColumn<double>("covered");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("tolerance");

        QTest::newRow("0.5 s: the calls so far over the 1 s floor (a lower bound)")
            << 40.0 << qint64(0) << qint64(500) << qint64(0) << qint64(0) << 0.5 << 20.0 << 0.0;
        QTest::newRow("1 s: the load")
            << 40.0 << qint64(0) << qint64(1000) << qint64(0) << qint64(0) << 1.0 << 40.0 << 0.0;
        QTest::newRow("1.5 s") << 40.0 << qint64(0) << qint64(1500) << qint64(0) << qint64(0) << 1.5 << 40.0
                               << 0.0;
        QTest::newRow("10 s (the old code said 6.7)")
            << 40.0 << qint64(0) << qint64(10000) << qint64(0) << qint64(0) << 10.0 << 40.0 << 0.0;
        QTest::newRow("59.5 s") << 40.0 << qint64(0) << qint64(59500) << qint64(0) << qint64(0) << 59.5
                                << 40.0 << 0.0;
        QTest::newRow("60 s: second 0 left, 59 whole seconds")
            << 40.0 << qint64(0) << qint64(60000) << qint64(0) << qint64(0) << 59.0 << 40.0 << 0.0;
        QTest::newRow("steady, 0.25 s into a second (not divided as a whole one)")
            << 40.0 << qint64(0) << qint64(600250) << qint64(0) << qint64(0) << 59.25 << 40.0 << 0.0;
        QTest::newRow("restarted at 1000.3 s: 0.5 s")
            << 40.0 << qint64(1000300) << qint64(500) << qint64(0) << qint64(0) << 0.5 << 20.0 << 0.0;
        QTest::newRow("restarted at 1000.3 s: 2 s")
            << 40.0 << qint64(1000300) << qint64(2000) << qint64(0) << qint64(0) << 2.0 << 40.0 << 0.0;
        QTest::newRow("restarted at 1000.3 s: the window starts after it (1001..1060)")
            << 40.0 << qint64(1000300) << qint64(59700) << qint64(0) << qint64(0) << 59.0 << 40.0 << 0.0;
        QTest::newRow("idle for its first 30 s: 10 s of calls over 40 s")
            << 40.0 << qint64(0) << qint64(40000) << qint64(0) << qint64(30000) << 40.0 << 10.0 << 0.0;
        QTest::newRow("stopped at 90 s, read at 120 s: 29 s of calls in 59")
            << 40.0 << qint64(0) << qint64(120000) << qint64(90000) << qint64(200000) << 59.0
            << 40.0 * 29 / 59 << 0.0;
        QTest::newRow("paused 30..100 s, a full window later: the load again")
            << 40.0 << qint64(0) << qint64(161000) << qint64(30000) << qint64(100000) << 59.0 << 40.0 << 0.0;
        // The agent: 33 calls/s read 0.3, 1.4, 2.4 ... for its first ten seconds.
        for (int second = 1; second <= 10; ++second)
            QTest::addRow("33/s at %d s", second)
                << 33.0 << qint64(0) << qint64(second) * 1000 << qint64(0) << qint64(0) << double(second)
                << 33.0 << 1.0 / second; // one call's worth either way over the span
    }
    void rateFromTheFirstSecond() {
        QFETCH(double, load);
        QFETCH(qint64, startMs);
        QFETCH(qint64, queryMs);
        QFETCH(qint64, pauseFromMs);
        QFETCH(qint64, pauseToMs);
        QFETCH(double, covered);
        QFETCH(double, rate);
        QFETCH(double, tolerance);
        const TimePoint start = at(std::chrono::milliseconds(startMs));
        const auto after = [&](double seconds) {
            return start + std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
        };
        HealthMonitor m(QStringLiteral("svc"), start);
        for (std::int64_t k = 0;; ++k) {
            const double t = (double(k) + 0.5) / load;
            if (t * 1000 >= double(queryMs))
                break;
            if (t * 1000 >= double(pauseFromMs) && t * 1000 < double(pauseToMs))
                continue;
            m.recordCall(after(t), Outcome::success(), 1ms, 0);
        }
        const HealthMetrics x = m.metrics(start + std::chrono::milliseconds(queryMs), wallNow);
        QVERIFY(x.coveredSeconds);
        QCOMPARE(*x.coveredSeconds, covered);
        if (tolerance == 0)
            QCOMPARE(x.requestsPerSecond, std::optional<double>(rate));
        else
            QVERIFY2(std::abs(x.requestsPerSecond.value_or(-1) - rate) <= tolerance,
                     qPrintable(QString::number(x.requestsPerSecond.value_or(-1))));
    }

    // The floor: one call 1 ms after the start is 1/s, not 1000/s; before any time has passed, 0 s.
    void firstMomentsAreNotExtrapolated() {
        HealthMonitor m(QStringLiteral("svc"), at(7s));
        QCOMPARE(m.metrics(at(7s), wallNow).coveredSeconds, std::optional<double>(0.0));
        QCOMPARE(m.metrics(at(7s), wallNow).requestsPerSecond, std::optional<double>(0.0));
        m.recordCall(at(7001ms), Outcome::success(), 1ms, 0);
        const HealthMetrics x = m.metrics(at(7001ms), wallNow);
        QCOMPARE(x.requestsPerSecond, std::optional<double>(1.0));
        QCOMPARE(x.coveredSeconds, std::optional<double>(0.001));
    }

    // Which part of failed_operations each outcome counts in; a success in none.
    void failureKinds_data() {
        QTest::addColumn<Outcome>("outcome");
        QTest::addColumn<int>("kind"); // FailureKind, -1: not a failure
        QTest::newRow("success") << Outcome::success() << -1;
        QTest::newRow("failure: downstream") << fail() << int(FailureKind::Downstream);
        QTest::newRow("business logic failure: downstream")
            << Outcome::failure(ErrorCategory::BusinessLogic, false) << int(FailureKind::Downstream);
        QTest::newRow("timed out") << Outcome::timedOut() << int(FailureKind::Timeout);
        QTest::newRow("rate limited") << Outcome::rateLimited() << int(FailureKind::RateLimited);
        QTest::newRow("bulkhead full") << Outcome::bulkheadFull() << int(FailureKind::BulkheadFull);
        QTest::newRow("queue timeout: bulkhead") << Outcome::queueTimeout() << int(FailureKind::BulkheadFull);
        QTest::newRow("breaker open") << Outcome::breakerOpen() << int(FailureKind::BreakerOpen);
        QTest::newRow("cancelled") << Outcome::cancelled() << int(FailureKind::Cancelled);
    }
    void failureKinds() {
        QFETCH(Outcome, outcome);
        QFETCH(int, kind);
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        m.recordCall(at(1s), outcome, 5ms, 0);
        const HealthMetrics x = m.metrics(at(2s), wallNow);
        QVERIFY(x.failures);
        const FailureParts parts = FailureParts::of(x);
        QVERIFY(parts.complete());
        for (std::size_t k = 0; k < failureKindCount; ++k)
            QCOMPARE(*parts.count(FailureKind(k)), std::uint64_t(int(k) == kind ? 1 : 0));
        QCOMPARE(x.failures->total(), x.failedOperations);
    }

    // The instance: 74 % errors and critical, 1,416 of its 1,531 failures its own limiter. The
    // guide's figure and level stay; the parts say what they are made of, and add up to it, also after
    // the window has moved on from some of them.
    void failureBreakdownAddsUp() {
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        const struct {
            Outcome outcome;
            int count;
        } mix[] = {{Outcome::success(), 538}, {Outcome::rateLimited(), 1416}, {fail(), 80},
                   {Outcome::timedOut(), 30}, {Outcome::bulkheadFull(), 3},   {Outcome::queueTimeout(), 2}};
        int i = 0;
        for (const auto& [outcome, count] : mix)
            for (int n = 0; n < count; ++n, ++i)
                m.recordCall(at(std::chrono::milliseconds(i * 25)), outcome, 1ms, 0); // 52 s in all
        HealthMetrics x = m.metrics(at(55s), wallNow);
        QCOMPARE(x.failedOperations, 1531u);
        QCOMPARE(toString(m.level(x)), QStringLiteral("critical"));
        QVERIFY(std::abs(x.currentErrorRate - 1531.0 / 2069.0) < 1e-12);
        QCOMPARE(*x.failures, (FailureBreakdown{80, 30, 1416, 5, 0, 0}));
        QCOMPARE(x.failures->total(), x.failedOperations);
        // At 75 s the window starts at 16 s: the first 640 calls (538 successes, 102 rate limited) left it.
        x = m.metrics(at(75s), wallNow);
        QCOMPARE(x.failures->rateLimited, 1416u - 102u);
        QCOMPARE(x.failures->total(), x.failedOperations);
        QCOMPARE(x.failures->rateLimited, x.rateLimitHits);
        QCOMPARE(x.failures->timeout, x.timeouts);
    }

    // The agent records from its traffic thread while the HTTP thread reads (run under TSan).
    void concurrentRecordAndRead() {
        HealthMonitor m(QStringLiteral("svc"), at(0s));
        auto writer = [&m](int offset) {
            for (int i = 0; i < 20000; ++i)
                m.recordCall(at(std::chrono::milliseconds(i / 10 + offset)), Outcome::success(), 1ms, 0);
        };
        std::thread a(writer, 0);
        std::thread b(writer, 1);
        for (int i = 0; i < 200; ++i)
            (void)m.metrics(at(2s), wallNow);
        a.join();
        b.join();
        QCOMPARE(m.metrics(at(2001ms), wallNow).totalOperations, 40000u);
    }
};

QTEST_GUILESS_MAIN(tst_HealthMonitor)
#include "tst_healthmonitor.moc"
