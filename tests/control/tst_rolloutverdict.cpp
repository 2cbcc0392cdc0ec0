// SPDX-License-Identifier: GPL-3.0-or-later
// The rollout's decision rule: a watched reading against the instance's own baseline. Rolls back on an
// error-rate rise above the threshold (in percentage points) or a breaker that opened from closed; the
// figure says what decided.
#include "control/rolloutverdict.h"

#include <QtTest>

using namespace jimini;

namespace {

using Breakers = QMap<QString, BreakerState>;

WatchedHealth health(double errorRate, Breakers breakers = {}) {
    return {errorRate, std::move(breakers)};
}

} // namespace

class tst_RolloutVerdict : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void judge_data();
    void judge();
    void readsTheDocumentAsTheServiceSaidIt();
};

void tst_RolloutVerdict::judge_data() {
    QTest::addColumn<double>("baselineRate");
    QTest::addColumn<Breakers>("baselineBreakers");
    QTest::addColumn<double>("watchedRate");
    QTest::addColumn<Breakers>("watchedBreakers");
    QTest::addColumn<double>("thresholdPp");
    QTest::addColumn<bool>("rollBack");
    QTest::addColumn<QString>("figure");

    const Breakers closed{{"payments", BreakerState::Closed}};
    const Breakers open{{"payments", BreakerState::Open}};
    QTest::newRow("steady") << 0.021 << closed << 0.023 << closed << 10.0 << false
                            << "error rate 2.1% → 2.3% (+0.2 pp)";
    QTest::newRow("rise above threshold")
        << 0.021 << closed << 0.375 << closed << 10.0 << true << "error rate 2.1% → 37.5% (+35.4 pp > 10 pp)";
    QTest::newRow("rise at threshold is not above")
        << 0.0 << closed << 0.10 << closed << 10.0 << false << "error rate 0.0% → 10.0% (+10.0 pp)";
    QTest::newRow("rise just above threshold")
        << 0.0 << closed << 0.1002 << closed << 10.0 << true << "error rate 0.0% → 10.0% (+10.0 pp > 10 pp)";
    QTest::newRow("fractional threshold")
        << 0.01 << closed << 0.04 << closed << 2.5 << true << "error rate 1.0% → 4.0% (+3.0 pp > 2.5 pp)";
    QTest::newRow("fall") << 0.30 << closed << 0.05 << closed << 10.0 << false
                          << "error rate 30.0% → 5.0% (-25.0 pp)";
    QTest::newRow("high baseline, same rate")
        << 0.50 << closed << 0.55 << closed << 10.0 << false << "error rate 50.0% → 55.0% (+5.0 pp)";
    QTest::newRow("breaker opened") << 0.0 << closed << 0.0 << open << 10.0 << true
                                    << "breaker payments opened";
    QTest::newRow("breaker half-open counts as opened")
        << 0.0 << closed << 0.0 << Breakers{{"payments", BreakerState::HalfOpen}} << 10.0 << true
        << "breaker payments opened";
    QTest::newRow("breaker open before and after")
        << 0.0 << open << 0.0 << open << 10.0 << false << "error rate 0.0% → 0.0% (+0.0 pp)";
    QTest::newRow("isolated before, open after")
        << 0.0 << Breakers{{"payments", BreakerState::Isolated}} << 0.0 << open << 10.0 << false
        << "error rate 0.0% → 0.0% (+0.0 pp)";
    QTest::newRow("isolated by hand during the watch")
        << 0.0 << closed << 0.0 << Breakers{{"payments", BreakerState::Isolated}} << 10.0 << false
        << "error rate 0.0% → 0.0% (+0.0 pp)";
    QTest::newRow("new policy opened")
        << 0.0 << closed << 0.0
        << Breakers{{"payments", BreakerState::Closed}, {"search", BreakerState::Open}} << 10.0 << true
        << "breaker search opened";
    QTest::newRow("breaker wins over error rate")
        << 0.0 << closed << 0.9 << open << 10.0 << true << "breaker payments opened";
    // The points are those of the rates as shown: never "1.0% → 1.1% (+0.0 pp)", never "-0.0 pp".
    QTest::newRow("rounding adds up")
        << 0.0104 << closed << 0.0106 << closed << 10.0 << false << "error rate 1.0% → 1.1% (+0.1 pp)";
    QTest::newRow("no negative zero")
        << 0.0112 << closed << 0.0109 << closed << 10.0 << false << "error rate 1.1% → 1.1% (+0.0 pp)";
    QTest::newRow("policy gone") << 0.0 << closed << 0.0 << Breakers{} << 10.0 << false
                                 << "error rate 0.0% → 0.0% (+0.0 pp)";
}

void tst_RolloutVerdict::judge() {
    QFETCH(double, baselineRate);
    QFETCH(Breakers, baselineBreakers);
    QFETCH(double, watchedRate);
    QFETCH(Breakers, watchedBreakers);
    QFETCH(double, thresholdPp);
    QFETCH(bool, rollBack);
    QFETCH(QString, figure);
    const RolloutVerdict verdict = RolloutVerdict::judge(health(baselineRate, baselineBreakers),
                                                         health(watchedRate, watchedBreakers), thresholdPp);
    QCOMPARE(verdict.rollBack, rollBack);
    QCOMPARE(verdict.figure, figure);
}

void tst_RolloutVerdict::readsTheDocumentAsTheServiceSaidIt() {
    HealthDocument document;
    document.metrics.currentErrorRate = 0.125;
    document.windowSeconds = 30;
    PolicyHealth withBreaker;
    withBreaker.name = QStringLiteral("payments");
    withBreaker.circuitBreaker = BreakerHealth{};
    withBreaker.circuitBreaker->state = BreakerState::Open;
    PolicyHealth without;
    without.name = QStringLiteral("search");
    document.policies = {withBreaker, without};
    const WatchedHealth watched = WatchedHealth::from(document);
    QCOMPARE(watched.errorRate, 0.125);
    QCOMPARE(watched.windowSeconds, 30.0);
    QCOMPARE(watched.breakers, (Breakers{{"payments", BreakerState::Open}}));
}

QTEST_GUILESS_MAIN(tst_RolloutVerdict)
#include "tst_rolloutverdict.moc"
