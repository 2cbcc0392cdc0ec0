// SPDX-License-Identifier: GPL-3.0-or-later
// The TTL an operator types (CLI --ttl, the console's custom field): seconds or a whole number with s, m
// or h; anything else refused with a sentence naming it.
#include "control/breakerttl.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

class tst_BreakerTtl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("seconds"); // -1: refused
        QTest::newRow("seconds") << "90" << 90;
        QTest::newRow("seconds unit") << "90s" << 90;
        QTest::newRow("minutes") << "5m" << 300;
        QTest::newRow("hour") << "1h" << 3600;
        QTest::newRow("spaces around") << " 15m " << 900;
        QTest::newRow("a year") << "8760h" << 31536000;
        QTest::newRow("over a year") << "8761h" << -1;
        QTest::newRow("zero") << "0" << -1;
        QTest::newRow("zero minutes") << "0m" << -1;
        QTest::newRow("negative") << "-5" << -1;
        QTest::newRow("fraction") << "1.5h" << -1;
        QTest::newRow("days") << "2d" << -1;
        QTest::newRow("ms") << "500ms" << -1;
        QTest::newRow("upper case") << "5M" << -1;
        QTest::newRow("space inside") << "5 m" << -1;
        QTest::newRow("empty") << "" << -1;
        QTest::newRow("word") << "soon" << -1;
        QTest::newRow("huge") << "99999999999" << -1;
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(int, seconds);
        const BreakerTtl ttl = BreakerTtl::parse(text);
        if (seconds < 0) {
            QVERIFY(!ttl.seconds);
            QVERIFY2(ttl.error.contains(text.trimmed().left(20)), qPrintable(ttl.error));
        } else {
            QCOMPARE(ttl.seconds.value_or(-1), seconds);
            QVERIFY(ttl.error.isEmpty());
        }
    }

    void toText_data() {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << 90 << "90 s";
        QTest::newRow("five minutes") << 300 << "5 min";
        QTest::newRow("hour") << 3600 << "1 h";
        QTest::newRow("hour and a half") << 5400 << "1 h 30 min";
        QTest::newRow("odd") << 3601 << "1 h 1 s";
    }
    void toText() {
        QFETCH(int, seconds);
        QFETCH(QString, text);
        QCOMPARE(BreakerTtl::toText(seconds), text);
    }
};

QTEST_GUILESS_MAIN(tst_BreakerTtl)
#include "tst_breakerttl.moc"
