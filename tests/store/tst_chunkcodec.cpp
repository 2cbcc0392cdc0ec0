// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/chunkcodec.h"

#include <QLocale>
#include <QTest>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>

using namespace jimini;

namespace {
using Cells = std::array<SeriesSlot, ChunkCodec::steps>;
enum class Shape { Constant, SmallCounts, Decimals, LargeCounts, Noisy, NoisyOdd, NonFinite, Sparse, Spread };

float valueAt(Shape shape, int i) {
    switch (shape) {
    case Shape::Constant:
        return 25.0f;
    case Shape::SmallCounts:
        return float(i % 7);
    case Shape::Decimals:
        return float(37.2 + 0.1 * (i % 13)); // as JSON gives them: one decimal
    case Shape::LargeCounts:
        return float(1000 + 97 * i);
    case Shape::Noisy:
    case Shape::NoisyOdd:
        return float(0.0123 + std::sin(i * 0.7) * std::sin(i * 0.7) * 1.7 + i * 1e-7);
    case Shape::NonFinite:
        return i == 5 ? std::numeric_limits<float>::infinity() : float(i) / 3.0f;
    case Shape::Sparse:
        return float(i);
    case Shape::Spread:
        return float(i) / 7.0f;
    }
    return 0;
}

Cells slotsOf(Shape shape) {
    Cells cells{};
    for (int i = 0; i < ChunkCodec::steps; ++i) {
        if ((shape == Shape::Sparse && i % 5 != 0) || (shape == Shape::NoisyOdd && i == 40))
            continue;
        const float v = valueAt(shape, i);
        cells[std::size_t(i)] =
            shape == Shape::Spread ? SeriesSlot{v, v - 1.0f, v + 2.5f, 3} : SeriesSlot{v, v, v, 1};
    }
    return cells;
}

bool sameBits(float a, float b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}
} // namespace

class tst_ChunkCodec : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void roundTrip_data() {
        QTest::addColumn<int>("shape");
        QTest::addColumn<bool>("exact");
        QTest::addColumn<int>("maxSize"); // bytes
        // mask 8 + layout 1 + per stream: kind 1 (+ scale 1) + lo 4 (+ hi 4) + codes
        QTest::newRow("constant") << int(Shape::Constant) << true << 8 + 1 + 1 + 4;
        QTest::newRow("small counts: a byte each") << int(Shape::SmallCounts) << true << 8 + 1 + 6 + 64;
        QTest::newRow("one-decimal values: exact") << int(Shape::Decimals) << true << 8 + 1 + 6 + 64;
        QTest::newRow("large counts: two bytes each") << int(Shape::LargeCounts) << true << 8 + 1 + 6 + 128;
        QTest::newRow("noisy: quantized") << int(Shape::Noisy) << false << 8 + 1 + 9 + 96;
        QTest::newRow("noisy, an odd count") << int(Shape::NoisyOdd) << false << 8 + 1 + 9 + 95;
        QTest::newRow("non-finite: raw") << int(Shape::NonFinite) << true << 8 + 1 + 1 + 256;
        QTest::newRow("sparse: only the points") << int(Shape::Sparse) << true << 8 + 1 + 6 + 13;
        QTest::newRow("min and max of their own") << int(Shape::Spread) << false << 8 + 1 + 3 * (9 + 96);
    }
    void roundTrip() {
        QFETCH(int, shape);
        QFETCH(bool, exact);
        QFETCH(int, maxSize);
        const Cells in = slotsOf(Shape(shape));
        const ChunkCodec::Packed packed = ChunkCodec::pack(in.data());
        QVERIFY2(packed.size <= maxSize, qPrintable(QString::number(packed.size)));
        QVERIFY(packed.bytes);
        Cells out;
        out.fill(SeriesSlot{9, 9, 9, 9});
        ChunkCodec::unpack(packed.bytes.get(), packed.size, out.data());
        float lo = std::numeric_limits<float>::max();
        float hi = std::numeric_limits<float>::lowest();
        for (const SeriesSlot& s : in) {
            if (s.count != 0 && std::isfinite(s.value)) {
                lo = std::min({lo, s.min, s.value});
                hi = std::max({hi, s.max, s.value});
            }
        }
        const double bound = (double(hi) - double(lo)) / 8190.0 * 1.01;
        for (std::size_t i = 0; i < in.size(); ++i) {
            QCOMPARE(out[i].count, in[i].count == 0 ? 0u : 1u);
            if (in[i].count == 0)
                continue;
            const std::array<std::pair<float, float>, 3> fields{
                {{in[i].value, out[i].value}, {in[i].min, out[i].min}, {in[i].max, out[i].max}}};
            for (const auto& [want, got] : fields) {
                if (exact)
                    QVERIFY2(sameBits(want, got), qPrintable(QStringLiteral("step %1: %2 read back as %3")
                                                                 .arg(i)
                                                                 .arg(double(want), 0, 'g', 9)
                                                                 .arg(double(got), 0, 'g', 9)));
                else
                    QVERIFY2(
                        std::abs(double(want) - double(got)) <= bound,
                        qPrintable(QStringLiteral("step %1: %2 read back as %3").arg(i).arg(want).arg(got)));
            }
            QVERIFY(out[i].min <= out[i].value && out[i].value <= out[i].max);
        }
    }

    void fullConstantNeedsNoBytes_data() {
        QTest::addColumn<int>("shape");
        QTest::addColumn<bool>("constant");
        QTest::newRow("every step the same") << int(Shape::Constant) << true;
        QTest::newRow("a step missing") << int(Shape::Sparse) << false;
        QTest::newRow("changing") << int(Shape::SmallCounts) << false;
        QTest::newRow("min and max apart") << int(Shape::Spread) << false;
    }
    void fullConstantNeedsNoBytes() {
        QFETCH(int, shape);
        QFETCH(bool, constant);
        Cells in = slotsOf(Shape(shape));
        if (Shape(shape) == Shape::Sparse)
            in.fill(SeriesSlot{4, 4, 4, 2}), in[17].count = 0;
        float value = 0;
        QCOMPARE(ChunkCodec::isFullConstant(in.data(), value), constant);
        if (!constant)
            return;
        QCOMPARE(value, 25.0f);
        Cells out{};
        ChunkCodec::unpackConstant(value, out.data());
        for (const SeriesSlot& s : out)
            QVERIFY(s.count == 1 && s.value == 25.0f && s.min == 25.0f && s.max == 25.0f);
    }

    void emptyChunkPacksToNothing() {
        Cells empty{};
        const ChunkCodec::Packed packed = ChunkCodec::pack(empty.data());
        QCOMPARE(packed.size, std::uint16_t(0));
        QVERIFY(!packed.bytes);
        Cells out;
        out.fill(SeriesSlot{1, 1, 1, 1});
        ChunkCodec::unpack(nullptr, 0, out.data());
        for (const SeriesSlot& s : out)
            QCOMPARE(s.count, 0u);
    }
};

QTEST_GUILESS_MAIN(tst_ChunkCodec)
#include "tst_chunkcodec.moc"
