// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/breakerwindow.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
CircuitBreakerOptions countOptions(std::uint32_t size) {
    CircuitBreakerOptions o;
    o.mode = BreakerMode::CountWindow;
    o.windowSize = size;
    return o;
}
CircuitBreakerOptions timeOptions(Duration span, std::uint32_t buckets) {
    CircuitBreakerOptions o;
    o.mode = BreakerMode::TimeWindow;
    o.windowDuration = span;
    o.windowBuckets = buckets;
    return o;
}
} // namespace

class tst_BreakerWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void countRing_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("calls"); // S success, F failure, W slow success, X slow failure
        QTest::addColumn<int>("calls_");
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("slow");
        QTest::newRow("empty") << 4 << QByteArray("") << 0 << 0 << 0;
        QTest::newRow("partly filled") << 4 << QByteArray("FSW") << 3 << 1 << 1;
        QTest::newRow("full") << 4 << QByteArray("FSWX") << 4 << 2 << 2;
        QTest::newRow("oldest failure evicted") << 4 << QByteArray("FSSSS") << 4 << 0 << 0;
        QTest::newRow("wraps twice") << 3 << QByteArray("XXXSSSFFW") << 3 << 2 << 1;
        QTest::newRow("size 1") << 1 << QByteArray("FFS") << 1 << 0 << 0;
        QTest::newRow("size 0 acts as 1") << 0 << QByteArray("SF") << 1 << 1 << 0;
        QTest::newRow("crosses a 64-bit word")
            << 70 << QByteArray(69, 'S') + QByteArray("FFF") << 70 << 3 << 0;
        QTest::newRow("all evicted after 130")
            << 65 << QByteArray(65, 'X') + QByteArray(65, 'S') << 65 << 0 << 0;
    }
    void countRing() {
        QFETCH(int, size);
        QFETCH(QByteArray, calls);
        QFETCH(int, calls_);
        QFETCH(int, failures);
        QFETCH(int, slow);
        BreakerWindow window(countOptions(std::uint32_t(size)));
        for (const char c : calls)
            window.record(c == 'F' || c == 'X', c == 'W' || c == 'X', TimePoint{});
        const auto totals = window.totals(TimePoint{} + 24h); // time does not age a count window
        QCOMPARE(int(totals.calls), calls_);
        QCOMPARE(int(totals.failures), failures);
        QCOMPARE(int(totals.slowCalls), slow);
        window.clear();
        QCOMPARE(window.totals(TimePoint{}).calls, 0u);
        window.record(true, false, TimePoint{});
        QCOMPARE(window.totals(TimePoint{}).failures, 1u);
    }

    void timeBuckets_data() {
        QTest::addColumn<qint64>("readAtMs");
        QTest::addColumn<int>("calls");
        QTest::addColumn<int>("failures");
        // Failures at 0 ms and 999 ms (bucket 0), a success at 4500 ms (bucket 4); 10 s span in 1 s buckets.
        QTest::newRow("all in span") << qint64(4500) << 3 << 2;
        QTest::newRow("last ns of bucket 0's life") << qint64(9999) << 3 << 2;
        QTest::newRow("bucket 0 aged out") << qint64(10000) << 1 << 0;
        QTest::newRow("last ns of bucket 4's life") << qint64(13999) << 1 << 0;
        QTest::newRow("everything aged out") << qint64(14000) << 0 << 0;
        QTest::newRow("far future") << qint64(86400000) << 0 << 0;
    }
    void timeBuckets() {
        QFETCH(qint64, readAtMs);
        QFETCH(int, calls);
        QFETCH(int, failures);
        BreakerWindow window(timeOptions(10s, 10));
        QCOMPARE(window.bucketDuration(), Duration(1s));
        const TimePoint t0{};
        window.record(true, false, t0);
        window.record(true, true, t0 + 999ms);
        window.record(false, false, t0 + 4500ms);
        auto readAt = t0 + std::chrono::milliseconds(readAtMs);
        if (readAtMs % 1000 == 999)
            readAt += 999us + 999ns; // the very last nanosecond of that millisecond
        const auto totals = window.totals(readAt);
        QCOMPARE(int(totals.calls), calls);
        QCOMPARE(int(totals.failures), failures);
    }

    void reusedSlotStartsFresh() {
        BreakerWindow window(timeOptions(4s, 4));
        window.record(true, true, TimePoint{} + 1s);
        // 5 s is bucket 5, the same slot as bucket 1: the old counts must not leak in.
        window.record(false, false, TimePoint{} + 5s);
        const auto totals = window.totals(TimePoint{} + 5s);
        QCOMPARE(totals.calls, 1u);
        QCOMPARE(totals.failures, 0u);
        QCOMPARE(totals.slowCalls, 0u);
    }

    void tinySpanKeepsPositiveBuckets() {
        BreakerWindow window(timeOptions(5ns, 10));
        QCOMPARE(window.bucketDuration(), Duration(1ns));
        window.record(true, false, TimePoint{});
        QCOMPARE(window.totals(TimePoint{} + 9ns).calls, 1u);
        QCOMPARE(window.totals(TimePoint{} + 10ns).calls, 0u);
    }

    void consecutiveModeRecordsNothing() {
        BreakerWindow window(CircuitBreakerOptions{});
        window.record(true, true, TimePoint{});
        QCOMPARE(window.totals(TimePoint{}).calls, 0u);
    }
};

QTEST_GUILESS_MAIN(tst_BreakerWindow)
#include "tst_breakerwindow.moc"
