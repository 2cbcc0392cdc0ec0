// SPDX-License-Identifier: GPL-3.0-or-later
// The `jimini` binary against an in-process agent: the same Connection path, headless.
#include "net/netfixtures.h"
#include "serve/httptestclient.h"

#include "net/netfixtures.h"

#include "config/configcodec.h"
#include "health/healthcodec.h"
#include "policy/simulatedscheduler.h"
#include "serve/agent.h"
#include "support/jiminicli.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace jimini;

namespace {

using Run = test::CliRun;

Run run(const QStringList& args) {
    return test::runJimini(args);
}
} // namespace

class tst_JiminiCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (test::jiminiBinary().isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
    }

    void healthPrintsTheNormalizedDocument() {
        AgentOptions o;
        o.simulatedTime = true;
        o.callsPerSecond = 0;
        Agent agent(o, *ConfigCodec::parse(testConfigJson()).config);
        QVERIFY(agent.start(nullptr));

        const Run json = run({"health", agent.baseUrl().toString(), "--json", "--timeout", "10"});
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.err.isEmpty());
        const HealthParseResult parsed = HealthCodec::decode(json.out, QDateTime::currentDateTimeUtc());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorPath + ": " + parsed.error));
        QCOMPARE(parsed.document->service, QStringLiteral("jimini-agent"));
        QCOMPARE(parsed.document->instance, QStringLiteral("jimini-agent-%1").arg(agent.port()));
        QCOMPARE(parsed.document->policies.size(), std::size_t(2));

        const Run text = run({"health", agent.baseUrl().toString()});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("service:     jimini-agent\n"), text.out.constData());
        QVERIFY(text.out.contains("status:      healthy\n"));
        QVERIFY(text.out.contains("  default: breaker closed (0 failures, 0 rejected, 0 opens)"));
        QVERIFY(text.out.contains("  payments: breaker closed"));
        QVERIFY(text.out.contains("tokens 100/100"));
    }

    // What the failed calls were, in the text and in --json: an agent whose limiter sheds most calls.
    void healthShowsWhatTheFailuresWere() {
        AgentOptions o;
        o.simulatedTime = true;
        o.callsPerSecond = 40;
        o.seed = 3;
        const QByteArray shedding = R"({"environment": "test", "policies": {
  "default": {"retry": null, "circuit_breaker": null, "timeout": 1, "bulkhead": null,
              "rate_limit": {"requests_per_second": 5, "burst_limit": 5}}}})";
        Agent agent(o, *ConfigCodec::parse(shedding).config);
        QVERIFY(agent.start(nullptr));
        agent.simulatedScheduler()->advance(std::chrono::seconds(10));
        const HealthDocument d = agent.health();
        QVERIFY(d.metrics.failures);

        const Run text = run({"health", agent.baseUrl().toString()});
        QCOMPARE(text.exitCode, 0);
        const FailureBreakdown& f = *d.metrics.failures;
        const QByteArray line = QStringLiteral("  failed calls: downstream %1, timeout %2, rate limited %3, "
                                               "bulkhead full %4, breaker open %5, cancelled %6\n")
                                    .arg(f.downstream)
                                    .arg(f.timeout)
                                    .arg(f.rateLimited)
                                    .arg(f.bulkheadFull)
                                    .arg(f.breakerOpen)
                                    .arg(f.cancelled)
                                    .toUtf8();
        QVERIFY(f.rateLimited > 0);
        QVERIFY2(text.out.contains(line), text.out.constData());

        const Run json = run({"health", agent.baseUrl().toString(), "--json"});
        QCOMPARE(json.exitCode, 0);
        const HealthParseResult parsed = HealthCodec::decode(json.out, QDateTime::currentDateTimeUtc());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorPath + ": " + parsed.error));
        QCOMPARE(parsed.document->metrics.failures, d.metrics.failures);
        QCOMPARE(parsed.document->metrics.failures->total(), parsed.document->metrics.failedOperations);
    }

    // A service serving the guide's get_health_status() (no percentiles, no request rate, no token
    // limit): each such figure is "not reported" in the text and null in --json, never 0.
    void guideFiguresNotReported_data() {
        QTest::addColumn<bool>("json");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        QTest::newRow("text") << false
                              << QStringList{"metrics (lifetime):",
                                             "req/s not reported",
                                             "p50 not reported, p95 not reported, p99 not reported",
                                             "tokens 12.8 (limit not reported) at 8/s",
                                             "of 10 (queue limit not reported)",
                                             "rejected not reported"}
                              << QStringList{"p50 0.0 ms", "/0 at", "0.0 req/s", "0 rejected"};
        QTest::newRow("json") << true
                              << QStringList{"\"p50_response_time\":null", "\"p95_response_time\":null",
                                             "\"p99_response_time\":null", "\"requests_per_second\":null",
                                             "\"max_tokens\":null",        "\"queue_limit\":null",
                                             "\"multiplier\":null",        "\"rejected\":null"}
                              << QStringList{"\"p50_response_time\":0", "\"max_tokens\":0"};
    }
    void guideFiguresNotReported() {
        QFETCH(bool, json);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        QFile guide(QStringLiteral(QT_TESTCASE_SOURCEDIR) +
                    QStringLiteral("/data/health/guide-healthy.json"));
        QVERIFY(guide.open(QIODevice::ReadOnly));
        const QByteArray body = guide.readAll();
        FixtureServer server([&](const QByteArray&) { return cannedJson(200, body); });
        QStringList args{"health", server.url(), "--timeout", "10"};
        if (json)
            args << "--json";
        const Run r = run(args);
        QCOMPARE(r.exitCode, 0);
        for (const QString& s : present)
            QVERIFY2(r.out.contains(s.toUtf8()), qPrintable(s + QStringLiteral(" not in:\n") + r.out));
        for (const QString& s : absent)
            QVERIFY2(!r.out.contains(s.toUtf8()), qPrintable(s + QStringLiteral(" in:\n") + r.out));
        if (json) {
            const HealthParseResult again = HealthCodec::decode(r.out, QDateTime::currentDateTimeUtc());
            QVERIFY2(again.ok(), qPrintable(again.errorPath + ": " + again.error));
            QVERIFY(!again.document->metrics.p95ResponseTime && !again.document->metrics.requestsPerSecond);
            QCOMPARE(again.document->metrics.retries, std::uint64_t(9)); // statistics.retries
        }
    }

    // Who put a breaker in a manual state and why, as the service said it; the free text reaches the
    // terminal without its control characters (an escape sequence from a service is shown, not obeyed).
    void healthSaysWhoAndWhyOfAManualState() {
        QFile native(QStringLiteral(QT_TESTCASE_SOURCEDIR) +
                     QStringLiteral("/data/health/native-example.json"));
        QVERIFY(native.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(native.readAll()).object();
        QJsonArray policies = doc[QStringLiteral("policies")].toArray();
        QJsonObject policy = policies[0].toObject();
        QJsonObject breaker = policy[QStringLiteral("circuit_breaker")].toObject();
        breaker[QStringLiteral("state")] = QStringLiteral("isolated");
        breaker[QStringLiteral("manual")] = true;
        breaker[QStringLiteral("manual_until")] = QStringLiteral("2026-11-29T03:00:00.000Z");
        breaker[QStringLiteral("manual_actor")] = QStringLiteral("alice (bearer:3f9a)");
        breaker[QStringLiteral("manual_reason")] = QStringLiteral("deploy \x1b[31mv2");
        policy[QStringLiteral("circuit_breaker")] = breaker;
        policies[0] = policy;
        doc[QStringLiteral("policies")] = policies;
        const QByteArray body = QJsonDocument(doc).toJson(QJsonDocument::Compact);
        FixtureServer server([&](const QByteArray&) { return cannedJson(200, body); });
        const Run r = run({"health", server.url(), "--timeout", "10"});
        QCOMPARE(r.exitCode, 0);
        const QByteArray expected =
            QString::fromUtf8("breaker isolated until 2026-11-29T03:00:00.000Z by \"alice "
                              "(bearer:3f9a)\" reason \"deploy \uFFFD[31mv2\"")
                .toUtf8();
        QVERIFY2(r.out.contains(expected), r.out.constData());
        QVERIFY(!r.out.contains('\x1b'));
    }

    void healthFailsWithTheReasonOnStderr() {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        const Run r = run({"health", url, "--json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, QByteArray("jimini health: " + url.toUtf8() +
                                   "/resilience/v1/health: connection refused\n"));
    }

    // The agent read through every form of its URL: base, document address, host:port.
    void healthReadsBaseDocumentAndHostPort_data() {
        QTest::addColumn<QString>("form"); // %1: 127.0.0.1:port
        QTest::addColumn<QByteArray>("err");
        QTest::newRow("base") << "http://%1" << QByteArray("%1");
        QTest::newRow("base with slash") << "http://%1/" << QByteArray("%1");
        QTest::newRow("document URL") << "http://%1/resilience/v1/health" << QByteArray("%1");
        QTest::newRow("host:port") << "%1"
                                   << QByteArray(
                                          "jimini health: no scheme given, http assumed (http://%1)\n");
        QTest::newRow("host:port, document")
            << "%1/resilience/v1/health"
            << QByteArray("jimini health: no scheme given, http assumed (http://%1/resilience/v1/health)\n");
    }
    void healthReadsBaseDocumentAndHostPort() {
        QFETCH(QString, form);
        QFETCH(QByteArray, err);
        AgentOptions o;
        o.simulatedTime = true;
        o.callsPerSecond = 0;
        Agent agent(o, *ConfigCodec::parse(testConfigJson()).config);
        QVERIFY(agent.start(nullptr));
        const QString authority = QStringLiteral("127.0.0.1:%1").arg(agent.port());
        const Run r = run({"health", form.arg(authority), "--json"});
        // Rows without a note expect nothing on stderr ("%1" alone stands for it).
        QCOMPARE(r.err, err == "%1" ? QByteArray() : QString::fromUtf8(err).arg(authority).toUtf8());
        QCOMPARE(r.exitCode, 0);
        const HealthParseResult parsed = HealthCodec::decode(r.out, QDateTime::currentDateTimeUtc());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorPath + ": " + parsed.error));
        QCOMPARE(parsed.document->instance, QStringLiteral("jimini-agent-%1").arg(agent.port()));
    }

    // A service built the guide's way serves its document at a path of its own: that URL reads it, the
    // base URL is reported with the URL it asked. Wrong answers name the URL and what came instead.
    void healthNamesTheUrlAskedAndWhatCame_data() {
        QTest::addColumn<QString>("path"); // appended to http://127.0.0.1:port
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("err"); // %1: the URL asked
        QTest::newRow("document URL") << "/health" << 0 << QString();
        QTest::newRow("base URL") << "" << 2 << "jimini health: %1/resilience/v1/health: HTTP 404\n";
        QTest::newRow("HTML page") << "/login" << 2 << "jimini health: %1/login: got text/html, not JSON\n";
        QTest::newRow("plain text") << "/status" << 2
                                    << "jimini health: %1/status: got text/plain, not JSON\n";
        QTest::newRow("JSON, wrong shape")
            << "/other" << 2
            << "jimini health: %1/other: not a health document: neither \"policies\" or \"schema\" (Jimini "
               "v1) "
               "nor \"resilience_stats\" (the guide's get_health_status()) is present\n";
    }
    void healthNamesTheUrlAskedAndWhatCame() {
        QFETCH(QString, path);
        QFETCH(int, exitCode);
        QFETCH(QString, err);
        QFile guide(QStringLiteral(QT_TESTCASE_SOURCEDIR) +
                    QStringLiteral("/data/health/guide-healthy.json"));
        QVERIFY(guide.open(QIODevice::ReadOnly));
        const QByteArray document = guide.readAll();
        FixtureServer server([&](const QByteArray& head) -> CannedAnswer {
            if (head.startsWith("GET /health "))
                return cannedJson(200, document);
            if (head.startsWith("GET /login "))
                return {"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8", "<!doctype html><p>hi",
                        true, -1};
            if (head.startsWith("GET /status "))
                return {"HTTP/1.1 200 OK\r\nContent-Type: text/plain", "up", true, -1};
            if (head.startsWith("GET /other "))
                return cannedJson(200, "{\"ok\": true}");
            return {"HTTP/1.1 404 Not Found\r\nContent-Type: text/html", "<h1>Not Found</h1>", true, -1};
        });
        const Run r = run({"health", server.url() + path});
        QCOMPARE(QString::fromUtf8(r.err), err.isEmpty() ? QString() : err.arg(server.url()));
        QCOMPARE(r.exitCode, exitCode);
        if (exitCode == 0)
            QVERIFY2(r.out.contains("service:     orders\n"), r.out.constData());
    }

    // A port with another protocol on it: an SSH banner, or bytes that are no HTTP answer.
    void healthSaysWhenThePortDoesNotSpeakHttp_data() {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x00\xa5garbage garbage garbage\r\n\r\n");
        QTest::newRow("SMTP greeting") << QByteArray("220 mail.example ESMTP Postfix\r\n");
    }
    void healthSaysWhenThePortDoesNotSpeakHttp() {
        QFETCH(QByteArray, answer);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                socket->write(answer); // at once, as SSH and SMTP servers do
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->disconnectFromHost();
                });
            }
        });
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());
        const Run r = run({"health", url, "--timeout", "20"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("jimini health: " + url.toUtf8() + "/resilience/v1/health: not HTTP"),
                 r.err.constData());
    }

    void helpListsTheCommands() {
        const Run r = run({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Commands:\n  health URL"));
        const Run unknown = run({"frobnicate"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.startsWith("jimini: unknown command \"frobnicate\""));
    }
};

QTEST_GUILESS_MAIN(tst_JiminiCli)
#include "tst_jiminicli.moc"
