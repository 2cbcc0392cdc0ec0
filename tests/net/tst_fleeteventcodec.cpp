// SPDX-License-Identifier: GPL-3.0-or-later
// A page of a service's event record as the console reads it: every event with the service's own time,
// reason, actor, note and TTL; a page that is not a record says what is wrong and where.
#include "net/fleeteventcodec.h"

#include "health/healthnames.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

namespace {
// docs/protocol.md, "Events".
const QByteArray kExample = R"({"events": [
  {"sequence": 42, "time": "2026-11-29T02:30:00.410Z", "type": "transition", "policy": "default",
   "from": "closed", "to": "open", "reason": "failure_threshold", "actor": "system", "note": ""},
  {"sequence": 43, "time": "2026-11-29T02:31:00.000Z", "type": "control", "policy": "default",
   "action": "isolate", "actor": "bearer:3f9a", "note": "maintenance window", "ttl_seconds": 300,
   "before": "open", "after": "isolated"},
  {"sequence": 44, "time": "2026-11-29T02:31:00.000Z", "type": "transition", "policy": "default",
   "from": "open", "to": "isolated", "reason": "manual_isolate", "actor": "bearer:3f9a",
   "note": "maintenance window"}
 ],
 "next": 45})";
} // namespace

class tst_FleetEventCodec : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void readsTheDocumentedPage() {
        const EventRecordPage page = FleetEventCodec::fromRecord(
            QStringLiteral("http://a:1"), QStringLiteral("pay"), QStringLiteral("pay-1"), kExample);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.next, 45);
        QCOMPARE(page.events.size(), std::size_t(3));
        const FleetEvent& opened = page.events[0];
        QCOMPARE(opened.sequence, 42);
        QCOMPARE(opened.time, QDateTime(QDate(2026, 11, 29), QTime(2, 30, 0, 410), Qt::UTC));
        QCOMPARE(toString(opened.type), QStringLiteral("transition"));
        QCOMPARE(breakerStateName(opened.from), QStringLiteral("closed"));
        QCOMPARE(breakerStateName(opened.to), QStringLiteral("open"));
        QCOMPARE(opened.reason, QStringLiteral("failure_threshold"));
        QCOMPARE(opened.actor, QStringLiteral("system"));
        QCOMPARE(opened.service, QStringLiteral("pay"));
        QCOMPARE(opened.instance, QStringLiteral("pay-1"));
        QVERIFY(!opened.ttlSeconds);
        QVERIFY(!opened.inferred);
        const FleetEvent& control = page.events[1];
        QCOMPARE(control.reason, QStringLiteral("isolate"));
        QCOMPARE(breakerStateName(control.from), QStringLiteral("open"));
        QCOMPARE(breakerStateName(control.to), QStringLiteral("isolated"));
        QCOMPARE(control.ttlSeconds, std::optional<double>(300));
        // The transition the control made holds for its TTL.
        const FleetEvent& isolated = page.events[2];
        QCOMPARE(isolated.reason, QStringLiteral("manual_isolate"));
        QCOMPARE(isolated.actor, QStringLiteral("bearer:3f9a"));
        QCOMPARE(isolated.note, QStringLiteral("maintenance window"));
        QCOMPARE(isolated.ttlSeconds, std::optional<double>(300));
    }

    void refusesWhatIsNoRecord_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error"); // empty: read; else the start of the error
        QTest::addColumn<int>("events");
        QTest::newRow("empty page") << QByteArray(R"({"events": [], "next": 1})") << QString() << 0;
        QTest::newRow("unknown type passed over")
            << QByteArray(R"({"events": [{"sequence": 1, "time": "2026-11-29T02:30:00.410Z", "type": "x"}],
                          "next": 2})")
            << QString() << 0;
        QTest::newRow("time with an offset, in UTC")
            << QByteArray(R"({"events": [{"sequence": 1, "time": "2026-11-29T04:30:00.410+02:00",
                          "type": "config", "before": "a", "after": "b"}], "next": 2})")
            << QString() << 1;
        QTest::newRow("HTML") << QByteArray("<!doctype html>") << "malformed JSON at offset " << 0;
        QTest::newRow("array") << QByteArray("[]") << "expected an object with events and next" << 0;
        QTest::newRow("no next") << QByteArray(R"({"events": []})") << "next: expected an integer >= 0" << 0;
        QTest::newRow("fraction next")
            << QByteArray(R"({"events": [], "next": 1.5})") << "next: expected an integer >= 0" << 0;
        QTest::newRow("huge next") << QByteArray(R"({"events": [], "next": 1e300})")
                                   << "next: expected an integer >= 0" << 0;
        QTest::newRow("events not a list")
            << QByteArray(R"({"events": {}, "next": 1})") << "events: expected an array" << 0;
        QTest::newRow("event not an object")
            << QByteArray(R"({"events": [3], "next": 5})") << "events[0]: expected an object" << 0;
        QTest::newRow("sequence not rising")
            << QByteArray(
                   R"({"events": [{"sequence": 2, "time": "2026-11-29T02:30:00.410Z", "type": "config"},
                          {"sequence": 2, "time": "2026-11-29T02:30:00.410Z", "type": "config"}], "next": 3})")
            << "events[1].sequence: expected an integer above the one before and below next" << 0;
        QTest::newRow("sequence at next")
            << QByteArray(
                   R"({"events": [{"sequence": 3, "time": "2026-11-29T02:30:00.410Z", "type": "config"}],
                          "next": 3})")
            << "events[0].sequence: expected" << 0;
        QTest::newRow("no time") << QByteArray(
                                        R"({"events": [{"sequence": 1, "type": "transition"}], "next": 2})")
                                 << "events[0].time: expected an RFC 3339 time" << 0;
        QTest::newRow("no type")
            << QByteArray(R"({"events": [{"sequence": 1, "time": "2026-11-29T02:30:00.410Z"}], "next": 2})")
            << "events[0].type: expected a string" << 0;
    }
    void refusesWhatIsNoRecord() {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QFETCH(int, events);
        const EventRecordPage page = FleetEventCodec::fromRecord(QStringLiteral("http://a:1"), {}, {}, body);
        QVERIFY2(error.isEmpty() ? page.ok() : page.error.startsWith(error), qPrintable(page.error));
        QCOMPARE(int(page.events.size()), events);
        for (const FleetEvent& e : page.events)
            QCOMPARE(e.time.timeSpec(), Qt::UTC);
    }

    void gapsSayWhatWasLost() {
        const QDateTime found(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC);
        const FleetEvent gap = FleetEventCodec::gap(QStringLiteral("http://a:1"), 12, 40, found);
        QCOMPARE(gap.time, found); // when the reader found out, on its clock
        QCOMPARE(toString(gap.type), QStringLiteral("gap"));
        QCOMPARE(gap.gapFrom, 12);
        QCOMPARE(gap.gapTo, 40);
        QCOMPARE(gap.note, QStringLiteral("events 13..39 were not retained by the service"));
    }

    // Breaker states arrive typed, through the one name table; config versions stay text. A state no
    // table knows is left unsaid, not guessed.
    void fieldsByType_data() {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("from"); // breaker state names, or the config versions
        QTest::addColumn<QString>("to");
        QTest::newRow("transition") << QByteArray(
                                           R"("type": "transition", "from": "half_open", "to": "open")")
                                    << "transition"
                                    << "half_open"
                                    << "open";
        QTest::newRow("transition, another library's spelling")
            << QByteArray(R"("type": "transition", "from": "OPEN", "to": "FORCED_OPEN")") << "transition"
            << "open"
            << "isolated";
        QTest::newRow("transition to a state no table knows")
            << QByteArray(R"("type": "transition", "from": "closed", "to": "ajar")") << "transition"
            << "closed"
            << "";
        QTest::newRow("control") << QByteArray(
                                        R"("type": "control", "before": "closed", "after": "disabled")")
                                 << "control"
                                 << "closed"
                                 << "disabled";
        QTest::newRow("config") << QByteArray(R"("type": "config", "before": "9f2c", "after": "a0b1")")
                                << "config"
                                << "9f2c"
                                << "a0b1";
        QTest::newRow("fault") << QByteArray(R"("type": "fault", "action": "injected")") << "fault"
                               << ""
                               << "";
    }
    void fieldsByType() {
        QFETCH(QByteArray, event);
        QFETCH(QString, type);
        QFETCH(QString, from);
        QFETCH(QString, to);
        const QByteArray body = R"({"events": [{"sequence": 1, "time": "2026-11-29T02:30:00.410Z", )" +
                                event + "}], \"next\": 2}";
        const EventRecordPage page = FleetEventCodec::fromRecord(QStringLiteral("http://a:1"), {}, {}, body);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.events.size(), std::size_t(1));
        const FleetEvent& e = page.events[0];
        QCOMPARE(toString(e.type), type);
        if (e.type == FleetEventType::Config) {
            QCOMPARE(e.versionBefore, from);
            QCOMPARE(e.versionAfter, to);
            QVERIFY(!e.from && !e.to);
        } else {
            QCOMPARE(breakerStateName(e.from), from);
            QCOMPARE(breakerStateName(e.to), to);
            QVERIFY(e.versionBefore.isEmpty() && e.versionAfter.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(tst_FleetEventCodec)
#include "tst_fleeteventcodec.moc"
