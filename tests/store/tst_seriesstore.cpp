// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/seriesstore.h"

#include <QLocale>
#include <QTest>

#include <atomic>
#include <thread>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
constexpr std::int64_t t0 = 1'700'000'000'000; // a multiple of 10 s
const SeriesKey key{QStringLiteral("http://a:1"), QString(), Metric::ErrorRate};

std::vector<SeriesPoint> readAll(const SeriesStore& store, const SeriesKey& k, std::int64_t* step = nullptr) {
    std::vector<SeriesPoint> out;
    const auto s = store.read(k, t0 - 1'000'000'000, t0 + 1'000'000'000, out);
    if (step)
        *step = s;
    return out;
}
} // namespace

class tst_SeriesStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void downsampling_data() {
        QTest::addColumn<int>("metric");
        QTest::addColumn<QList<double>>("values"); // one a second from t0
        QTest::addColumn<float>("value");          // the first 5 s point
        QTest::addColumn<float>("min");
        QTest::addColumn<float>("max");
        QTest::newRow("mean") << int(Metric::ErrorRate) << QList<double>{1, 2, 3, 4, 5} << 3.0f << 1.0f
                              << 5.0f;
        QTest::newRow("mean of fractions")
            << int(Metric::LatencyP95) << QList<double>{0.5, 0.25, 0.75, 1.0, 0.0} << 0.5f << 0.0f << 1.0f;
        QTest::newRow("partial step")
            << int(Metric::RequestRate) << QList<double>{10, 20} << 15.0f << 10.0f << 20.0f;
        QTest::newRow("breaker keeps max")
            << int(Metric::BreakerState) << QList<double>{0, 2, 0, 1, 0} << 2.0f << 0.0f << 2.0f;
    }
    void downsampling() {
        QFETCH(int, metric);
        QFETCH(QList<double>, values);
        QFETCH(float, value);
        QFETCH(float, min);
        QFETCH(float, max);
        SeriesStore store({{1s, 10}, {5s, 4}});
        const SeriesKey k{QStringLiteral("e"), QStringLiteral("p"), Metric(metric)};
        for (int i = 0; i < values.size(); ++i)
            store.append(k, t0 + i * 1000, float(values[i]));
        std::vector<SeriesPoint> out;
        // Older than the 1 s tier holds: the 5 s tier answers.
        QCOMPARE(store.read(k, t0 - 60'000, t0 + 60'000, out), 5000);
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out[0].timeMs, t0);
        QCOMPARE(out[0].value, value);
        QCOMPARE(out[0].min, min);
        QCOMPARE(out[0].max, max);
        QCOMPARE(store.read(k, t0, t0 + 60'000, out), 1000);
        QCOMPARE(out.size(), std::size_t(values.size()));
        for (int i = 0; i < values.size(); ++i) {
            QCOMPARE(out[i].timeMs, t0 + i * 1000);
            QCOMPARE(out[i].value, float(values[i]));
            QCOMPARE(out[i].min, float(values[i]));
        }
    }

    void rollOver() {
        SeriesStore store({{1s, 10}, {5s, 4}});
        for (int i = 0; i < 25; ++i)
            store.append(key, t0 + i * 1000, float(i));
        std::vector<SeriesPoint> out;
        QCOMPARE(store.read(key, t0 + 15'000, t0 + 24'000, out), 1000);
        QCOMPARE(out.size(), std::size_t(10));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(out[i].value, float(15 + i));
        // The 5 s ring has lapped: steps 5..24 s remain, each the mean of its five seconds.
        QCOMPARE(store.read(key, t0, t0 + 24'000, out), 5000);
        QCOMPARE(out.size(), std::size_t(4));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(out[i].timeMs, t0 + (5 + 5 * i) * 1000);
            QCOMPARE(out[i].value, float(7 + 5 * i));
            QCOMPARE(out[i].min, float(5 + 5 * i));
            QCOMPARE(out[i].max, float(9 + 5 * i));
        }
    }

    void gapsLeaveNoPoints() {
        SeriesStore store({{1s, 10}, {5s, 4}});
        store.append(key, t0, 1);
        store.append(key, t0 + 3000, 4);
        auto out = readAll(store, key);
        QCOMPARE(out.size(), std::size_t(1)); // coarsest tier: one 5 s step
        std::vector<SeriesPoint> fine;
        store.read(key, t0, t0 + 3000, fine);
        QCOMPARE(fine.size(), std::size_t(2));
        QCOMPARE(fine[1].timeMs, t0 + 3000);
        // A jump longer than every ring clears them: nothing of the old lap is read back.
        store.append(key, t0 + 100'000, 9);
        store.read(key, t0 + 91'000, t0 + 100'000, fine);
        QCOMPARE(fine.size(), std::size_t(1));
        QCOMPARE(fine[0].value, 9.0f);
        std::int64_t step = 0;
        out = readAll(store, key, &step);
        QCOMPARE(step, 5000);
        QCOMPARE(out.size(), std::size_t(1));
    }

    void tierSelection_data() {
        QTest::addColumn<std::int64_t>("spanMs");
        QTest::addColumn<std::int64_t>("step");
        QTest::addColumn<int>("points");
        QTest::addColumn<float>("firstValue");
        QTest::newRow("2 min") << std::int64_t(120'000) << std::int64_t(1000) << 121 << 89879.0f;
        QTest::newRow("15 min") << std::int64_t(900'000) << std::int64_t(1000) << 901 << 89099.0f;
        QTest::newRow("1 h") << std::int64_t(3'600'000) << std::int64_t(1000) << 3600 << 86400.0f;
        QTest::newRow("2 h") << std::int64_t(7'200'000) << std::int64_t(60'000) << 121 << 82809.5f;
        QTest::newRow("24 h") << std::int64_t(86'400'000) << std::int64_t(60'000) << 1440 << 3669.5f;
        QTest::newRow("48 h: coarsest")
            << std::int64_t(172'800'000) << std::int64_t(60'000) << 1440 << 3669.5f;
    }
    void tierSelection() {
        QFETCH(std::int64_t, spanMs);
        QFETCH(std::int64_t, step);
        QFETCH(int, points);
        QFETCH(float, firstValue);
        static SeriesStore store; // the default tiers, 25 h of one sample a second (shared by the rows)
        if (store.seriesCount() == 0) {
            for (int i = 0; i < 90'000; ++i)
                store.append(key, t0 + std::int64_t(i) * 1000, float(i));
        }
        const std::int64_t now = t0 + 89'999'000;
        std::vector<SeriesPoint> out;
        QCOMPARE(store.read(key, now - spanMs, now, out), step);
        QCOMPARE(int(out.size()), points);
        QCOMPARE(out.front().value, firstValue);
        QCOMPARE(out.back().timeMs, now - now % step);
        for (std::size_t i = 1; i < out.size(); ++i)
            QCOMPARE(out[i].timeMs - out[i - 1].timeMs, step);
    }

    void readReusesCapacity() {
        SeriesStore store;
        for (int i = 0; i < 100; ++i)
            store.append(key, t0 + i * 1000, 1);
        std::vector<SeriesPoint> out;
        out.reserve(3600);
        const SeriesPoint* data = out.data();
        store.read(key, t0, t0 + 99'000, out);
        QCOMPARE(out.size(), std::size_t(100));
        QCOMPARE(out.data(), data);
    }

    void memoryBounded() {
        SeriesStore store;
        QCOMPARE(store.memoryBytes(), std::size_t(0));
        const SeriesKey counter{key.endpointId, QString(), Metric::RequestRate};
        const SeriesKey breaker{key.endpointId, QStringLiteral("p"), Metric::BreakerState};
        const SeriesKey constant{key.endpointId, QStringLiteral("p"), Metric::TokenLimit};
        const auto appendHours = [&](int from, int hours) {
            for (std::int64_t i = std::int64_t(from) * 3600; i < std::int64_t(from + hours) * 3600; ++i) {
                store.append(counter, t0 + i * 1000, float(i % 1000));
                store.append(breaker, t0 + i * 1000, float(i / 600 % 3));
                store.append(constant, t0 + i * 1000, 100);
            }
        };
        store.append(counter, t0, 0);
        // A series' first sample costs a chunk table and one open chunk per tier, not its whole history.
        QVERIFY2(store.memoryBytes() < 4096, qPrintable(QString::number(store.memoryBytes())));
        appendHours(0, 25);
        const std::size_t day = store.memoryBytes();
        appendHours(25, 24);
        const std::size_t twoDays = store.memoryBytes();
        QVERIFY2(day <= 3 * 24 * 1024, qPrintable(QString::number(day))); // a day of three series
        // No growth after it: only the packed sizes of the chunks held differ (the data's phase).
        QVERIFY2(twoDays <= day + day / 50, qPrintable(QStringLiteral("%1 then %2").arg(day).arg(twoDays)));
        QVERIFY(twoDays < 3 * store.worstCaseBytesPerSeries());
        QCOMPARE(store.seriesCount(), std::size_t(3));
        QCOMPARE(store.stats().appended, std::uint64_t(3 * 49 * 3600 + 1));
        // Packed points read back exactly: counts and small integers lose nothing.
        std::vector<SeriesPoint> out;
        const std::int64_t end = t0 + (49LL * 3600 - 1) * 1000;
        QCOMPARE(store.read(counter, end - 3'599'000, end, out), 1000);
        QCOMPARE(out.size(), std::size_t(3600));
        for (std::size_t i = 0; i < out.size(); ++i)
            QCOMPARE(out[i].value, float((49 * 3600 - 3600 + std::int64_t(i)) % 1000));
        QCOMPARE(store.read(breaker, end - 86'000'000, end, out), 60'000);
        QCOMPARE(out.size(), std::size_t(1435)); // the 60 s steps overlapping the last 86,000 s
        for (const SeriesPoint& p : out)
            QVERIFY(p.value == p.max && p.min >= 0 && p.max <= 2);
    }

    void lateSamples_data() {
        QTest::addColumn<std::int64_t>("lateMs"); // after a sample at t0 + 3600 s
        QTest::addColumn<quint64>("duplicates");
        QTest::addColumn<quint64>("outOfOrder");
        QTest::addColumn<quint64>("tooOld");
        QTest::addColumn<int>("finePoints");   // 1 s tier, last 10 min
        QTest::addColumn<int>("coarsePoints"); // 10 s tier, everything
        QTest::newRow("same second") << std::int64_t(3'600'500) << quint64(1) << quint64(0) << quint64(0) << 1
                                     << 1;
        QTest::newRow("earlier second")
            << std::int64_t(3'598'000) << quint64(0) << quint64(1) << quint64(0) << 2 << 2;
        QTest::newRow("same 10 s, earlier")
            << std::int64_t(3'601'000) << quint64(0) << quint64(1) << quint64(0) << 2 << 1;
        QTest::newRow("only the coarse tier")
            << std::int64_t(-1'000'000) << quint64(0) << quint64(1) << quint64(0) << 1 << 2;
        QTest::newRow("older than every tier")
            << std::int64_t(-90'000'000) << quint64(0) << quint64(1) << quint64(1) << 1 << 1;
    }
    void lateSamples() {
        QFETCH(std::int64_t, lateMs);
        QFETCH(quint64, duplicates);
        QFETCH(quint64, outOfOrder);
        QFETCH(quint64, tooOld);
        QFETCH(int, finePoints);
        QFETCH(int, coarsePoints);
        SeriesStore store({{1s, 3600}, {10s, 8640}});
        store.append(key, t0 + 3'600'000, 2);
        if (lateMs == 3'601'000) { // a newer second first, then one in the same 10 s step
            store.append(key, t0 + 3'602'000, 4);
            store.append(key, t0 + 3'601'000, 6);
        } else {
            store.append(key, t0 + lateMs, 4);
        }
        const auto stats = store.stats();
        QCOMPARE(stats.duplicates, duplicates);
        QCOMPARE(stats.outOfOrder, outOfOrder);
        QCOMPARE(stats.tooOld, tooOld);
        std::vector<SeriesPoint> out;
        QCOMPARE(store.read(key, t0 + 3'000'000, t0 + 3'700'000, out), 1000);
        QCOMPARE(int(out.size()), lateMs == 3'601'000 ? 3 : finePoints);
        QCOMPARE(store.read(key, t0 - 100'000'000, t0 + 3'700'000, out), 10'000);
        QCOMPARE(int(out.size()), coarsePoints);
        if (duplicates == 1) {
            QCOMPARE(out[0].value, 3.0f);
            QCOMPARE(out[0].min, 2.0f);
            QCOMPARE(out[0].max, 4.0f);
        }
        if (lateMs == 3'601'000) {
            QCOMPARE(out[0].value, 4.0f);
            QCOMPARE(out[0].max, 6.0f);
        }
    }

    void lateSampleIntoAPackedChunk() {
        // 200 s at 1 Hz: the first three 64 s chunks are packed; a late sample unpacks and repacks one.
        SeriesStore store({{1s, 3600}});
        for (int i = 0; i < 200; ++i)
            store.append(key, t0 + i * 1000, float(i));
        store.append(key, t0 + 10'000, 100);
        store.append(key, t0 - 5'000, 7); // a chunk never held before (a gap): made, and packed
        std::vector<SeriesPoint> out;
        store.read(key, t0 - 10'000, t0 + 199'000, out);
        QCOMPARE(out.size(), std::size_t(201));
        QCOMPARE(out[0].timeMs, t0 - 5'000);
        QCOMPARE(out[0].value, 7.0f);
        for (int i = 0; i < 200; ++i) {
            const SeriesPoint& p = out[std::size_t(i + 1)];
            QCOMPARE(p.timeMs, t0 + i * 1000);
            QCOMPARE(p.value, i == 10 ? 55.0f : float(i)); // packed points weigh as one sample
            QCOMPARE(p.min, float(i));
            QCOMPARE(p.max, i == 10 ? 100.0f : float(i));
        }
        QCOMPARE(store.stats().outOfOrder, std::uint64_t(2));
    }

    void removeEndpoint() {
        SeriesStore store({{1s, 10}});
        const SeriesKey b{QStringLiteral("http://b:1"), QString(), Metric::ErrorRate};
        const SeriesKey a2{key.endpointId, QStringLiteral("p"), Metric::TokenLimit};
        store.append(key, t0, 1);
        store.append(a2, t0, 1);
        store.append(b, t0, 1);
        QCOMPARE(store.keys(key.endpointId).size(), std::size_t(2));
        store.remove(key.endpointId);
        QCOMPARE(store.seriesCount(), std::size_t(1));
        SeriesStore onlyB({{1s, 10}});
        onlyB.append(b, t0, 1);
        QCOMPARE(store.memoryBytes(), onlyB.memoryBytes());
        std::vector<SeriesPoint> out{SeriesPoint{1, 1, 1, 1}};
        QCOMPARE(store.read(key, t0, t0, out), 0);
        QVERIFY(out.empty());
        QCOMPARE(store.newestTimeMs(b), t0);
        QVERIFY(store.keys(key.endpointId).empty());
    }

    // One writer (the ingest thread), one reader (the UI thread), a remover now and then: run under TSan.
    void writerAndReader() {
        SeriesStore store({{1s, 600}, {10s, 100}});
        constexpr int samples = 20'000;
        std::atomic<bool> done{false};
        std::thread writer([&] {
            for (int i = 0; i < samples; ++i) {
                for (int m = 0; m < 3; ++m)
                    store.append(SeriesKey{key.endpointId, QString(), Metric(m)}, t0 + i * 1000,
                                 float(i % 100));
                if (i % 5000 == 4999)
                    store.remove(QStringLiteral("nobody"));
            }
            done = true;
        });
        std::vector<SeriesPoint> out;
        out.reserve(600);
        int reads = 0;
        bool ordered = true;
        while (!done.load() || reads == 0) {
            store.read(key, t0 + 19'000'000, t0 + 20'000'000, out);
            for (std::size_t i = 1; i < out.size(); ++i)
                ordered = ordered && out[i].timeMs > out[i - 1].timeMs && out[i].min <= out[i].value &&
                          out[i].value <= out[i].max;
            ++reads;
        }
        writer.join();
        QVERIFY(ordered);
        QCOMPARE(store.stats().appended, std::uint64_t(3 * samples));
        QCOMPARE(store.stats().outOfOrder, std::uint64_t(0));
        store.read(key, t0 + (samples - 600) * 1000LL, t0 + samples * 1000LL, out);
        QCOMPARE(out.size(), std::size_t(600));
        QCOMPARE(out.back().value, float((samples - 1) % 100));
    }
};

QTEST_GUILESS_MAIN(tst_SeriesStore)
#include "tst_seriesstore.moc"
