// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/standardnormal.h"

#include <QLocale>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace jimini;

namespace {
constexpr int kDraws = 2'000'000;

double normalCdf(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

// One sorted sample shared by the rows: the same seed gives the same draws.
const std::vector<double>& sample() {
    static const std::vector<double> draws = [] {
        SplitMix64 random(20261201);
        std::vector<double> v(kDraws);
        for (double& x : v)
            x = StandardNormal::draw(random);
        std::sort(v.begin(), v.end());
        return v;
    }();
    return draws;
}

double shareBelow(double z) {
    const std::vector<double>& v = sample();
    return double(std::lower_bound(v.begin(), v.end(), z) - v.begin()) / double(v.size());
}
} // namespace

class tst_StandardNormal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // The share of draws below z against the normal distribution function, in the body, at the edges of
    // the ziggurat's layers and in the tail beyond its base layer (r = 3.4426), where a wrong tail method
    // shows. Tolerance: five standard errors of a share of 2 million draws.
    void sharesBelowMatchTheNormal_data() {
        QTest::addColumn<double>("z");
        for (double z : {-4.0, -3.5, -3.4426, -2.5758, -1.96, -1.0, -0.3, 0.0, 0.3, 1.0, 1.6449, 2.3263, 3.0,
                         3.4426, 3.9, 4.5})
            QTest::newRow(qPrintable(QString::number(z))) << z;
    }
    void sharesBelowMatchTheNormal() {
        QFETCH(double, z);
        const double expected = normalCdf(z);
        const double tolerance = 5 * std::sqrt(expected * (1 - expected) / kDraws) + 1e-6;
        const double seen = shareBelow(z);
        QVERIFY2(std::abs(seen - expected) <= tolerance,
                 qPrintable(QStringLiteral("P(X < %1): %2 seen, %3 expected (+-%4)")
                                .arg(z)
                                .arg(seen, 0, 'g', 8)
                                .arg(expected, 0, 'g', 8)
                                .arg(tolerance, 0, 'g', 3)));
    }

    void momentsAreThoseOfTheStandardNormal_data() {
        QTest::addColumn<int>("power");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("tolerance"); // five standard errors
        QTest::newRow("mean") << 1 << 0.0 << 5 * std::sqrt(1.0 / kDraws);
        QTest::newRow("variance") << 2 << 1.0 << 5 * std::sqrt(2.0 / kDraws);
        QTest::newRow("skew") << 3 << 0.0 << 5 * std::sqrt(15.0 / kDraws);
        QTest::newRow("kurtosis") << 4 << 3.0 << 5 * std::sqrt(96.0 / kDraws);
    }
    void momentsAreThoseOfTheStandardNormal() {
        QFETCH(int, power);
        QFETCH(double, expected);
        QFETCH(double, tolerance);
        double sum = 0;
        for (double x : sample())
            sum += std::pow(x, power);
        const double moment = sum / kDraws;
        QVERIFY2(std::abs(moment - expected) <= tolerance,
                 qPrintable(QStringLiteral("E[X^%1] = %2, expected %3 +-%4")
                                .arg(power)
                                .arg(moment)
                                .arg(expected)
                                .arg(tolerance)));
    }

    // Replays need the same draws for the same seed, and every draw finite.
    void sameSeedSameDraws_data() {
        QTest::addColumn<quint64>("seed");
        QTest::newRow("0") << quint64(0);
        QTest::newRow("42") << quint64(42);
        QTest::newRow("max") << quint64(~0ull);
    }
    void sameSeedSameDraws() {
        QFETCH(quint64, seed);
        SplitMix64 a(seed);
        SplitMix64 b(seed);
        for (int i = 0; i < 100'000; ++i) {
            const double x = StandardNormal::draw(a);
            QVERIFY(std::isfinite(x));
            QCOMPARE(StandardNormal::draw(b), x);
        }
    }
};

QTEST_MAIN(tst_StandardNormal)
#include "tst_standardnormal.moc"
