// SPDX-License-Identifier: GPL-3.0-or-later
// The service's own record, read after each poll: from a real agent on loopback (each event once, with
// its time, reason, actor and TTL), and from scripted services for what an agent does not do on demand
// (lost events, a restart, no record, no answer, an answer too large, a redirect elsewhere). Deadlines
// run on a SimulatedScheduler.
#include "health/healthnames.h"
#include "net/eventrecordreader.h"
#include "runtime/consoleclock.h"

#include "netfixtures.h"
#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"
#include "serve/agent.h"

#include <QFile>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
ServiceEndpoint endpointAt(const QString& url) {
    ServiceEndpoint e;
    e.baseUrl = QUrl(url);
    return e;
}

QList<FleetEvent> received(const QSignalSpy& spy) {
    QList<FleetEvent> events;
    for (const auto& args : spy)
        events.append(args.at(0).value<FleetEvent>());
    return events;
}

QByteArray page(QList<int> sequences, int next) {
    QByteArray events;
    for (int s : sequences)
        events += (events.isEmpty() ? "" : ",") + QByteArray(R"({"sequence": )") + QByteArray::number(s) +
                  R"(, "time": "2026-11-29T02:30:00.410Z", "type": "transition", "policy": "default",
                  "from": "open", "to": "half_open", "reason": "open_duration_elapsed", "actor": "system",
                  "note": ""})";
    return R"({"events": [)" + events + R"(], "next": )" + QByteArray::number(next) + "}";
}
} // namespace

