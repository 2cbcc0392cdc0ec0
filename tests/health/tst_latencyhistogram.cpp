// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/latencyhistogram.h"

#include <QLocale>
#include <QTest>

#include <cmath>
#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
Duration micros(double us) {
    return Duration(static_cast<std::int64_t>(std::llround(us * 1000)));
}
} // namespace

class tst_LatencyHistogram : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void empty() {
        LatencyHistogram h;
        QCOMPARE(h.count(), 0u);
        QCOMPARE(h.percentile(0.5), 0.0);
        QCOMPARE(h.countAtOrBelow(1s), 0u);
        QCOMPARE(h.sum(), Duration::zero());
    }

    // Every microsecond value maps into a bucket that contains it, no wider than 1/32 of its value, and
    // the buckets tile the range without gaps.
    void bucketsTileTheRange() {
        for (std::size_t i = 0; i + 1 < LatencyHistogram::bucketCount; ++i)
            QCOMPARE(LatencyHistogram::lowestMicros(i) + LatencyHistogram::widthMicros(i),
                     LatencyHistogram::lowestMicros(i + 1));
        for (std::uint64_t us : {0ull, 1ull, 63ull, 64ull, 65ull, 100ull, 127ull, 128ull, 5000ull, 999'999ull,
                                 600'000'000ull, (1ull << 30) - 1}) {
            const std::size_t i = LatencyHistogram::indexOf(std::chrono::microseconds(us));
            QVERIFY(LatencyHistogram::lowestMicros(i) <= us);
            QVERIFY(us < LatencyHistogram::lowestMicros(i) + LatencyHistogram::widthMicros(i));
            if (us >= 64)
                QVERIFY(LatencyHistogram::widthMicros(i) * 32 <= us);
        }
        QCOMPARE(LatencyHistogram::indexOf(std::chrono::hours(5)), LatencyHistogram::bucketCount - 1);
        QCOMPARE(LatencyHistogram::indexOf(-5s), std::size_t(0));
        QCOMPARE(LatencyHistogram::indexOf(100us), std::size_t(64 + 18));
    }

    void percentiles_data() {
        QTest::addColumn<int>("distribution");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected"); // seconds
        // 0: uniform 1..10000 ms, one sample per ms. 1: 100 µs .. 10 min, log-uniform (10 000 samples).
        // 2: bimodal: 990 samples at 20 ms, 10 at 3 s.
        QTest::newRow("uniform p50") << 0 << 0.50 << 5.000;
        QTest::newRow("uniform p95") << 0 << 0.95 << 9.500;
        QTest::newRow("uniform p99") << 0 << 0.99 << 9.900;
        QTest::newRow("uniform p0 = min") << 0 << 0.0 << 0.001;
        QTest::newRow("uniform p100 = max") << 0 << 1.0 << 10.000;
        QTest::newRow("log-uniform p50") << 1 << 0.50 << 0.0001 * std::pow(6e6, 4999 / 9999.0);
        QTest::newRow("log-uniform p99") << 1 << 0.99 << 0.0001 * std::pow(6e6, 9899 / 9999.0);
        QTest::newRow("log-uniform top = 10 min") << 1 << 1.0 << 600.0;
        QTest::newRow("bimodal p50") << 2 << 0.50 << 0.020;
        QTest::newRow("bimodal p99") << 2 << 0.99 << 0.020;
        QTest::newRow("bimodal p99.1") << 2 << 0.991 << 3.0;
    }
    void percentiles() {
        QFETCH(int, distribution);
        QFETCH(double, q);
        QFETCH(double, expected);
        LatencyHistogram h;
        if (distribution == 0) {
            for (int ms = 1; ms <= 10000; ++ms)
                h.record(std::chrono::milliseconds(ms));
        } else if (distribution == 1) {
            for (int i = 0; i < 10000; ++i)
                h.record(micros(100.0 * std::pow(6e6, i / 9999.0)));
        } else {
            for (int i = 0; i < 990; ++i)
                h.record(20ms);
            for (int i = 0; i < 10; ++i)
                h.record(3s);
        }
        const double got = h.percentile(q);
        QVERIFY2(std::abs(got - expected) <= expected * 0.02,
                 qPrintable(QStringLiteral("got %1, expected %2").arg(got).arg(expected)));
    }

    void countSumMinMax() {
        LatencyHistogram h;
        h.record(10ms);
        h.record(30ms);
        h.record(-1ms); // clamped to zero
        QCOMPARE(h.count(), 3u);
        QCOMPARE(h.sum(), Duration(40ms));
        QCOMPARE(h.min(), Duration::zero());
        QCOMPARE(h.max(), Duration(30ms));
        h.clear();
        QCOMPARE(h.count(), 0u);
        QCOMPARE(h.max(), Duration::zero());
    }

    // A sample beyond the range still counts fully in sum and max.
    void beyondRange() {
        LatencyHistogram h;
        h.record(std::chrono::hours(1));
        QCOMPARE(h.count(), 1u);
        QCOMPARE(h.sum(), Duration(std::chrono::hours(1)));
        QCOMPARE(h.percentile(0.5), 3600.0);
    }

    void countAtOrBelow_data() {
        QTest::addColumn<qint64>("boundUs");
        QTest::addColumn<quint64>("expected");
        // Samples: 1 ms, 4 ms, 5 ms, 7 ms, 80 ms, 2 s, 30 s.
        QTest::newRow("below all") << qint64(500) << quint64(0);
        QTest::newRow("le 0.005 includes 5 ms") << qint64(5000) << quint64(3);
        QTest::newRow("le 0.01") << qint64(10000) << quint64(4);
        QTest::newRow("le 0.1") << qint64(100000) << quint64(5);
        QTest::newRow("le 2.5") << qint64(2500000) << quint64(6);
        QTest::newRow("le 10") << qint64(10000000) << quint64(6);
        QTest::newRow("le 30 = max") << qint64(30000000) << quint64(7);
        QTest::newRow("negative") << qint64(-1) << quint64(0);
    }
    void countAtOrBelow() {
        QFETCH(qint64, boundUs);
        QFETCH(quint64, expected);
        LatencyHistogram h;
        for (auto d : {Duration(1ms), Duration(4ms), Duration(5ms), Duration(7ms), Duration(80ms),
                       Duration(2s), Duration(30s)})
            h.record(d);
        QCOMPARE(h.countAtOrBelow(std::chrono::microseconds(boundUs)), expected);
    }

    void merge() {
        auto a = std::make_unique<LatencyHistogram>();
        auto b = std::make_unique<LatencyHistogram>();
        for (int ms = 1; ms <= 500; ++ms)
            a->record(std::chrono::milliseconds(ms));
        for (int ms = 501; ms <= 1000; ++ms)
            b->record(std::chrono::milliseconds(ms));
        a->merge(*b);
        QCOMPARE(a->count(), 1000u);
        QCOMPARE(a->min(), Duration(1ms));
        QCOMPARE(a->max(), Duration(1000ms));
        QCOMPARE(a->sum(), Duration(std::chrono::milliseconds(500500)));
        QVERIFY(std::abs(a->percentile(0.9) - 0.9) <= 0.9 * 0.02);
        QCOMPARE(a->countAtOrBelow(1000ms), 1000u);
        LatencyHistogram empty;
        a->merge(empty);
        QCOMPARE(a->count(), 1000u);
        QCOMPARE(a->min(), Duration(1ms));
    }
};

QTEST_GUILESS_MAIN(tst_LatencyHistogram)
#include "tst_latencyhistogram.moc"
