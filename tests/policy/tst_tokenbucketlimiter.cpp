// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/manualclock.h"
#include "policy/tokenbucketlimiter.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

class tst_TokenBucketLimiter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void burstThenRefill_data() {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("burst");
        QTest::addColumn<Duration>("interval");
        QTest::newRow("production 8/s burst 15") << 8.0 << 15 << Duration(125ms);
        QTest::newRow("staging 10/s burst 20") << 10.0 << 20 << Duration(100ms);
        QTest::newRow("4/s burst 1") << 4.0 << 1 << Duration(250ms);
        QTest::newRow("1000/s burst 3") << 1000.0 << 3 << Duration(1ms);
    }
    void burstThenRefill() {
        QFETCH(double, rate);
        QFETCH(int, burst);
        QFETCH(Duration, interval);
        ManualClock clock(TimePoint{} + 42s);
        TokenBucketLimiter limiter(rate, std::uint32_t(burst));
        QCOMPARE(limiter.interval(), interval);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, double(burst)); // starts full
        for (int i = 0; i < burst; ++i)
            QVERIFY(limiter.tryAcquire(clock.now()).permitted);
        RateDecision d = limiter.tryAcquire(clock.now());
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, interval);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 0.0);

        clock.advance(interval / 2);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 0.5);
        QCOMPARE(limiter.tryAcquire(clock.now()).retryAfter, interval / 2);
        clock.advance(interval / 2);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 1.0);
        QVERIFY(limiter.tryAcquire(clock.now()).permitted);
        QVERIFY(!limiter.tryAcquire(clock.now()).permitted);

        clock.advance(interval * std::min(burst, 3));
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, double(std::min(burst, 3)));
        clock.advance(1h); // never above the burst
        const RateLimiterSnapshot s = limiter.snapshot(clock.now());
        QCOMPARE(s.tokensAvailable, double(burst));
        QCOMPARE(s.limit, double(burst));
        QCOMPARE(s.ratePerSecond, rate);
        QCOMPARE(s.permitted, std::uint64_t(burst + 1));
        QCOMPARE(s.rejected, 3u);
        QCOMPARE(s.multiplier, 1.0);
    }

    void retryAfterIsExact_data() {
        QTest::addColumn<int>("permits");
        QTest::addColumn<Duration>("retryAfter");
        QTest::newRow("one") << 1 << Duration(125ms);
        QTest::newRow("three") << 3 << Duration(375ms);
        QTest::newRow("whole burst") << 15 << Duration(1875ms);
    }
    void retryAfterIsExact() {
        QFETCH(int, permits);
        QFETCH(Duration, retryAfter);
        ManualClock clock;
        TokenBucketLimiter limiter(8, 15);
        QVERIFY(limiter.tryAcquire(clock.now(), 15).permitted);
        RateDecision d = limiter.tryAcquire(clock.now(), std::uint32_t(permits));
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, retryAfter);
        clock.advance(retryAfter - 1ns);
        d = limiter.tryAcquire(clock.now(), std::uint32_t(permits));
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(1ns));
        clock.advance(1ns);
        QVERIFY(limiter.tryAcquire(clock.now(), std::uint32_t(permits)).permitted);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 0.0);
    }

    void multiPermitRequests() {
        ManualClock clock;
        TokenBucketLimiter limiter(8, 15);
        QVERIFY(limiter.tryAcquire(clock.now(), 5).permitted);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 10.0);
        RateDecision d = limiter.tryAcquire(clock.now(), 11);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(125ms));
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 10.0); // a rejection takes nothing
        d = limiter.tryAcquire(clock.now(), 16);                       // more than the bucket holds
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration::max());
        QVERIFY(limiter.tryAcquire(clock.now(), 10).permitted);
        QVERIFY(limiter.tryAcquire(clock.now(), 0).permitted); // asking for nothing always passes
        QCOMPARE(limiter.snapshot(clock.now()).permitted, 2u);
        QCOMPARE(limiter.snapshot(clock.now()).rejected, 2u);
    }

    void setRateKeepsTokensAndChangesPace_data() {
        QTest::addColumn<int>("taken");
        QTest::addColumn<double>("newRate");
        QTest::addColumn<Duration>("newInterval");
        QTest::newRow("empty, doubled") << 15 << 16.0 << Duration(62500us);
        QTest::newRow("empty, halved") << 15 << 4.0 << Duration(250ms);
        QTest::newRow("five left, 10/s") << 10 << 10.0 << Duration(100ms);
        QTest::newRow("full, 2/s") << 0 << 2.0 << Duration(500ms);
    }
    void setRateKeepsTokensAndChangesPace() {
        QFETCH(int, taken);
        QFETCH(double, newRate);
        QFETCH(Duration, newInterval);
        ManualClock clock(TimePoint{} + 5s);
        TokenBucketLimiter limiter(8, 15);
        QVERIFY(limiter.tryAcquire(clock.now(), std::uint32_t(taken)).permitted);
        limiter.setRate(newRate);
        QCOMPARE(limiter.interval(), newInterval);
        const double left = 15 - taken;
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, left);
        QCOMPARE(limiter.snapshot(clock.now()).ratePerSecond, newRate);
        if (taken >= 2) {
            clock.advance(newInterval * 2);
            QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, left + 2);
        }
        QVERIFY(limiter.tryAcquire(clock.now(), 15).permitted == (taken <= 2));
        clock.advance(1h);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 15.0);
        QVERIFY(limiter.tryAcquire(clock.now(), 15).permitted);
        QCOMPARE(limiter.tryAcquire(clock.now()).retryAfter, newInterval);
    }

    void zeroRateRefillsAtTheSlowestPace() {
        // Rates are floored so that refilling the whole bucket takes at most 2^52 ns (52 days).
        ManualClock clock;
        TokenBucketLimiter limiter(8, 2);
        limiter.setRate(0);
        QCOMPARE(limiter.interval(), Duration((std::int64_t{1} << 52) / 2));
        QVERIFY(limiter.tryAcquire(clock.now(), 2).permitted);
        clock.advance(24h);
        QVERIFY(!limiter.tryAcquire(clock.now()).permitted);
        QCOMPARE(limiter.tryAcquire(clock.now()).retryAfter, limiter.interval() - 24h);
    }
};

QTEST_GUILESS_MAIN(tst_TokenBucketLimiter)
#include "tst_tokenbucketlimiter.moc"
