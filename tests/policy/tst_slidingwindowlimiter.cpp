// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/manualclock.h"
#include "policy/slidingwindowlimiter.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

class tst_SlidingWindowLimiter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // 10/s over 1 s windows; `previous` permits taken in window [0, 1 s), then the state is read at
    // 1 s + elapsed: estimate = previous * (1 - elapsed) + current.
    void previousWindowIsWeightedByOverlap_data() {
        QTest::addColumn<int>("previous");
        QTest::addColumn<Duration>("elapsed");
        QTest::addColumn<double>("tokens");
        QTest::addColumn<int>("passing");
        QTest::addColumn<Duration>("retryAfter");
        QTest::newRow("full overlap") << 10 << Duration(0ns) << 0.0 << 0 << Duration(100ms);
        QTest::newRow("8 at a quarter") << 8 << Duration(250ms) << 4.0 << 4 << Duration(125ms);
        QTest::newRow("10 at half") << 10 << Duration(500ms) << 5.0 << 5 << Duration(100ms);
        QTest::newRow("4 at three quarters") << 4 << Duration(750ms) << 9.0 << 9 << Duration(250ms);
        QTest::newRow("10 at the last ms") << 10 << Duration(999ms) << 9.99 << 9 << Duration(1ms);
        QTest::newRow("nothing before") << 0 << Duration(300ms) << 10.0 << 10 << Duration(800ms);
    }
    void previousWindowIsWeightedByOverlap() {
        QFETCH(int, previous);
        QFETCH(Duration, elapsed);
        QFETCH(double, tokens);
        QFETCH(int, passing);
        QFETCH(Duration, retryAfter);
        SlidingWindowLimiter limiter(10, 1s);
        QCOMPARE(limiter.limit(), 10u);
        if (previous > 0)
            QVERIFY(limiter.tryAcquire(TimePoint{} + 100ms, std::uint32_t(previous)).permitted);
        const TimePoint now = TimePoint{} + 1s + elapsed;
        QCOMPARE(limiter.snapshot(now).tokensAvailable, tokens);
        for (int i = 0; i < passing; ++i)
            QVERIFY(limiter.tryAcquire(now).permitted);
        RateDecision d = limiter.tryAcquire(now);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, retryAfter);
        d = limiter.tryAcquire(now + retryAfter - 1ns);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(1ns));
        QVERIFY(limiter.tryAcquire(now + retryAfter).permitted);
    }

    void retryInTheNextWindow() {
        // 8 at 0.1 s, 5 more at 1.5 s (estimate 4 + 5 = 9): 6 more cannot fit this window; in the next
        // the 5 fade: 5 * (1 - t) + 6 <= 10 from t = 0.2 s.
        SlidingWindowLimiter limiter(10, 1s);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 100ms, 8).permitted);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 1500ms, 5).permitted);
        QCOMPARE(limiter.snapshot(TimePoint{} + 1500ms).tokensAvailable, 1.0);
        RateDecision d = limiter.tryAcquire(TimePoint{} + 1500ms, 6);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(700ms));
        QVERIFY(!limiter.tryAcquire(TimePoint{} + 2200ms - 1ns, 6).permitted);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 2200ms, 6).permitted);
        QCOMPARE(limiter.snapshot(TimePoint{} + 2200ms).tokensAvailable, 0.0);
        // Two windows on, nothing overlaps any more.
        QCOMPARE(limiter.snapshot(TimePoint{} + 4s).tokensAvailable, 10.0);
        d = limiter.tryAcquire(TimePoint{} + 4s, 11);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration::max());
        const RateLimiterSnapshot s = limiter.snapshot(TimePoint{} + 4s);
        QCOMPARE(s.permitted, 3u);
        QCOMPARE(s.rejected, 3u);
        QCOMPARE(s.limit, 10.0);
        QCOMPARE(s.ratePerSecond, 10.0);
        QCOMPARE(s.multiplier, 1.0);
    }

    void wholeLimitWaitsForTheWindowAfterNext() {
        SlidingWindowLimiter limiter(10, 1s);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 600ms, 10).permitted);
        const RateDecision d = limiter.tryAcquire(TimePoint{} + 600ms, 10);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(1400ms));
        QVERIFY(!limiter.tryAcquire(TimePoint{} + 2s - 1ns, 10).permitted);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 2s, 10).permitted);
    }

    void setRateChangesTheLimit() {
        SlidingWindowLimiter limiter(10, 1s);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 100ms, 6).permitted);
        limiter.setRate(4);
        QCOMPARE(limiter.limit(), 4u);
        QCOMPARE(limiter.snapshot(TimePoint{} + 100ms).tokensAvailable, 0.0);
        QCOMPARE(limiter.snapshot(TimePoint{} + 100ms).ratePerSecond, 4.0);
        // Next window: 6 * (1 - t) + 1 <= 4 from t = 0.5 s.
        const RateDecision d = limiter.tryAcquire(TimePoint{} + 200ms);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(1300ms));
        limiter.setRate(20);
        QVERIFY(limiter.tryAcquire(TimePoint{} + 200ms, 14).permitted);
    }
};

QTEST_GUILESS_MAIN(tst_SlidingWindowLimiter)
#include "tst_slidingwindowlimiter.moc"
