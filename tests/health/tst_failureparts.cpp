// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/failureparts.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

namespace {
HealthMetrics metrics(std::uint64_t failed, std::uint64_t timeouts, std::uint64_t rateLimitHits,
                      std::optional<FailureBreakdown> failures) {
    HealthMetrics m;
    m.failedOperations = failed;
    m.timeouts = timeouts;
    m.rateLimitHits = rateLimitHits;
    m.failures = failures;
    return m;
}
} // namespace

class tst_FailureParts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // A document with metrics.failures gives every part; without, only timeouts and rate_limit_hits are
    // known (the guide's document): the rest are absent, never 0.
    void whatIsKnown_data() {
        QTest::addColumn<bool>("breakdown");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<bool>("complete");
        QTest::newRow("native with failures")
            << true
            << QStringLiteral(
                   "downstream 80, timeout 35, rate limited 1416, bulkhead full 0, breaker open 0, "
                   "cancelled 0")
            << true;
        QTest::newRow("guide: only its own two")
            << false
            << QStringLiteral("timeout 35, rate limited 1416 (not reported: downstream, bulkhead full, "
                              "breaker open, cancelled)")
            << false;
    }
    void whatIsKnown() {
        QFETCH(bool, breakdown);
        QFETCH(QString, summary);
        QFETCH(bool, complete);
        const FailureParts p = FailureParts::of(
            metrics(1531, 35, 1416,
                    breakdown ? std::optional<FailureBreakdown>(FailureBreakdown{80, 35, 1416, 0, 0, 0})
                              : std::nullopt));
        QCOMPARE(p.summary(QLocale::c()), summary);
        QCOMPARE(p.complete(), complete);
        QCOMPARE(p.failed(), std::uint64_t(1531));
        QCOMPARE(p.count(FailureKind::RateLimited), std::optional<std::uint64_t>(1416));
        QCOMPARE(p.count(FailureKind::Downstream).has_value(), breakdown);
        QCOMPARE(p.count(FailureKind::BreakerOpen),
                 breakdown ? std::optional<std::uint64_t>(0) : std::nullopt);
    }

    void namesAndKeys_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("key");
        QTest::newRow("downstream") << int(FailureKind::Downstream) << "downstream"
                                    << "downstream";
        QTest::newRow("timeout") << int(FailureKind::Timeout) << "timeout"
                                 << "timeout";
        QTest::newRow("rate limited") << int(FailureKind::RateLimited) << "rate limited"
                                      << "rate_limited";
        QTest::newRow("bulkhead full") << int(FailureKind::BulkheadFull) << "bulkhead full"
                                       << "bulkhead_full";
        QTest::newRow("breaker open") << int(FailureKind::BreakerOpen) << "breaker open"
                                      << "breaker_open";
        QTest::newRow("cancelled") << int(FailureKind::Cancelled) << "cancelled"
                                   << "cancelled";
    }
    void namesAndKeys() {
        QFETCH(int, kind);
        QFETCH(QString, name);
        QFETCH(QString, key);
        QCOMPARE(FailureParts::name(FailureKind(kind)), name);
        QCOMPARE(FailureParts::key(FailureKind(kind)), key);
    }

    // The separator and the locale are the caller's: a tooltip puts one kind on a line.
    void separatorAndLocale() {
        const FailureParts p =
            FailureParts::of(metrics(1531, 35, 1416, FailureBreakdown{80, 35, 1416, 0, 0, 0}));
        QLocale grouped(QLocale::English, QLocale::UnitedStates);
        QVERIFY(p.summary(grouped, QStringLiteral("\n"))
                    .startsWith(QStringLiteral("downstream 80\ntimeout 35\nrate limited 1,416\n")));
    }
};

QTEST_GUILESS_MAIN(tst_FailureParts)
#include "tst_failureparts.moc"
