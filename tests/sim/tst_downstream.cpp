// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/downstream.h"

#include "policy/httpclassification.h"

#include <QLocale>
#include <QTest>

#include <cmath>

using namespace jimini;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(LatencyDistribution)

namespace {
double ms(Duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}
} // namespace

class tst_Downstream : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void distributionsStayInBounds_data() {
        QTest::addColumn<LatencyDistribution>("distribution");
        QTest::addColumn<double>("minMs");
        QTest::addColumn<double>("maxMs");
        QTest::addColumn<double>("meanMs");
        QTest::addColumn<double>("tolerance"); // on the sample mean, ms
        QTest::newRow("fixed") << LatencyDistribution::fixed(25ms) << 25.0 << 25.0 << 25.0 << 0.0;
        QTest::newRow("uniform") << LatencyDistribution::uniform(10ms, 30ms) << 10.0 << 30.0 << 20.0 << 0.5;
        // Normal is cut at 0; with mean 5 sd the cut is negligible.
        QTest::newRow("normal") << LatencyDistribution::normal(100ms, 20ms) << 0.0 << 220.0 << 100.0 << 1.0;
        QTest::newRow("lognormal") << LatencyDistribution::logNormal(40ms, 20ms) << 0.0 << 1000.0 << 40.0
                                   << 1.5;
    }
    void distributionsStayInBounds() {
        QFETCH(LatencyDistribution, distribution);
        QFETCH(double, minMs);
        QFETCH(double, maxMs);
        QFETCH(double, meanMs);
        QFETCH(double, tolerance);
        SplitMix64 random(42);
        constexpr int n = 20000;
        double sum = 0;
        for (int i = 0; i < n; ++i) {
            const double v = ms(distribution.sample(random));
            QVERIFY2(v >= minMs - 1e-6 && v <= maxMs + 1e-6, qPrintable(QString::number(v)));
            sum += v;
        }
        QVERIFY2(std::abs(sum / n - meanMs) <= tolerance + 1e-9, qPrintable(QString::number(sum / n)));
    }

    void seededRunsReplay() {
        const LatencyDistribution d = LatencyDistribution::logNormal(40ms, 20ms);
        SplitMix64 a(7);
        SplitMix64 b(7);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(d.sample(a), d.sample(b));
    }

    void faultsDriveOutcomes_data() {
        QTest::addColumn<double>("errorRate");
        QTest::addColumn<double>("hangRate");
        QTest::addColumn<double>("resetRate");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("expectErrors"); // out of 1000
        QTest::addColumn<int>("expectHangs");
        QTest::addColumn<int>("expectResets");
        QTest::newRow("all 503") << 1.0 << 0.0 << 0.0 << 503 << 1000 << 0 << 0;
        QTest::newRow("all hang") << 0.0 << 1.0 << 0.0 << 503 << 0 << 1000 << 0;
        QTest::newRow("all reset") << 0.0 << 0.0 << 1.0 << 503 << 0 << 0 << 1000;
        QTest::newRow("none") << 0.0 << 0.0 << 0.0 << 503 << 0 << 0 << 0;
    }
    void faultsDriveOutcomes() {
        QFETCH(double, errorRate);
        QFETCH(double, hangRate);
        QFETCH(double, resetRate);
        QFETCH(int, status);
        QFETCH(int, expectErrors);
        QFETCH(int, expectHangs);
        QFETCH(int, expectResets);
        DownstreamOptions o;
        o.errorRate = 0;
        Downstream downstream(o);
        FaultEffect fault;
        fault.active = true;
        fault.count = 1;
        fault.rules[0].id = 1;
        fault.rules[0].errorRate = errorRate;
        fault.rules[0].hangRate = hangRate;
        fault.rules[0].resetRate = resetRate;
        fault.rules[0].statusMix[0] = {status, 1};
        fault.rules[0].statusCount = 1;
        SplitMix64 random(1);
        int errors = 0, hangs = 0, resets = 0;
        for (int i = 0; i < 1000; ++i) {
            const AttemptPlan p = downstream.plan(fault, random);
            if (p.hang) {
                QCOMPARE(p.faultId, 1);
                ++hangs;
            } else if (p.outcome.category == ErrorCategory::ServiceUnavailable && p.outcome.httpStatus == 0)
                ++resets;
            else if (!p.outcome.ok()) {
                QCOMPARE(int(p.outcome.httpStatus), status);
                ++errors;
            }
        }
        QCOMPARE(errors, expectErrors);
        QCOMPARE(hangs, expectHangs);
        QCOMPARE(resets, expectResets);
    }

    void baseErrorRateAndMixHoldStatistically() {
        DownstreamOptions o;
        o.errorRate = 0.2;
        o.statusMix = {{503, 3}, {500, 1}};
        o.latency = LatencyDistribution::fixed(5ms);
        Downstream downstream(o);
        SplitMix64 random(99);
        int e503 = 0, e500 = 0;
        constexpr int n = 20000;
        for (int i = 0; i < n; ++i) {
            const AttemptPlan p = downstream.plan(FaultEffect{}, random);
            QCOMPARE(p.latency, Duration(5ms));
            e503 += p.outcome.httpStatus == 503;
            e500 += p.outcome.httpStatus == 500;
        }
        QVERIFY2(std::abs((e503 + e500) / double(n) - 0.2) < 0.015, qPrintable(QString::number(e503 + e500)));
        QVERIFY2(std::abs(e503 / double(e503 + e500) - 0.75) < 0.03, qPrintable(QString::number(e503)));
    }

    void rateLimitAnswersCarryRetryAfter() {
        Downstream downstream;
        FaultEffect fault;
        fault.active = true;
        fault.count = 1;
        fault.rules[0].errorRate = 1.0;
        fault.rules[0].statusMix[0] = {429, 1};
        fault.rules[0].statusCount = 1;
        fault.rules[0].retryAfter = 5s;
        SplitMix64 random(3);
        const AttemptPlan p = downstream.plan(fault, random);
        QVERIFY(p.outcome.category == ErrorCategory::RateLimit);
        QCOMPARE(int(p.outcome.httpStatus), 429);
        QCOMPARE(*p.outcome.retryAfter, Duration(5s));
        QVERIFY(p.outcome.canRetry);
    }

    void firstDecidingFaultWinsAndLatenciesAddUp() {
        DownstreamOptions o;
        o.errorRate = 0;
        o.latency = LatencyDistribution::fixed(10ms);
        Downstream downstream(o);
        FaultEffect fault;
        fault.active = true;
        fault.count = 2;
        fault.rules[0].id = 1;
        fault.rules[0].latency = LatencyDistribution::fixed(100ms); // latency only: never decides
        fault.rules[1].id = 2;
        fault.rules[1].errorRate = 1.0;
        fault.rules[1].latency = LatencyDistribution::fixed(50ms);
        SplitMix64 random(5);
        AttemptPlan p = downstream.plan(fault, random);
        QCOMPARE(int(p.outcome.httpStatus), 503);                // no status_mix: 503
        QCOMPARE(*p.outcome.retryAfter, kHttpDefaultRetryAfter); // no Retry-After sent: the client's default
        QCOMPARE(p.latency, Duration(150ms)); // both faults' latencies, not the downstream's
        QVERIFY(!p.realCall);

        fault.rules[1].errorRate = 0; // now the real call answers, after every latency
        p = downstream.plan(fault, random);
        QVERIFY(p.realCall);
        QVERIFY(p.outcome.ok());
        QCOMPARE(p.latency, Duration(160ms));
        QCOMPARE(p.faultLatency, Duration(150ms));
    }
};

QTEST_GUILESS_MAIN(tst_Downstream)
#include "tst_downstream.moc"
