// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/fleet/fleetstatuslabel.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

namespace {
FleetCounts counts(int ok, int critical, int degraded, int stale, int failing, int connecting) {
    FleetCounts c;
    c.ok = ok;
    c.critical = critical;
    c.degraded = degraded;
    c.stale = stale;
    c.failing = failing;
    c.connecting = connecting;
    c.total = ok + stale + failing + connecting;
    return c;
}
} // namespace

class tst_FleetStatusLabel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // "ok" once meant reachable and hid critical instances: every word now says what it counts.
    void text_data() {
        QTest::addColumn<FleetCounts>("counts");
        QTest::addColumn<QString>("text");
        QTest::newRow("no services") << FleetCounts{} << "No services";
        QTest::newRow("all reachable and healthy") << counts(5, 0, 0, 0, 0, 0) << "5 reachable of 5";
        QTest::newRow("critical ones are said, not counted as ok")
            << counts(12, 3, 0, 0, 0, 0) << "12 reachable (3 critical) of 12";
        QTest::newRow("every kind") << counts(12, 3, 1, 2, 1, 1)
                                    << "12 reachable (3 critical, 1 degraded) \u00b7 2 stale \u00b7 "
                                       "1 unreachable \u00b7 1 connecting of 16";
        QTest::newRow("nothing reachable")
            << counts(0, 0, 0, 2, 3, 0) << "0 reachable \u00b7 2 stale \u00b7 3 unreachable of 5";
    }
    void text() {
        QFETCH(FleetCounts, counts);
        QFETCH(QString, text);
        FleetStatusLabel label;
        label.setCounts(counts);
        QCOMPARE(label.text(), text);
        QCOMPARE(FleetStatusLabel::textFor(counts), text);
        QVERIFY(!label.accessibleName().isEmpty());
        if (counts.total > 0)
            QVERIFY(label.toolTip().startsWith(QStringLiteral("%1 instances\n").arg(counts.total)));
    }

    void toolTipSaysWhatEachCountIs() {
        const QString tip = FleetStatusLabel::toolTipFor(counts(12, 3, 1, 2, 1, 1));
        QVERIFY(
            tip.contains(QStringLiteral("reachable: 12, a fresh document (of them 3 critical, 1 degraded, 8 "
                                        "healthy)")));
        QVERIFY(tip.contains(QStringLiteral("stale: 2, no good document for three intervals")));
        QVERIFY(tip.contains(QStringLiteral("unreachable: 1, the last read failed")));
        QVERIFY(tip.contains(QStringLiteral("connecting: 1, no answer yet")));
    }
};

QTEST_MAIN(tst_FleetStatusLabel)
#include "tst_fleetstatuslabel.moc"
