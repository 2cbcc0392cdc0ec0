// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/controlclient.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "serve/agent.h"
#include "serve/bearerauth.h"
#include "serve/eventlog.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace jimini;

namespace {
std::unique_ptr<Agent> startAgent(const QByteArray& token = {}) {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = 0;
    o.token = token;
    auto agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
    return agent->start(nullptr) ? std::move(agent) : nullptr;
}

ControlResult waitFor(QSignalSpy& spy, quint64 id) {
    for (int round = 0; round < 100; ++round) {
        for (const auto& args : spy) {
            const ControlResult r = args.at(0).value<ControlResult>();
            if (r.requestId == id)
                return r;
        }
        if (!spy.wait(10000))
            break;
    }
    return {};
}
} // namespace

class tst_ControlClient : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<ControlResult>();
    }

    void isolatesAndReturnsToAutomatic() {
        QTemporaryDir dir;
        QFile token(dir.filePath("token"));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("s3cr3t\n");
        token.close();
        auto agent = startAgent("s3cr3t");
        QVERIFY(agent);
        ServiceEndpoint e;
        e.baseUrl = agent->baseUrl();
        e.tokenFile = token.fileName();
        ControlClient client(e);
        QSignalSpy spy(&client, &ControlClient::finished);

        ControlResult r =
            waitFor(spy, client.setBreakerState("default", ControlClient::BreakerCommand::Isolate,
                                                "maintenance", 300.0));
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.operation, ControlResult::Operation::BreakerState);
        QCOMPARE(r.body.value("state").toString(), QStringLiteral("isolated"));
        QVERIFY(r.body.value("manual_until").isString());

        r = waitFor(spy, client.setBreakerState("default", ControlClient::BreakerCommand::Auto, "done"));
        QVERIFY(r.ok);
        QCOMPARE(r.body.value("state").toString(), QStringLiteral("closed"));

        r = waitFor(spy, client.setBreakerState("nope", ControlClient::BreakerCommand::Disable, "x"));
        QVERIFY(!r.ok);
        QCOMPARE(r.httpStatus, 404);
        QCOMPARE(r.problemType, QStringLiteral("unknown-policy"));
        QVERIFY2(r.reason.startsWith("HTTP 404: Unknown policy"), qPrintable(r.reason));

        // A wrong token is an answer too.
        ServiceEndpoint wrong = e;
        wrong.tokenFile.clear();
        ControlClient anonymous(wrong);
        QSignalSpy spy2(&anonymous, &ControlClient::finished);
        r = waitFor(spy2, anonymous.setBreakerState("default", ControlClient::BreakerCommand::Isolate, "x"));
        QCOMPARE(r.httpStatus, 401);
        QCOMPARE(toString(r.status), toString(SourceStatus::Unauthorized));
        QVERIFY2(r.reason.startsWith("401 Unauthorized: check the token file"), qPrintable(r.reason));
    }

    void configPutSurfaces412And422AsValues() {
        auto agent = startAgent();
        QVERIFY(agent);
        ServiceEndpoint e;
        e.baseUrl = agent->baseUrl();
        ControlClient client(e);
        QSignalSpy spy(&client, &ControlClient::finished);
        const ControlResult got = waitFor(spy, client.getConfig());
        QVERIFY(got.ok);
        QVERIFY(got.etag.startsWith('"'));
        const QByteArray config = QJsonDocument(got.body).toJson();

        ControlResult r = waitFor(spy, client.putConfig(config, "\"0000stale000\""));
        QVERIFY(!r.ok);
        QCOMPARE(r.httpStatus, 412);
        QCOMPARE(r.problemType, QStringLiteral("stale-config"));
        QCOMPARE(r.etag, got.etag); // the current version, to merge against

        QByteArray broken = config;
        broken.replace("\"max_attempts\": 2", "\"max_attempts\": 0");
        QVERIFY(broken != config);
        r = waitFor(spy, client.putConfig(broken, got.etag));
        QCOMPARE(r.httpStatus, 422);
        QCOMPARE(r.problemType, QStringLiteral("invalid-config"));
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].path, QStringLiteral("policies.default.retry.max_attempts"));
        QVERIFY(!r.errors[0].message.isEmpty());

        r = waitFor(spy, client.putConfig(config, got.etag));
        QVERIFY2(r.ok, qPrintable(r.reason));
        QCOMPARE(r.httpStatus, 200);
    }

    void faultsPostAndDelete() {
        auto agent = startAgent();
        QVERIFY(agent);
        ServiceEndpoint e;
        e.baseUrl = agent->baseUrl();
        ControlClient client(e);
        QSignalSpy spy(&client, &ControlClient::finished);
        ControlResult r =
            waitFor(spy, client.injectFault(QJsonObject{{"error_rate", 0.5}, {"duration_seconds", 60}}));
        QCOMPARE(r.httpStatus, 201);
        QVERIFY(r.body.value("id").toInt() >= 1);
        r = waitFor(spy, client.clearFaults());
        QCOMPARE(r.httpStatus, 204);
        QVERIFY(r.ok);
        // Refused: no HTTP status, the sources' wording.
        ServiceEndpoint dead;
        dead.baseUrl = QUrl("http://127.0.0.1:1");
        ControlClient none(dead);
        QSignalSpy spy2(&none, &ControlClient::finished);
        r = waitFor(spy2, none.clearFaults());
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.reason, QStringLiteral("connection refused"));
    }

    // The operator's name reaches the control event's actor beside the token's identity, cleaned: the
    // header is the sender's claim, so it is bounded and stripped of what could forge a log line.
    void operatorReachesTheEventActor_data() {
        QTest::addColumn<QString>("operatorName");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("actor");
        const QString tokenId = BearerAuth::actorOf("s3cr3t");
        QTest::newRow("with token") << "alice" << QByteArray("s3cr3t") << "alice (" + tokenId + ")";
        QTest::newRow("without token") << "alice" << QByteArray() << "alice (anonymous)";
        QTest::newRow("no operator") << "" << QByteArray("s3cr3t") << tokenId;
        QTest::newRow("newline stripped") << "eve\nsystem" << QByteArray() << "evesystem (anonymous)";
        QTest::newRow("long cut to 64")
            << QString(100, 'x') << QByteArray() << QString(64, 'x') + " (anonymous)";
        QTest::newRow("unicode kept") << QString::fromUtf8("Zoë Ångström") << QByteArray()
                                      << QString::fromUtf8("Zoë Ångström (anonymous)");
    }
    void operatorReachesTheEventActor() {
        QFETCH(QString, operatorName);
        QFETCH(QByteArray, token);
        QFETCH(QString, actor);
        QTemporaryDir dir;
        auto agent = startAgent(token);
        QVERIFY(agent);
        ServiceEndpoint e;
        e.baseUrl = agent->baseUrl();
        if (!token.isEmpty()) {
            QFile file(dir.filePath("token"));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(token);
            file.close();
            e.tokenFile = file.fileName();
        }
        ControlClient client(e);
        client.setOperator(operatorName);
        QSignalSpy spy(&client, &ControlClient::finished);
        const ControlResult r = waitFor(spy, client.setBreakerState(QStringLiteral("default"),
                                                                    ControlClient::BreakerCommand::Isolate,
                                                                    QStringLiteral("drill")));
        QVERIFY2(r.ok, qPrintable(r.reason));
        const EventSlice slice = agent->events().after(0);
        QVERIFY(!slice.events.empty());
        QCOMPARE(slice.events.front().type, AgentEventType::Control);
        QCOMPARE(slice.events.front().actor, actor);
    }

    // A hostile sender sets the header itself: raw bytes, control characters, a huge value.
    void hostileOperatorHeaderIsBoundedAndCleaned_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("actor");
        QTest::newRow("CR LF injection")
            << QByteArray("mallory\r\n{\"type\": \"x\"}") << "mallory{\"type\": \"x\"} (anonymous)";
        QTest::newRow("invalid UTF-8")
            << QByteArray("bob\xff\xfe") << QString::fromUtf8("bob\uFFFD\uFFFD (anonymous)");
        QTest::newRow("only control") << QByteArray("\x01\x02\x7f") << "anonymous";
        QTest::newRow("bidi override") << QByteArray("ab\xe2\x80\xae"
                                                     "cd")
                                       << "abcd (anonymous)";
        QTest::newRow("8 KiB") << QByteArray(8192, 'y') << QString(64, 'y') + " (anonymous)";
    }
    void hostileOperatorHeaderIsBoundedAndCleaned() {
        QFETCH(QByteArray, header);
        QFETCH(QString, actor);
        BearerAuth auth;
        QCOMPARE(auth.actor(QByteArray(), header), actor);
    }

    // A document URL ending with /resilience/v1/health controls the service under that prefix; any other
    // document URL has no control endpoint: refused, naming the URL, and nothing is sent.
    void documentUrlsControlOnlyUnderTheProtocolPath_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("sent");
        QTest::newRow("base") << "" << true;
        QTest::newRow("protocol document") << "/resilience/v1/health" << true;
        QTest::newRow("own document") << "/health" << false;
    }
    void documentUrlsControlOnlyUnderTheProtocolPath() {
        QFETCH(QString, path);
        QFETCH(bool, sent);
        auto agent = startAgent();
        QVERIFY(agent);
        ServiceEndpoint e;
        e.baseUrl = QUrl(agent->baseUrl().toString() + path);
        ControlClient client(e);
        QSignalSpy spy(&client, &ControlClient::finished);
        const ControlResult r = waitFor(spy, client.setBreakerState(QStringLiteral("default"),
                                                                    ControlClient::BreakerCommand::Isolate,
                                                                    QStringLiteral("drill")));
        QCOMPARE(r.ok, sent);
        QCOMPARE(r.httpStatus, sent ? 200 : 0);
        QCOMPARE(agent->events().lastSequence(), sent ? quint64(2) : quint64(0));
        if (!sent)
            QCOMPARE(r.reason, e.baseUrl.toString() +
                                   " is the address of a health document, not a base URL: the stream, events "
                                   "and control endpoints need the base (http://host:port) or a URL ending "
                                   "in /resilience/v1/health");
    }
};

QTEST_GUILESS_MAIN(tst_ControlClient)
#include "tst_controlclient.moc"
