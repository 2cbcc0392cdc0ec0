// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/connection.h"
#include "net/controlclient.h"
#include "net/eventrecordreader.h"

#include "netfixtures.h"
#include "serve/httptestclient.h"
#include "support/testcertificate.h"

#include "config/configcodec.h"
#include "health/healthcodec.h"
#include "health/healthnames.h"
#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"
#include "serve/agent.h"
#include "sources/standardsources.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace jimini;

namespace {
const auto kJimini = protocolFor(ServiceEndpoint::Kind::JiminiV1);
}
using namespace std::chrono_literals;

namespace {
AgentOptions agentOptions(bool simulatedTime) {
    AgentOptions o;
    o.simulatedTime = simulatedTime;
    o.callsPerSecond = 0;
    o.seed = 5;
    return o;
}

std::unique_ptr<Agent> startAgent(bool simulatedTime = true) {
    auto agent =
        std::make_unique<Agent>(agentOptions(simulatedTime), *ConfigCodec::parse(testConfigJson()).config);
    if (!agent->start(nullptr))
        return nullptr;
    return agent;
}

ServiceEndpoint endpointAt(const QString& url, ServiceEndpoint::Mode mode = ServiceEndpoint::Mode::Poll,
                           std::chrono::milliseconds interval = 100ms) {
    ServiceEndpoint e;
    e.baseUrl = QUrl(url);
    e.mode = mode;
    e.interval = interval;
    return e;
}

QByteArray validDocument() {
    auto agent = startAgent();
    return agent ? HealthCodec::encode(agent->health()) : QByteArray();
}

SourceSample sampleAt(const QSignalSpy& spy, qsizetype i) {
    return spy.at(i).at(0).value<SourceSample>();
}

QList<FleetEvent> eventsOf(const QSignalSpy& spy, const QString& type) {
    QList<FleetEvent> events;
    for (const auto& args : spy) {
        const FleetEvent e = args.at(0).value<FleetEvent>();
        if (toString(e.type) == type)
            events.append(e);
    }
    return events;
}

QString freePort() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return QStringLiteral("http://127.0.0.1:%1").arg(s.serverPort()); // closed when s goes: refused
}
} // namespace

