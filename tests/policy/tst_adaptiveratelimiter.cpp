// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/adaptiveratelimiter.h"
#include "policy/fixedwindowlimiter.h"
#include "policy/ratelimiterfactory.h"
#include "policy/slidingwindowlimiter.h"
#include "policy/tokenbucketlimiter.h"

#include <QLocale>
#include <QTest>

#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
RateLimiterOptions guideOptions() {
    RateLimiterOptions o; // production: 8/s, burst 15, adapt every 60 s
    o.adaptive = true;
    return o;
}

// Feeds one interval of 100 outcomes, `errors` of them failures, the first at `start`.
void feedInterval(AdaptiveRateLimiter& limiter, TimePoint start, int errors) {
    for (int i = 0; i < 100; ++i)
        limiter.recordOutcome(i < errors, start + i * 100ms);
}
} // namespace

class tst_AdaptiveRateLimiter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // Each row: error percentage per interval, and the multiplier expected once that interval closes.
    void followsTheGuide_data() {
        QTest::addColumn<std::vector<int>>("errorPercent");
        QTest::addColumn<std::vector<double>>("multipliers");
        QTest::newRow("healthy: x1.1 up to the 2x cap")
            << std::vector<int>(9, 0)
            << std::vector<double>{1.1, 1.21, 1.331, 1.4641, 1.61051, 1.771561, 1.9487171, 2.0, 2.0};
        QTest::newRow("20 % errors: x0.8")
            << std::vector<int>{20, 20, 20} << std::vector<double>{0.8, 0.64, 0.512};
        QTest::newRow("10 %: unchanged") << std::vector<int>{10, 10} << std::vector<double>{1.0, 1.0};
        QTest::newRow("boundaries 15 % and 5 %: unchanged")
            << std::vector<int>{15, 5} << std::vector<double>{1.0, 1.0};
        QTest::newRow("just past the boundaries")
            << std::vector<int>{16, 4} << std::vector<double>{0.8, 0.88};
        QTest::newRow("mixed") << std::vector<int>{0, 20, 10, 1}
                               << std::vector<double>{1.1, 0.88, 0.88, 0.968};
        QTest::newRow("floored at the minimum")
            << std::vector<int>(15, 100)
            << std::vector<double>{0.8,           0.64,           0.512,           0.4096,      0.32768,
                                   0.262144,      0.2097152,      0.16777216,      0.134217728, 0.1073741824,
                                   0.08589934592, 0.068719476736, 0.0549755813888, 0.05,        0.05};
    }
    void followsTheGuide() {
        QFETCH(std::vector<int>, errorPercent);
        QFETCH(std::vector<double>, multipliers);
        const RateLimiterOptions options = guideOptions();
        AdaptiveRateLimiter replay(std::make_unique<TokenBucketLimiter>(options), options);
        const TimePoint t0 = TimePoint{} + 1000s;
        // An interval closes at the first outcome of the next one: check there.
        for (std::size_t k = 0; k < errorPercent.size(); ++k) {
            feedInterval(replay, t0 + k * 60s, errorPercent[k]);
            if (k > 0)
                QCOMPARE(replay.multiplier(), multipliers[k - 1]);
        }
        replay.recordOutcome(false, t0 + errorPercent.size() * 60s);
        QCOMPARE(replay.multiplier(), multipliers.back());
        const RateLimiterSnapshot s = replay.snapshot(t0 + errorPercent.size() * 60s);
        QCOMPARE(s.multiplier, multipliers.back());
        QCOMPARE(s.ratePerSecond, 8.0 * multipliers.back());
        QCOMPARE(s.limit, 15.0);
    }

    void adaptsAtTheFirstOutcomeAfterTheInterval() {
        const RateLimiterOptions options = guideOptions();
        auto inner = std::make_unique<TokenBucketLimiter>(options);
        const TokenBucketLimiter& bucket = *inner;
        AdaptiveRateLimiter limiter(std::move(inner), options);
        const TimePoint t0 = TimePoint{} + 5s;
        limiter.recordOutcome(true, t0);
        limiter.recordOutcome(false, t0 + 60s - 1ns);
        QCOMPARE(limiter.multiplier(), 1.0);
        QCOMPARE(bucket.interval(), Duration(125ms));
        limiter.recordOutcome(false, t0 + 60s); // 1 of 2 failed: 50 %
        QCOMPARE(limiter.multiplier(), 0.8);
        QCOMPARE(bucket.interval(), Duration(156250us)); // 6.4/s
        // The next interval started at t0 + 60 s and holds one success so far.
        limiter.recordOutcome(false, t0 + 120s - 1ns);
        QCOMPARE(limiter.multiplier(), 0.8);
        limiter.recordOutcome(false, t0 + 300s); // a late first outcome closes it all the same
        QCOMPARE(limiter.multiplier(), 0.88);
        QCOMPARE(limiter.snapshot(t0 + 300s).ratePerSecond, 8.0 * 0.88);
    }

    void setRateKeepsTheMultiplier() {
        const RateLimiterOptions options = guideOptions();
        AdaptiveRateLimiter limiter(std::make_unique<TokenBucketLimiter>(options), options);
        limiter.recordOutcome(true, TimePoint{});
        limiter.recordOutcome(false, TimePoint{} + 60s);
        QCOMPARE(limiter.multiplier(), 0.8);
        limiter.setRate(20);
        QCOMPARE(limiter.baseRate(), 20.0);
        QCOMPARE(limiter.snapshot(TimePoint{} + 60s).ratePerSecond, 16.0);
    }

    void passesAcquisitionsThrough() {
        RateLimiterOptions options = guideOptions();
        options.kind = RateLimiterKind::FixedWindow;
        AdaptiveRateLimiter limiter(std::make_unique<FixedWindowLimiter>(options), options);
        for (int i = 0; i < 8; ++i)
            QVERIFY(limiter.tryAcquire(TimePoint{} + 10ms).permitted);
        const RateDecision d = limiter.tryAcquire(TimePoint{} + 10ms);
        QVERIFY(!d.permitted);
        QCOMPARE(d.retryAfter, Duration(990ms));
        QCOMPARE(limiter.snapshot(TimePoint{} + 10ms).permitted, 8u);
        QCOMPARE(limiter.snapshot(TimePoint{} + 10ms).rejected, 1u);
    }

    void factoryBuildsTheNamedKind_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("adaptive");
        QTest::addColumn<double>("limit");
        QTest::newRow("token bucket") << int(RateLimiterKind::TokenBucket) << false << 15.0;
        QTest::newRow("fixed window") << int(RateLimiterKind::FixedWindow) << false << 8.0;
        QTest::newRow("sliding window") << int(RateLimiterKind::SlidingWindow) << false << 8.0;
        QTest::newRow("adaptive token bucket") << int(RateLimiterKind::TokenBucket) << true << 15.0;
        QTest::newRow("adaptive sliding window") << int(RateLimiterKind::SlidingWindow) << true << 8.0;
    }
    void factoryBuildsTheNamedKind() {
        QFETCH(int, kind);
        QFETCH(bool, adaptive);
        QFETCH(double, limit);
        RateLimiterOptions options;
        options.kind = RateLimiterKind(kind);
        options.adaptive = adaptive;
        const std::unique_ptr<RateLimiter> limiter = makeRateLimiter(options);
        const RateLimiter* inner = limiter.get();
        if (adaptive) {
            const auto* wrapper = dynamic_cast<const AdaptiveRateLimiter*>(limiter.get());
            QVERIFY(wrapper);
            inner = &wrapper->inner();
        }
        switch (options.kind) {
        case RateLimiterKind::TokenBucket:
            QVERIFY(dynamic_cast<const TokenBucketLimiter*>(inner));
            break;
        case RateLimiterKind::FixedWindow:
            QVERIFY(dynamic_cast<const FixedWindowLimiter*>(inner));
            break;
        case RateLimiterKind::SlidingWindow:
            QVERIFY(dynamic_cast<const SlidingWindowLimiter*>(inner));
            break;
        }
        const RateLimiterSnapshot s = limiter->snapshot(TimePoint{});
        QCOMPARE(s.limit, limit);
        QCOMPARE(s.tokensAvailable, limit);
        QCOMPARE(s.ratePerSecond, 8.0);
        QCOMPARE(s.multiplier, 1.0);
    }
};

QTEST_GUILESS_MAIN(tst_AdaptiveRateLimiter)
#include "tst_adaptiveratelimiter.moc"
