// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/fleetevent.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

// FleetEventType's one name table: every type has its name and reads back from it; nothing else does.
class tst_FleetEvent : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void typeNames_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("audit"); // one of the four types a service's record carries
        QTest::newRow("transition") << int(FleetEventType::Transition) << "transition" << true;
        QTest::newRow("control") << int(FleetEventType::Control) << "control" << true;
        QTest::newRow("config") << int(FleetEventType::Config) << "config" << true;
        QTest::newRow("fault") << int(FleetEventType::Fault) << "fault" << true;
        QTest::newRow("gap") << int(FleetEventType::Gap) << "gap" << false;
        QTest::newRow("connection") << int(FleetEventType::Connection) << "connection" << false;
    }
    void typeNames() {
        QFETCH(int, type);
        QFETCH(QString, name);
        QFETCH(bool, audit);
        QCOMPARE(toString(FleetEventType(type)), name);
        const std::optional<FleetEventType> back = fleetEventTypeFromName(name);
        QVERIFY(back);
        QCOMPARE(int(*back), type);
        QCOMPARE(isAuditType(FleetEventType(type)), audit);
    }

    void unknownNames_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << "";
        QTest::newRow("Transition") << "Transition";
        QTest::newRow("health") << "health"; // a stream's document, not an event
        QTest::newRow("message") << "message";
        QTest::newRow("transitions") << "transitions";
    }
    void unknownNames() {
        QFETCH(QString, name);
        QVERIFY(!fleetEventTypeFromName(name));
    }
};

QTEST_GUILESS_MAIN(tst_FleetEvent)
#include "tst_fleetevent.moc"