class tst_Connection : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<SourceSample>();
        qRegisterMetaType<FleetEvent>();
        m_tlsSkip = test::makeTestCertificate(QDir(m_tlsDir.path()));
    }

    void tlsTrustsTheServicesCaFile_data() {
        QTest::addColumn<QString>("ca"); // "cert", "none", "missing", "notpem"
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("reasonStart");
        QTest::addColumn<quint64>("requests");
        QTest::newRow("its CA file: read") << "cert" << toString(SourceStatus::Ok) << QString() << quint64(1);
        QTest::newRow("no CA file: untrusted")
            << "none" << toString(SourceStatus::TlsError) << QStringLiteral("TLS: ") << quint64(1);
        QTest::newRow("missing CA file: said, nothing sent")
            << "missing" << toString(SourceStatus::TlsError) << QStringLiteral("TLS: cannot read CA file ")
            << quint64(0);
        QTest::newRow("CA file without PEM: said, nothing sent")
            << "notpem" << toString(SourceStatus::TlsError) << QStringLiteral("TLS: no PEM certificate in ")
            << quint64(0);
    }
    void tlsTrustsTheServicesCaFile() {
        QFETCH(QString, ca);
        QFETCH(QString, status);
        QFETCH(QString, reasonStart);
        QFETCH(quint64, requests);
        if (!m_tlsSkip.isEmpty())
            QSKIP(qPrintable(m_tlsSkip));
        AgentOptions o = agentOptions(true);
        o.tlsCertFile = m_tlsDir.filePath(QStringLiteral("cert.pem"));
        o.tlsKeyFile = m_tlsDir.filePath(QStringLiteral("key.pem"));
        Agent agent(o, *ConfigCodec::parse(testConfigJson()).config);
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        QCOMPARE(agent.baseUrl().scheme(), QStringLiteral("https"));
        ServiceEndpoint endpoint = endpointAt(agent.baseUrl().toString());
        if (ca == QLatin1String("cert"))
            endpoint.caFile = o.tlsCertFile;
        else if (ca == QLatin1String("missing"))
            endpoint.caFile = m_tlsDir.filePath(QStringLiteral("absent.pem"));
        else if (ca == QLatin1String("notpem"))
            endpoint.caFile = m_tlsDir.filePath(QStringLiteral("notpem.txt"));
        if (ca == QLatin1String("notpem")) {
            QFile text(endpoint.caFile);
            QVERIFY(text.open(QIODevice::WriteOnly));
            text.write("not a certificate\n");
        }
        const auto clock = ConsoleClock::live();
        QNetworkAccessManager nam; // its own: no TLS session of another row to reuse
        Connection::Options options;
        options.singleShot = true;
        Connection source(kJimini, endpoint, *clock, &nam, options);
        QSignalSpy samples(&source, &Connection::sampleReady);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 1, 20000);
        const SourceSample s = sampleAt(samples, 0);
        QCOMPARE(toString(s.status), status);
        QVERIFY2(s.reason.startsWith(reasonStart), qPrintable(s.reason));
        QCOMPARE(bool(s.document), ca == QLatin1String("cert"));
        QCOMPARE(source.requestCount(), requests);
    }

    void pollReadsTheDocumentAgainEachInterval() {
        auto agent = startAgent();
        QVERIFY(agent);
        const auto clock = ConsoleClock::live();
        QNetworkAccessManager nam;
        Connection source(kJimini, endpointAt(agent->baseUrl().toString()), *clock, &nam);
        QSignalSpy samples(&source, &Connection::sampleReady);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 2, 10000);
        for (qsizetype i = 0; i < 2; ++i) {
            const SourceSample s = sampleAt(samples, i);
            QCOMPARE(toString(s.status), toString(SourceStatus::Ok));
            QCOMPARE(s.endpointId, agent->baseUrl().toString());
            QVERIFY(s.reason.isEmpty());
            QVERIFY(s.document);
            QCOMPARE(s.document->service, QStringLiteral("jimini-agent"));
            QCOMPARE(s.document->instance, QStringLiteral("jimini-agent-%1").arg(agent->port()));
            QCOMPARE(s.document->environment, QStringLiteral("test"));
            QCOMPARE(s.document->policies.size(), std::size_t(2));
            QCOMPARE(breakerStateName(s.document->policies[0].circuitBreaker->state),
                     QStringLiteral("closed"));
            QVERIFY(s.lastSeen.isValid());
            QVERIFY(!s.stale);
        }
        QCOMPARE(QString::fromLatin1(toString(source.connectionState())),
                 QString::fromLatin1(toString(BreakerState::Closed)));
    }

    void streamDeliversHealthAndTransitionEvents() {
        auto agent = startAgent(false);
        QVERIFY(agent);
        const auto clock = ConsoleClock::live();
        Connection source(kJimini, endpointAt(agent->baseUrl().toString(), ServiceEndpoint::Mode::Stream),
                          *clock, nullptr);
        QSignalSpy samples(&source, &Connection::sampleReady);
        QSignalSpy events(&source, &Connection::eventReady);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 2, 10000); // health events keep coming
        QCOMPARE(toString(sampleAt(samples, 0).status), toString(SourceStatus::Ok));
        QCOMPARE(source.requestCount(), quint64(1)); // one connection for all of them

        ServiceEndpoint control = endpointAt(agent->baseUrl().toString());
        ControlClient client(control);
        QSignalSpy answers(&client, &ControlClient::finished);
        client.setBreakerState(QStringLiteral("default"), ControlClient::BreakerCommand::Isolate,
                               QStringLiteral("maintenance"));
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, "transition").isEmpty(), 10000);
        const FleetEvent t = eventsOf(events, "transition").front();
        QCOMPARE(t.policy, QStringLiteral("default"));
        QCOMPARE(breakerStateName(t.from), QStringLiteral("closed"));
        QCOMPARE(breakerStateName(t.to), QStringLiteral("isolated"));
        QCOMPARE(t.reason, QStringLiteral("manual_isolate"));
        QCOMPARE(t.note, QStringLiteral("maintenance"));
        QCOMPARE(t.service, QStringLiteral("jimini-agent"));
        QCOMPARE(t.instance, QStringLiteral("jimini-agent-%1").arg(agent->port()));
        const QList<FleetEvent> controls = eventsOf(events, "control");
        QCOMPARE(controls.size(), 1);
        QCOMPARE(controls[0].reason, QStringLiteral("isolate"));
        QCOMPARE(breakerStateName(controls[0].to), QStringLiteral("isolated"));
        QCOMPARE(t.sequence, controls[0].sequence + 1);
        // The next health events show the isolated breaker.
        QTRY_VERIFY_WITH_TIMEOUT(source.lastSample().document &&
                                     source.lastSample().document->policies[0].circuitBreaker->state ==
                                         BreakerState::Isolated,
                                 10000);
        QCOMPARE(source.lastEventId(), QByteArray::number(t.sequence));
    }

    void streamResumesWithLastEventIdAndLosesNothing() {
        auto agent = startAgent(false);
        QVERIFY(agent);
        TcpProxy proxy(agent->port());
        const auto clock = ConsoleClock::live();
        Connection source(kJimini, endpointAt(proxy.url(), ServiceEndpoint::Mode::Stream), *clock, nullptr);
        QSignalSpy samples(&source, &Connection::sampleReady);
        QSignalSpy events(&source, &Connection::eventReady);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);

        // One transition seen live, so that the stream has an id to resume from.
        QNetworkAccessManager nam;
        const QUrl state(agent->baseUrl().toString() + "/resilience/v1/breakers/default/state");
        QCOMPARE(http(nam, "POST", state, R"({"state":"isolated","reason":"one"})").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(eventsOf(events, "transition").size() == 1, 10000);
        const QByteArray resumeFrom = source.lastEventId();
        QVERIFY(!resumeFrom.isEmpty());

        // The stream drops; while it is down, two more transitions happen (straight to the agent).
        proxy.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, "connection").isEmpty(), 10000);
        QCOMPARE(http(nam, "POST", state, R"({"state":"auto","reason":"two"})").status, 200);
        QCOMPARE(http(nam, "POST", state, R"({"state":"disabled","reason":"three"})").status, 200);
        QVERIFY(proxy.resume());

        QTRY_VERIFY_WITH_TIMEOUT(eventsOf(events, "transition").size() == 3, 15000);
        const QList<FleetEvent> transitions = eventsOf(events, "transition");
        QCOMPARE(breakerStateName(transitions[1].from), QStringLiteral("isolated"));
        QCOMPARE(breakerStateName(transitions[1].to), QStringLiteral("closed"));
        QCOMPARE(breakerStateName(transitions[2].to), QStringLiteral("disabled"));
        QCOMPARE(transitions[2].note, QStringLiteral("three"));
        // Every audit event exactly once, in order: control, transition for each of the three.
        QList<qint64> sequences;
        for (const auto& args : events) {
            const FleetEvent e = args.at(0).value<FleetEvent>();
            if (e.sequence > 0)
                sequences.append(e.sequence);
        }
        QCOMPARE(sequences.size(), 6);
        for (qsizetype i = 1; i < sequences.size(); ++i)
            QCOMPARE(sequences[i], sequences[i - 1] + 1);
        QVERIFY(eventsOf(events, "gap").isEmpty());
        // The reconnection asked for the events after the last one it had.
        const QByteArray last = proxy.requests.last();
        QVERIFY2(last.contains("Last-Event-ID: " + resumeFrom), last.constData());
    }

    // A breaker that opened, went half-open and closed again between two polls: both documents say
    // "closed", the service's record has all three transitions, with its reasons and times, and the
    // polled source reports them. The agent and the source each run on simulated time.
    void pollReportsWhatHappenedBetweenPollsFromTheRecord() {
        AgentOptions o = agentOptions(true);
        o.callsPerSecond = 20;
        Agent agent(o, *ConfigCodec::parse(testConfigJson()).config);
        QVERIFY(agent.start(nullptr));
        agent.simulatedScheduler()->advance(2s);
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        SimulatedScheduler& scheduler = *clock->simulatedScheduler();
        QNetworkAccessManager nam;
        Connection source(kJimini, endpointAt(agent.baseUrl().toString(), ServiceEndpoint::Mode::Poll, 120s),
                          *clock, &nam);
        QSignalSpy samples(&source, &Connection::sampleReady);
        QSignalSpy events(&source, &Connection::eventReady);
        source.start();
        scheduler.advance(0ms);
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() == 1 && source.eventRecord() &&
                                     source.eventRecord()->record() == EventRecordReader::Record::Present,
                                 10000);
        const QDateTime firstPoll = sampleAt(samples, 0).document->timestamp;

        // Between the polls: failures open the breaker; 60 s later a trial call finds the fault gone.
        QCOMPARE(
            http(
                nam, "POST", QUrl(agent.baseUrl().toString() + "/resilience/v1/faults"),
                R"({"policy": "default", "error_rate": 1.0, "retry_after_seconds": 0.1, "duration_seconds": 5})")
                .status,
            201);
        agent.simulatedScheduler()->advance(70s);
        scheduler.advance(120s); // the second poll
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() == 2 && !source.eventRecord()->isReading(), 10000);
        const SourceSample second = sampleAt(samples, 1);
        QCOMPARE(breakerStateName(second.document->policies[0].circuitBreaker->state),
                 QStringLiteral("closed"));
        QCOMPARE(breakerStateName(sampleAt(samples, 0).document->policies[0].circuitBreaker->state),
                 QStringLiteral("closed"));

        const QList<FleetEvent> transitions = eventsOf(events, "transition");
        QStringList got;
        for (const FleetEvent& t : transitions) {
            got << QStringLiteral("%1 %2->%3 %4 by %5")
                       .arg(t.policy, breakerStateName(t.from), breakerStateName(t.to), t.reason, t.actor);
            QVERIFY(!t.inferred);
            QVERIFY(t.time > firstPoll && t.time <= second.document->timestamp);
            QCOMPARE(t.instance, QStringLiteral("jimini-agent-%1").arg(agent.port()));
        }
        QCOMPARE(got, (QStringList{"default closed->open failure_threshold by system",
                                   "default open->half_open open_duration_elapsed by system",
                                   "default half_open->closed trials_succeeded by system"}));
        // Open for the 60 s the config says, half-open for less than one poll interval.
        QCOMPARE(transitions[0].time.msecsTo(transitions[1].time) >= 60000, true);
        QVERIFY(transitions[1].time.msecsTo(transitions[2].time) < 120000);
        QVERIFY(source.reportsTransitions());
        QCOMPARE(eventsOf(events, "fault").size(), 2); // injected, then expired
    }

    // A service built the guide's way: no record at its document URL's base, so none is asked for, and
    // the source says its transitions are to be inferred from polls.
    void aGuideShapedServiceHasNoRecord() {
        QFile guide(QStringLiteral(QT_TESTCASE_SOURCEDIR) +
                    QStringLiteral("/data/health/guide-healthy.json"));
        QVERIFY(guide.open(QIODevice::ReadOnly));
        const QByteArray document = guide.readAll();
        QList<QByteArray> asked;
        FixtureServer server([&](const QByteArray& head) -> CannedAnswer {
            asked.append(head.left(head.indexOf(' ', 4)));
            return head.startsWith("GET /health ") || head.startsWith("GET /resilience/v1/health ")
                       ? cannedJson(200, document)
                       : cannedJson(404, "{}");
        });
        for (const QString& path : {QStringLiteral("/health"), QString()}) {
            asked.clear();
            const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
            SimulatedScheduler& scheduler = *clock->simulatedScheduler();
            QNetworkAccessManager nam;
            Connection source(kJimini, endpointAt(server.url() + path), *clock, &nam);
            QSignalSpy events(&source, &Connection::eventReady);
            QSignalSpy samples(&source, &Connection::sampleReady);
            source.start();
            scheduler.advance(0ms);
            QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);
            QCOMPARE(toString(sampleAt(samples, 0).status), toString(SourceStatus::Ok));
            QTRY_VERIFY_WITH_TIMEOUT(!eventsOf(events, "connection").isEmpty(), 10000);
            QVERIFY(!source.reportsTransitions());
            const FleetEvent said = eventsOf(events, "connection").front();
            QCOMPARE(said.reason, QStringLiteral("no event record"));
            QVERIFY2(said.note.endsWith("; transitions are inferred from polls"), qPrintable(said.note));
            if (path.isEmpty()) // a base URL: /events was asked, and answered 404
                QCOMPARE(asked, (QList<QByteArray>{"GET /resilience/v1/health",
                                                   "GET /resilience/v1/events?since=0"}));
            else
                QCOMPARE(asked, (QList<QByteArray>{"GET /health"}));
        }
    }

    // Where a stream source reads: under a base, or under a document URL's protocol prefix; a document
    // URL of its own has no stream, so the source polls it at once and says why.
    void streamNeedsABase_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("streams");
        QTest::newRow("base") << "" << true;
        QTest::newRow("protocol document") << "/resilience/v1/health" << true;
        QTest::newRow("guide document") << "/health" << false;
    }
    void streamNeedsABase() {
        QFETCH(QString, path);
        QFETCH(bool, streams);
        auto agent = startAgent(false);
        QVERIFY(agent);
        // The agent's own document at another path, as a service built the guide's way serves it.
        FixtureServer guide([&](const QByteArray& head) -> CannedAnswer {
            if (head.startsWith("GET /health "))
                return cannedJson(200, HealthCodec::encode(agent->health()));
            return cannedJson(404, "{}");
        });
        const QString base = streams ? agent->baseUrl().toString() : guide.url();
        const auto clock = ConsoleClock::live();
        QNetworkAccessManager nam;
        Connection source(kJimini, endpointAt(base + path, ServiceEndpoint::Mode::Stream), *clock, &nam);
        QSignalSpy samples(&source, &Connection::sampleReady);
        QSignalSpy events(&source, &Connection::eventReady);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);
        QCOMPARE(toString(sampleAt(samples, 0).status), toString(SourceStatus::Ok));
        QCOMPARE(int(source.mode()),
                 int(streams ? ServiceEndpoint::Mode::Stream : ServiceEndpoint::Mode::Poll));
        QList<FleetEvent> connection = eventsOf(events, "connection");
        connection.removeIf([](const FleetEvent& e) { return e.reason != QLatin1String("no stream"); });
        QCOMPARE(connection.size(), streams ? 0 : 1);
        if (!streams) {
            QCOMPARE(connection[0].reason, QStringLiteral("no stream"));
            QVERIFY2(
                connection[0].note.startsWith(guide.url() + "/health is the address of a health document"),
                qPrintable(connection[0].note));
            QVERIFY(guide.lastRequest.startsWith("GET /health HTTP/1.1"));
        }
    }

    void answersBecomeSamplesWithTheirReason_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("refused") << "refused" << int(SourceStatus::Refused) << "connection refused";
        QTest::newRow("503") << "503" << int(SourceStatus::HttpError) << "HTTP 503";
        QTest::newRow("404") << "404" << int(SourceStatus::HttpError) << "HTTP 404";
        QTest::newRow("bad state") << "badstate" << int(SourceStatus::Malformed)
                                   << "policies[0].circuit_breaker.state: expected one of";
        QTest::newRow("not json") << "notjson" << int(SourceStatus::Malformed) << "";
        QTest::newRow("declared too large")
            << "declared" << int(SourceStatus::TooLarge) << "document larger than 4194304 bytes (not read)";
        QTest::newRow("sent too large")
            << "huge" << int(SourceStatus::TooLarge) << "document larger than 4194304 bytes (not read)";
        QTest::newRow("wrong token") << "wrongtoken" << int(SourceStatus::Unauthorized)
                                     << "401 Unauthorized: check the token file";
        QTest::newRow("right token") << "righttoken" << int(SourceStatus::Ok) << "";
        QTest::newRow("missing token file")
            << "notokenfile" << int(SourceStatus::Unauthorized) << "cannot read token file";
    }

    void answersBecomeSamplesWithTheirReason() {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QString, reason);
        const QByteArray good = validDocument();
        QString text = QString::fromUtf8(good);
        const QRegularExpressionMatch m = QRegularExpression(R"("state"\s*:\s*"closed")").match(text);
        QVERIFY(m.hasMatch());
        text.replace(m.capturedStart(), m.capturedLength(), QStringLiteral(R"("state": "shut")"));
        const QByteArray bad = text.toUtf8();
        QVERIFY(bad != good);
        FixtureServer server([&](const QByteArray& head) -> CannedAnswer {
            if (kind == "503")
                return cannedJson(503, R"({"type":"x","title":"Unavailable","status":503})");
            if (kind == "404")
                return cannedJson(404, "{}");
            if (kind == "badstate")
                return cannedJson(200, bad);
            if (kind == "notjson")
                return cannedJson(200, "{\"schema\": ");
            if (kind == "declared")
                return {"HTTP/1.1 200 OK\r\nContent-Type: application/json", {}, true, 5 * 1024 * 1024};
            if (kind == "huge")
                return {"HTTP/1.1 200 OK\r\nContent-Type: application/json",
                        QByteArray(HealthCodec::maxDocumentSize + 1, ' '), false, -1};
            if (!head.contains("\r\nAuthorization: Bearer right-token"))
                return cannedJson(401, R"({"type":"x","title":"Unauthorized","status":401})");
            return cannedJson(200, good);
        });
        QTemporaryDir dir;
        ServiceEndpoint e = endpointAt(kind == "refused" ? freePort() : server.url());
        if (kind.endsWith("token") || kind == "notokenfile") {
            e.tokenFile = dir.filePath("token");
            QFile file(e.tokenFile);
            if (kind != "notokenfile") {
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(kind == "righttoken" ? "right-token\r\n" : "wrong-token\n");
            }
        }
        const auto clock = ConsoleClock::live();
        QNetworkAccessManager nam;
        Connection::Options options;
        options.singleShot = true;
        Connection source(kJimini, e, *clock, &nam, options);
        QSignalSpy samples(&source, &Connection::sampleReady);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(samples.size(), 1, 15000);
        const SourceSample s = sampleAt(samples, 0);
        QVERIFY2(reason.isEmpty() || s.reason.startsWith(reason), qPrintable(s.reason));
        QVERIFY2(toString(s.status) == toString(SourceStatus(status)),
                 qPrintable(toString(s.status) + ": " + s.reason));
        QCOMPARE(s.reason.isEmpty(), status == int(SourceStatus::Ok));
        QCOMPARE(s.document.has_value(), status == int(SourceStatus::Ok));
        QCOMPARE(source.requestCount(), quint64(kind == "notokenfile" ? 0 : 1));
    }

    void aDeadServiceIsAskedLessAndLessThroughTheBreaker() {
        // Virtual time: the test decides when the source's timers fire; the HTTP is real.
        int answered = 0;
        FixtureServer server([&](const QByteArray&) {
            ++answered;
            return cannedJson(503, "{}");
        });
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        SimulatedScheduler& scheduler = *clock->simulatedScheduler();
        QNetworkAccessManager nam;
        Connection::Options options;
        options.seed = 3;
        Connection source(kJimini, endpointAt(server.url()), *clock, &nam, options);
        QSignalSpy samples(&source, &Connection::sampleReady);
        source.start();
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(scheduler.runNext()); // the attempt (or its retry delay) is due
            QTRY_COMPARE_WITH_TIMEOUT(samples.size(), i, 10000);
            QCOMPARE(toString(sampleAt(samples, i - 1).status), toString(SourceStatus::HttpError));
            QCOMPARE(sampleAt(samples, i - 1).reason, QStringLiteral("HTTP 503"));
            QCOMPARE(server.connections, i);
        }
        QCOMPARE(QString::fromLatin1(toString(source.connectionState())),
                 QString::fromLatin1(toString(BreakerState::Open)));
        QVERIFY(scheduler.runNext()); // said at once: no request
        QCOMPARE(samples.size(), 6);
        SourceSample backoff = sampleAt(samples, 5);
        QCOMPARE(toString(backoff.status), toString(SourceStatus::Backoff));
        QCOMPARE(backoff.reason,
                 QStringLiteral("not reachable after 5 tries (HTTP 503); next try in 30.0 s"));
        QCOMPARE(source.requestCount(), quint64(5));

        // Open: nothing goes out for 30 s.
        scheduler.advance(29s);
        QCOMPARE(source.requestCount(), quint64(5));
        QCOMPARE(samples.size(), 6);
        // Then one trial; it fails, and the breaker stays away twice as long.
        scheduler.advance(1s);
        QCOMPARE(source.requestCount(), quint64(6));
        QTRY_COMPARE_WITH_TIMEOUT(samples.size(), 7, 10000);
        QCOMPARE(server.connections, 6);
        QVERIFY(scheduler.runNext());
        QCOMPARE(samples.size(), 8);
        backoff = sampleAt(samples, 7);
        QCOMPARE(toString(backoff.status), toString(SourceStatus::Backoff));
        QVERIFY2(backoff.reason.endsWith(QStringLiteral("next try in 60.0 s")), qPrintable(backoff.reason));
        scheduler.advance(59s);
        QCOMPARE(source.requestCount(), quint64(6));
        QCOMPARE(answered, 6);
    }

    void pollPeriodRunsFromThePollsStart_data() {
        QTest::addColumn<int>("latencyMs");
        QTest::addColumn<int>("nextAfterAnswerMs");
        QTest::newRow("instant answer: a full interval") << 0 << 1000;
        QTest::newRow("slow answer: the rest of the interval") << 600 << 400;
        QTest::newRow("slower than the interval: a tenth of it") << 1500 << 100;
    }

    void pollPeriodRunsFromThePollsStart() {
        // A slow answer must not stretch the period (1 Hz stays 1 Hz), and polls never overlap.
        QFETCH(int, latencyMs);
        QFETCH(int, nextAfterAnswerMs);
        const QByteArray document = validDocument();
        QVERIFY(!document.isEmpty());
        FixtureServer server([&](const QByteArray&) { return cannedJson(200, document); });
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        SimulatedScheduler& scheduler = *clock->simulatedScheduler();
        QNetworkAccessManager nam;
        Connection::Options options;
        options.timeout = 5s;
        Connection source(kJimini, endpointAt(server.url(), ServiceEndpoint::Mode::Poll, 1000ms), *clock,
                          &nam, options);
        QSignalSpy samples(&source, &Connection::sampleReady);
        source.start();
        QVERIFY(scheduler.runNext());
        QCOMPARE(source.requestCount(), quint64(1));
        scheduler.advance(std::chrono::milliseconds(latencyMs)); // the answer is handled this much later
        QTRY_COMPARE_WITH_TIMEOUT(samples.size(), 1, 10000);
        QCOMPARE(toString(sampleAt(samples, 0).status), toString(SourceStatus::Ok));
        scheduler.advance(std::chrono::milliseconds(nextAfterAnswerMs - 1));
        QCOMPARE(source.requestCount(), quint64(1));
        scheduler.advance(1ms);
        QCOMPARE(source.requestCount(), quint64(2));
    }

    void staleAfterThreeIntervalsWithoutAGoodDocument() {
        auto agent = startAgent();
        QVERIFY(agent);
        const auto clock = ConsoleClock::live();
        QNetworkAccessManager nam;
        Connection source(kJimini, endpointAt(agent->baseUrl().toString()), *clock, &nam);
        QSignalSpy samples(&source, &Connection::sampleReady);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 10000);
        agent->stop();
        QTRY_VERIFY_WITH_TIMEOUT(source.lastSample().status == SourceStatus::Stale ||
                                     std::any_of(samples.begin(), samples.end(),
                                                 [](const auto& a) {
                                                     return a.at(0).template value<SourceSample>().status ==
                                                            SourceStatus::Stale;
                                                 }),
                                 10000);
        qsizetype lastOk = -1, stale = -1;
        for (qsizetype i = 0; i < samples.size(); ++i) {
            const SourceSample s = sampleAt(samples, i);
            if (s.status == SourceStatus::Ok)
                lastOk = i;
            if (s.status == SourceStatus::Stale && stale < 0)
                stale = i;
        }
        QVERIFY(lastOk >= 0 && stale > lastOk);
        const SourceSample s = sampleAt(samples, stale);
        QVERIFY(s.stale);
        QVERIFY(!s.document);
        QCOMPARE(s.lastSeen, sampleAt(samples, lastOk).lastSeen); // the last-seen time is kept
        QVERIFY(s.receivedAt.msecsTo(QDateTime::currentDateTimeUtc()) >= 0);
        QVERIFY2(s.lastSeen.msecsTo(s.receivedAt) >= 300, "three intervals of 100 ms");
        QVERIFY2(s.reason.startsWith(QStringLiteral("no data for 3 intervals (300 ms)")),
                 qPrintable(s.reason));
        // Failures in between said why; they are refusals now.
        QTRY_VERIFY_WITH_TIMEOUT(source.lastSample().status != SourceStatus::Stale, 10000);
        QVERIFY(source.lastSample().stale);
        QVERIFY(source.lastSample().status == SourceStatus::Refused ||
                source.lastSample().status == SourceStatus::Backoff);
    }

private:
    QTemporaryDir m_tlsDir;
    QString m_tlsSkip;
};

QTEST_GUILESS_MAIN(tst_Connection)
#include "tst_connection.moc"
