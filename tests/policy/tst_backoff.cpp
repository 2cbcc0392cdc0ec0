// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/backoff.h"
#include "policy/splitmix.h"

#include <QLocale>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
RetryOptions options(BackoffKind backoff, JitterKind jitter, Duration initial, double multiplier,
                     Duration max) {
    RetryOptions o;
    o.backoff = backoff;
    o.jitter = jitter;
    o.initialDelay = initial;
    o.multiplier = multiplier;
    o.maxDelay = max;
    return o;
}
} // namespace

class tst_Backoff : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void exactDelayWithoutJitter_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("initialMs");
        QTest::addColumn<double>("multiplier");
        QTest::addColumn<qint64>("maxMs");
        QTest::addColumn<uint>("retryNumber");
        QTest::addColumn<qint64>("expectedMs");
        const int c = int(BackoffKind::Constant), l = int(BackoffKind::Linear),
                  e = int(BackoffKind::Exponential);
        QTest::newRow("constant 1") << c << 250LL << 2.0 << 10000LL << 1u << 250LL;
        QTest::newRow("constant 7") << c << 250LL << 2.0 << 10000LL << 7u << 250LL;
        QTest::newRow("linear 1") << l << 300LL << 2.0 << 10000LL << 1u << 300LL;
        QTest::newRow("linear 4") << l << 300LL << 2.0 << 10000LL << 4u << 1200LL;
        QTest::newRow("linear capped") << l << 300LL << 2.0 << 1000LL << 4u << 1000LL;
        QTest::newRow("exponential 1") << e << 100LL << 2.0 << 10000LL << 1u << 100LL;
        QTest::newRow("exponential 2") << e << 100LL << 2.0 << 10000LL << 2u << 200LL;
        QTest::newRow("exponential 3") << e << 100LL << 2.0 << 10000LL << 3u << 400LL;
        QTest::newRow("exponential 4") << e << 100LL << 2.0 << 10000LL << 4u << 800LL;
        QTest::newRow("exponential x1.5 3") << e << 100LL << 1.5 << 10000LL << 3u << 225LL;
        QTest::newRow("exponential x3 3") << e << 1000LL << 3.0 << 60000LL << 3u << 9000LL;
        QTest::newRow("exponential capped") << e << 1000LL << 2.0 << 10000LL << 5u << 10000LL;
        QTest::newRow("exponential decaying") << e << 800LL << 0.5 << 10000LL << 3u << 200LL;
        QTest::newRow("retry 0 counts as 1") << e << 100LL << 2.0 << 10000LL << 0u << 100LL;
        QTest::newRow("zero initial") << e << 0LL << 2.0 << 10000LL << 3u << 0LL;
        QTest::newRow("zero max") << c << 500LL << 2.0 << 0LL << 1u << 0LL;
        QTest::newRow("negative max") << c << 500LL << 2.0 << -5LL << 1u << 0LL;
        QTest::newRow("negative initial") << l << -500LL << 2.0 << 10000LL << 2u << 0LL;
        QTest::newRow("negative multiplier") << e << 100LL << -2.0 << 10000LL << 2u << 0LL;
    }
    void exactDelayWithoutJitter() {
        QFETCH(int, kind);
        QFETCH(qint64, initialMs);
        QFETCH(double, multiplier);
        QFETCH(qint64, maxMs);
        QFETCH(uint, retryNumber);
        QFETCH(qint64, expectedMs);
        const RetryOptions o =
            options(BackoffKind(kind), JitterKind::None, std::chrono::milliseconds(initialMs), multiplier,
                    std::chrono::milliseconds(maxMs));
        // Without jitter the draw must not matter.
        for (const double u : {0.0, 0.5, 1.0})
            QCOMPARE(backoffDelay(o, retryNumber, 0ms, u), Duration(std::chrono::milliseconds(expectedMs)));
    }

    // The jitter formulas at both ends of the draw, exactly.
    void jitterEndpoints_data() {
        QTest::addColumn<int>("jitter");
        QTest::addColumn<qint64>("previousMs");
        QTest::addColumn<double>("u");
        QTest::addColumn<qint64>("expectedMs");
        // Exponential 100 ms x2, retry 3: d = 400 ms; max 1000 ms.
        const int f = int(JitterKind::Full), q = int(JitterKind::Equal), dc = int(JitterKind::Decorrelated);
        QTest::newRow("full 0") << f << 0LL << 0.0 << 0LL;
        QTest::newRow("full half") << f << 0LL << 0.5 << 200LL;
        QTest::newRow("full 1") << f << 0LL << 1.0 << 400LL;
        QTest::newRow("equal 0") << q << 0LL << 0.0 << 200LL;
        QTest::newRow("equal 1") << q << 0LL << 1.0 << 400LL;
        QTest::newRow("decorrelated first 0") << dc << 0LL << 0.0 << 100LL;
        QTest::newRow("decorrelated first 1") << dc << 0LL << 1.0 << 300LL;
        QTest::newRow("decorrelated grows") << dc << 300LL << 1.0 << 900LL;
        QTest::newRow("decorrelated mid") << dc << 200LL << 0.5 << 350LL;
        QTest::newRow("decorrelated capped") << dc << 900LL << 1.0 << 1000LL;
        QTest::newRow("decorrelated negative previous") << dc << -50LL << 1.0 << 300LL;
        QTest::newRow("draw above 1 clamps") << f << 0LL << 7.0 << 400LL;
        QTest::newRow("draw below 0 clamps") << f << 0LL << -3.0 << 0LL;
        QTest::newRow("NaN draw is 0") << f << 0LL << std::nan("") << 0LL;
    }
    void jitterEndpoints() {
        QFETCH(int, jitter);
        QFETCH(qint64, previousMs);
        QFETCH(double, u);
        QFETCH(qint64, expectedMs);
        const RetryOptions o = options(BackoffKind::Exponential, JitterKind(jitter), 100ms, 2.0, 1000ms);
        QCOMPARE(backoffDelay(o, 3, std::chrono::milliseconds(previousMs), u),
                 Duration(std::chrono::milliseconds(expectedMs)));
    }

    // 10,000 seeded draws stay within the jitter's range and actually cover it.
    void jitterBoundsAndSpread_data() {
        QTest::addColumn<int>("jitter");
        QTest::addColumn<qint64>("previousMs");
        QTest::addColumn<qint64>("lowMs");
        QTest::addColumn<qint64>("highMs");
        // Exponential 100 ms x2, retry 4: d = 800 ms; max 5000 ms.
        QTest::newRow("full") << int(JitterKind::Full) << 0LL << 0LL << 800LL;
        QTest::newRow("equal") << int(JitterKind::Equal) << 0LL << 400LL << 800LL;
        QTest::newRow("decorrelated first") << int(JitterKind::Decorrelated) << 0LL << 100LL << 300LL;
        QTest::newRow("decorrelated") << int(JitterKind::Decorrelated) << 1000LL << 100LL << 3000LL;
    }
    void jitterBoundsAndSpread() {
        QFETCH(int, jitter);
        QFETCH(qint64, previousMs);
        QFETCH(qint64, lowMs);
        QFETCH(qint64, highMs);
        const RetryOptions o = options(BackoffKind::Exponential, JitterKind(jitter), 100ms, 2.0, 5000ms);
        const Duration low = std::chrono::milliseconds(lowMs), high = std::chrono::milliseconds(highMs);
        SplitMix64 random(42);
        Duration smallest = Duration::max(), largest = Duration::min();
        double sum = 0;
        constexpr int draws = 10000;
        for (int i = 0; i < draws; ++i) {
            const Duration d = backoffDelay(o, 4, std::chrono::milliseconds(previousMs), random.nextUnit());
            QVERIFY2(d >= low && d <= high, qPrintable(QString::number(d.count())));
            smallest = std::min(smallest, d);
            largest = std::max(largest, d);
            sum += double(d.count());
        }
        const Duration span = high - low;
        QVERIFY(smallest < low + span / 10);
        QVERIFY(largest > low + span * 9 / 10);
        // Uniform: the mean is the middle, within 2 % of the span.
        const double middle = double((low + span / 2).count());
        QVERIFY(std::abs(sum / draws - middle) < 0.02 * double(span.count()));
    }

    void noOverflowForHugeRetryNumbers_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("multiplier");
        QTest::addColumn<uint>("retryNumber");
        QTest::newRow("exponential 1000") << int(BackoffKind::Exponential) << 2.0 << 1000u;
        QTest::newRow("exponential max") << int(BackoffKind::Exponential) << 2.0 << 0xFFFFFFFFu;
        QTest::newRow("exponential x1e300") << int(BackoffKind::Exponential) << 1e300 << 1000u;
        QTest::newRow("exponential inf")
            << int(BackoffKind::Exponential) << std::numeric_limits<double>::infinity() << 2u;
        QTest::newRow("exponential NaN") << int(BackoffKind::Exponential) << std::nan("") << 2u;
        QTest::newRow("linear max") << int(BackoffKind::Linear) << 2.0 << 0xFFFFFFFFu;
    }
    void noOverflowForHugeRetryNumbers() {
        QFETCH(int, kind);
        QFETCH(double, multiplier);
        QFETCH(uint, retryNumber);
        const std::pair<Duration, Duration> initialAndMax[] = {
            {1s, 10s}, {Duration::max() / 2, 10s}, {Duration::max() / 2, Duration::max()}};
        for (const auto& [initial, max] : initialAndMax) {
            RetryOptions o = options(BackoffKind(kind), JitterKind::None, initial, multiplier, max);
            QCOMPARE(backoffDelay(o, retryNumber, 0ms, 0.5), max);
            o.jitter = JitterKind::Full;
            QCOMPARE(backoffDelay(o, retryNumber, 0ms, 1.0), max);
            o.jitter = JitterKind::Decorrelated;
            QCOMPARE(backoffDelay(o, retryNumber, Duration::max(), 1.0), max);
        }
    }
};

QTEST_GUILESS_MAIN(tst_Backoff)
#include "tst_backoff.moc"