class tst_EventRecordReader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<FleetEvent>();
    }

    void readsTheAgentsRecordFromWhereItLeftOff() {
        AgentOptions o;
        o.simulatedTime = true;
        o.callsPerSecond = 0;
        Agent agent(o, *ConfigCodec::parse(testConfigJson()).config);
        QVERIFY(agent.start(nullptr));
        QNetworkAccessManager nam;
        const QUrl state(agent.baseUrl().toString() + "/resilience/v1/breakers/payments/state");
        QCOMPARE(http(nam, "POST", state, R"({"state":"isolated","reason":"before"})").status, 200);
        const QDateTime documentTime = agent.health().timestamp; // shows payments isolated
        agent.simulatedScheduler()->advance(1s);
        QCOMPARE(http(nam, "POST", state, R"({"state":"auto","reason":"after"})").status, 200);

        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        EventRecordReader reader(endpointAt(agent.baseUrl().toString()), *clock);
        QSignalSpy events(&reader, &EventRecordReader::eventReady);
        QSignalSpy absent(&reader, &EventRecordReader::absent);
        reader.read(nam, 5s, QStringLiteral("pay"), QStringLiteral("pay-1"), documentTime);
        QTRY_VERIFY_WITH_TIMEOUT(!reader.isReading(), 10000);
        // Only what came after the document: the return to automatic, not the isolation it shows.
        QList<FleetEvent> got = received(events);
        QCOMPARE(got.size(), 2);
        QCOMPARE(toString(got[0].type), QStringLiteral("control"));
        QCOMPARE(got[0].sequence, 3);
        QCOMPARE(toString(got[1].type), QStringLiteral("transition"));
        QCOMPARE(breakerStateName(got[1].from), QStringLiteral("isolated"));
        QCOMPARE(breakerStateName(got[1].to), QStringLiteral("closed"));
        QCOMPARE(got[1].reason, QStringLiteral("manual_auto"));
        QCOMPARE(got[1].note, QStringLiteral("after"));
        QCOMPARE(got[1].service, QStringLiteral("pay"));
        QCOMPARE(got[1].time, agent.wallAt(agent.now()));
        QCOMPARE(reader.next(), 5);
        QCOMPARE(int(reader.record()), int(EventRecordReader::Record::Present));

        // The next read starts where this one ended: each event once, with its TTL.
        agent.simulatedScheduler()->advance(1s);
        QCOMPARE(http(nam, "POST", state, R"({"state":"disabled","reason":"drill","ttl_seconds":2})").status,
                 200);
        reader.read(nam, 5s, QStringLiteral("pay"), QStringLiteral("pay-1"), QDateTime());
        QTRY_VERIFY_WITH_TIMEOUT(!reader.isReading(), 10000);
        got = received(events);
        QCOMPARE(got.size(), 4);
        QCOMPARE(got[3].sequence, 6);
        QCOMPARE(got[3].reason, QStringLiteral("manual_disable"));
        QCOMPARE(got[3].ttlSeconds, std::optional<double>(2));
        agent.simulatedScheduler()->advance(2s); // the TTL runs out: the service records it
        reader.read(nam, 5s, QStringLiteral("pay"), QStringLiteral("pay-1"), QDateTime());
        QTRY_VERIFY_WITH_TIMEOUT(!reader.isReading(), 10000);
        got = received(events);
        QCOMPARE(got.size(), 5);
        QCOMPARE(got[4].reason, QStringLiteral("ttl_expired"));
        QCOMPARE(got[4].actor, QStringLiteral("system"));
        QCOMPARE(reader.next(), 8);
        QVERIFY(absent.isEmpty());
    }

    // Scripted pages: the answers, in order, to the reads after the first one (since=10).
    void saysWhatWasLostAndRereadsAfterARestart() {
        QList<QByteArray> asked;
        FixtureServer server([&](const QByteArray& head) -> CannedAnswer {
            asked.append(head.left(head.indexOf("\r\n")));
            const QByteArray line = asked.last();
            if (line.contains("since=0 "))
                return cannedJson(200, page({8, 9}, 10));
            if (line.contains("since=10 "))
                return cannedJson(200, page({15}, 16)); // 10..14 no longer retained
            if (line.contains("since=16 "))
                return cannedJson(200, page({}, 18)); // 16, 17 came and went
            if (line.contains("since=18 "))
                return cannedJson(200, page({}, 3)); // restarted: its sequence began again
            if (line.contains("since=1 "))
                return cannedJson(200, page({1, 2}, 3));
            return cannedJson(500, "{}");
        });
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        QNetworkAccessManager nam;
        EventRecordReader reader(endpointAt(server.url()), *clock);
        QSignalSpy events(&reader, &EventRecordReader::eventReady);
        for (int i = 0; i < 4; ++i) {
            reader.read(nam, 5s, QStringLiteral("s"), QStringLiteral("i"),
                        QDateTime(QDate(2026, 11, 29), QTime(2, 0), Qt::UTC));
            QTRY_VERIFY_WITH_TIMEOUT(!reader.isReading(), 10000);
        }
        QCOMPARE(asked.size(), 5);
        QVERIFY(asked[4].contains("GET /resilience/v1/events?since=1 "));
        QStringList got;
        for (const FleetEvent& e : received(events))
            got << (e.type == FleetEventType::Gap ? QStringLiteral("gap %1..%2").arg(e.gapFrom).arg(e.gapTo)
                                                  : QString::number(e.sequence));
        QCOMPARE(got, (QStringList{"8", "9", "gap 9..15", "15", "gap 15..18", "gap 17..3", "1", "2"}));
        QCOMPARE(received(events)[2].note, QStringLiteral("events 10..14 were not retained by the service"));
        QVERIFY2(received(events)[5].note.startsWith("the service restarted"),
                 qPrintable(received(events)[5].note));
        QCOMPARE(reader.next(), 3);
    }

    // A service that keeps no record, or whose record cannot be read: absent, said once, not asked again.
    void aServiceWithoutARecordIsAbsent_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("reads");      // before it is absent
        QTest::addColumn<QString>("reason"); // %1: the URL asked
        QTest::newRow("404") << "404" << 1 << "%1: HTTP 404";
        QTest::newRow("405") << "405" << 1 << "%1: HTTP 405";
        QTest::newRow("HTML") << "html" << 1 << "%1: got text/html, not JSON";
        QTest::newRow("JSON, no record") << "json" << 1 << "%1: next: expected an integer >= 0";
        QTest::newRow("503 three times") << "503" << 3 << "%1: HTTP 503";
        QTest::newRow("too large three times")
            << "huge" << 3 << "%1: document larger than 4194304 bytes (not read)";
        QTest::newRow("no answer three times") << "silent" << 3 << "%1: no answer within 2000 ms";
    }
    void aServiceWithoutARecordIsAbsent() {
        QFETCH(QString, kind);
        QFETCH(int, reads);
        QFETCH(QString, reason);
        int requests = 0;
        FixtureServer server([&](const QByteArray&) -> CannedAnswer {
            ++requests;
            if (kind == "html")
                return {"HTTP/1.1 200 OK\r\nContent-Type: text/html", "<html>", true, -1};
            if (kind == "json")
                return cannedJson(200, R"({"detail": "Not Found"})");
            if (kind == "huge")
                return {"HTTP/1.1 200 OK\r\nContent-Type: application/json", {}, true, 5 * 1024 * 1024};
            return cannedJson(kind.toInt(), "{}");
        });
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const QString url =
            kind == "silent" ? QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()) : server.url();
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        SimulatedScheduler& scheduler = *clock->simulatedScheduler();
        QNetworkAccessManager nam;
        EventRecordReader reader(endpointAt(url), *clock);
        QSignalSpy absent(&reader, &EventRecordReader::absent);
        for (int i = 0; i < reads + 1; ++i) {
            reader.read(nam, 2s, {}, {}, QDateTime());
            if (kind == "silent" && reader.isReading()) {
                scheduler.advance(2s);
            }
            QTRY_VERIFY_WITH_TIMEOUT(!reader.isReading(), 10000);
            QCOMPARE(absent.size(), i + 1 >= reads ? 1 : 0);
        }
        QCOMPARE(int(reader.record()), int(EventRecordReader::Record::Absent));
        QCOMPARE(absent.front().front().toString(), reason.arg(url + "/resilience/v1/events?since=0"));
        if (kind != "silent")
            QCOMPARE(requests, reads); // not asked again
    }

    // A document URL without a base has no record to ask for: absent at once, nothing sent.
    void aDocumentUrlOfItsOwnHasNoRecord() {
        int requests = 0;
        FixtureServer server([&](const QByteArray&) {
            ++requests;
            return cannedJson(200, page({}, 1));
        });
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        QNetworkAccessManager nam;
        EventRecordReader reader(endpointAt(server.url() + "/health"), *clock);
        QSignalSpy absent(&reader, &EventRecordReader::absent);
        QCOMPARE(int(reader.record()), int(EventRecordReader::Record::Absent));
        reader.read(nam, 2s, {}, {}, QDateTime());
        reader.read(nam, 2s, {}, {}, QDateTime());
        QVERIFY(!reader.isReading());
        QCOMPARE(absent.size(), 1);
        QVERIFY(absent.front().front().toString().startsWith(server.url() +
                                                             "/health is the address of a health"));
        QTest::qWait(50);
        QCOMPARE(requests, 0);
    }

    // The token goes to the service's origin only: a redirect elsewhere is followed without it.
    void theTokenStaysWithItsOrigin() {
        FixtureServer other([&](const QByteArray&) { return cannedJson(200, page({1}, 2)); });
        FixtureServer service([&](const QByteArray&) -> CannedAnswer {
            return {"HTTP/1.1 302 Found\r\nLocation: " + other.url().toUtf8() + "/elsewhere", {}, true, -1};
        });
        QTemporaryDir dir;
        QFile token(dir.filePath("token"));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("s3cr3t\n");
        token.close();
        ServiceEndpoint e = endpointAt(service.url());
        e.tokenFile = token.fileName();
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        QNetworkAccessManager nam;
        EventRecordReader reader(e, *clock);
        QSignalSpy events(&reader, &EventRecordReader::eventReady);
        reader.read(nam, 2s, {}, {}, QDateTime());
        QTRY_VERIFY_WITH_TIMEOUT(!reader.isReading(), 10000);
        QVERIFY(service.lastRequest.contains("\r\nAuthorization: Bearer s3cr3t"));
        QVERIFY(other.lastRequest.startsWith("GET /elsewhere "));
        QVERIFY(!other.lastRequest.contains("Authorization"));
        QCOMPARE(events.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_EventRecordReader)
#include "tst_eventrecordreader.moc"
