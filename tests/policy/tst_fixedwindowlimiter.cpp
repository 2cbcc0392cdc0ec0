// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/fixedwindowlimiter.h"
#include "policy/manualclock.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

class tst_FixedWindowLimiter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void limitIsRateTimesWindowRoundedUp_data() {
        QTest::addColumn<double>("rate");
        QTest::addColumn<Duration>("window");
        QTest::addColumn<int>("limit");
        QTest::newRow("production 8/s, 1 s") << 8.0 << Duration(1s) << 8;
        QTest::newRow("10/s, 250 ms") << 10.0 << Duration(250ms) << 3;
        QTest::newRow("0.1/s, 10 s") << 0.1 << Duration(10s) << 1;
        QTest::newRow("15/s, 2 s") << 15.0 << Duration(2s) << 30;
        QTest::newRow("2.5/s, 1 s") << 2.5 << Duration(1s) << 3;
        QTest::newRow("zero") << 0.0 << Duration(1s) << 0;
    }
    void limitIsRateTimesWindowRoundedUp() {
        QFETCH(double, rate);
        QFETCH(Duration, window);
        QFETCH(int, limit);
        FixedWindowLimiter limiter(rate, window);
        QCOMPARE(limiter.limit(), std::uint32_t(limit));
        const TimePoint now = TimePoint{} + 7 * window;
        for (int i = 0; i < limit; ++i)
            QVERIFY(limiter.tryAcquire(now).permitted);
        const RateDecision d = limiter.tryAcquire(now);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, limit == 0 ? Duration::max() : window);
        QCOMPARE(limiter.snapshot(now).limit, double(limit));
    }

    void rollsOverExactlyAtTheBoundary_data() {
        QTest::addColumn<Duration>("offset"); // where in its window the first request lands
        QTest::newRow("window start") << Duration(0ns);
        QTest::newRow("mid window") << Duration(400ms);
        QTest::newRow("last nanosecond") << Duration(999999999ns);
    }
    void rollsOverExactlyAtTheBoundary() {
        QFETCH(Duration, offset);
        const TimePoint windowStart = TimePoint{} + 3s;
        ManualClock clock(windowStart + offset);
        FixedWindowLimiter limiter(8, 1s);
        for (int i = 0; i < 8; ++i)
            QVERIFY(limiter.tryAcquire(clock.now()).permitted);
        RateDecision d = limiter.tryAcquire(clock.now());
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, 1s - offset);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 0.0);
        clock.setNow(windowStart + 1s - 1ns);
        d = limiter.tryAcquire(clock.now());
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(1ns));
        clock.setNow(windowStart + 1s);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 8.0);
        for (int i = 0; i < 8; ++i)
            QVERIFY(limiter.tryAcquire(clock.now()).permitted);
        QVERIFY(!limiter.tryAcquire(clock.now()).permitted);
        clock.setNow(windowStart + 5s + offset); // several idle windows later: full again
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 8.0);
        const RateLimiterSnapshot s = limiter.snapshot(clock.now());
        QCOMPARE(s.permitted, 16u);
        QCOMPARE(s.rejected, 3u);
        QCOMPARE(s.ratePerSecond, 8.0);
        QCOMPARE(s.multiplier, 1.0);
    }

    void multiPermitRequests() {
        ManualClock clock(TimePoint{} + 250ms);
        FixedWindowLimiter limiter(8, 1s);
        QVERIFY(limiter.tryAcquire(clock.now(), 5).permitted);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 3.0);
        RateDecision d = limiter.tryAcquire(clock.now(), 4);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(750ms));
        d = limiter.tryAcquire(clock.now(), 9);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration::max());
        QVERIFY(limiter.tryAcquire(clock.now(), 3).permitted);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 0.0);
    }

    void laggingCallerCountsAgainstNewestWindow() {
        FixedWindowLimiter limiter(2, 1s);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 1s).permitted);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 999ms).permitted); // a thread with an older `now`
        const RateDecision d = limiter.tryAcquire(TimePoint{} + 999ms);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(1001ms)); // until the newest window ends
        QCOMPARE(limiter.snapshot(TimePoint{} + 1s).tokensAvailable, 0.0);
    }

    void setRateChangesTheLimit() {
        ManualClock clock;
        FixedWindowLimiter limiter(8, 1s);
        QVERIFY(limiter.tryAcquire(clock.now(), 6).permitted);
        limiter.setRate(4);
        QCOMPARE(limiter.limit(), 4u);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 0.0);
        QCOMPARE(limiter.snapshot(clock.now()).ratePerSecond, 4.0);
        QVERIFY(!limiter.tryAcquire(clock.now()).permitted);
        limiter.setRate(12);
        QCOMPARE(limiter.snapshot(clock.now()).tokensAvailable, 6.0);
        QVERIFY(limiter.tryAcquire(clock.now(), 6).permitted);
    }
};

QTEST_GUILESS_MAIN(tst_FixedWindowLimiter)
#include "tst_fixedwindowlimiter.moc"
