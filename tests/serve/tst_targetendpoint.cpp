// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/agent.h"
#include "serve/agentserver.h"
#include "serve/demofleet.h"
#include "serve/targetendpoint.h"

#include "httptestclient.h"
#include "rawhttpclient.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
AgentOptions simulatedAgent() {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = 0; // only the probe's requests reach the target
    o.seed = 5;
    return o;
}

std::unique_ptr<Agent> startAgent(AgentOptions options = simulatedAgent()) {
    auto agent = std::make_unique<Agent>(options, *ConfigCodec::parse(testConfigJson()).config);
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

QUrl url(const Agent& agent, const QString& path) {
    QUrl u = agent.baseUrl();
    u.setPath(path);
    return u;
}

int postFault(QNetworkAccessManager& nam, const Agent& agent, const QByteArray& json) {
    return http(nam, "POST", url(agent, QStringLiteral("/resilience/v1/faults")), json).status;
}

const TargetEndpoint& target(const Agent& agent) {
    return agent.server()->target();
}
} // namespace

class TestTargetEndpoint : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void routes_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("GET") << QByteArray("GET") << "/target/default" << 200 << QByteArray();
        QTest::newRow("POST without a token")
            << QByteArray("POST") << "/target/payments" << 200 << QByteArray();
        QTest::newRow("any name") << QByteArray("GET") << "/target/anything" << 200 << QByteArray();
        QTest::newRow("PUT") << QByteArray("PUT") << "/target/default" << 405 << QByteArray("GET, POST");
        QTest::newRow("DELETE") << QByteArray("DELETE") << "/target/default" << 405
                                << QByteArray("GET, POST");
        QTest::newRow("no name") << QByteArray("GET") << "/target/" << 404 << QByteArray();
        QTest::newRow("two segments") << QByteArray("GET") << "/target/a/b" << 404 << QByteArray();
    }
    void routes() {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QByteArray, allow);
        AgentOptions options = simulatedAgent();
        options.token = "secret"; // mutations of the API need it; the target does not
        auto agent = startAgent(options);
        QNetworkAccessManager nam;
        const HttpReply r =
            http(nam, method, url(*agent, path), method == "POST" ? "{\"x\":1}" : QByteArray());
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("Allow"), allow);
        if (status == 200) {
            QCOMPARE(r.json().value(QStringLiteral("target")).toString(), path.mid(8));
            QCOMPARE(target(*agent).received(), std::uint64_t(1));
        } else {
            QCOMPARE(target(*agent).received(), std::uint64_t(0));
        }
    }

    void faultStatus_data() {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("429 with Retry-After")
            << QByteArray(R"({"policy": "default", "error_rate": 1, "status_mix": {"429": 1}, )"
                          R"("retry_after_seconds": 3, "duration_seconds": 60})")
            << "default" << 429 << QByteArray("3");
        QTest::newRow("503 with Retry-After")
            << QByteArray(
                   R"({"policy": "default", "error_rate": 1, "retry_after_seconds": 7, "duration_seconds": 60})")
            << "default" << 503 << QByteArray("7");
        QTest::newRow("500: no Retry-After")
            << QByteArray(R"({"policy": "default", "error_rate": 1, "status_mix": {"500": 1}, )"
                          R"("retry_after_seconds": 7, "duration_seconds": 60})")
            << "default" << 500 << QByteArray();
        QTest::newRow("another target's fault")
            << QByteArray(R"({"policy": "payments", "error_rate": 1, "duration_seconds": 60})") << "default"
            << 200 << QByteArray();
        QTest::newRow("a fault on every policy reaches any name")
            << QByteArray(R"({"error_rate": 1, "status_mix": {"502": 1}, "duration_seconds": 60})")
            << "elsewhere" << 502 << QByteArray();
    }
    void faultStatus() {
        QFETCH(QByteArray, fault);
        QFETCH(QString, name);
        QFETCH(int, status);
        QFETCH(QByteArray, retryAfter);
        auto agent = startAgent();
        QNetworkAccessManager nam;
        QCOMPARE(postFault(nam, *agent, fault), 201);
        for (int i = 0; i < 3; ++i) {
            const HttpReply r = http(nam, "GET", url(*agent, QStringLiteral("/target/") + name));
            QCOMPARE(r.status, status);
            QCOMPARE(r.header("Retry-After"), retryAfter);
        }
    }

    void latencyHoldsTheAnswer() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        QCOMPARE(postFault(nam, *agent,
                           R"({"policy": "default", "latency": {"distribution": "fixed", "mean_ms": 500}, )"
                           R"("duration_seconds": 60})"),
                 201);
        QNetworkReply* reply = sendHttp(nam, "GET", url(*agent, QStringLiteral("/target/default")));
        QVERIFY(QTest::qWaitFor([&] { return target(*agent).pendingCount() == 1; }, 5000));
        agent->simulatedScheduler()->advance(499ms);
        QCoreApplication::processEvents();
        QVERIFY(!reply->isFinished());
        QCOMPARE(target(*agent).pendingCount(), std::size_t(1));
        agent->simulatedScheduler()->advance(1ms);
        const HttpReply r = collectHttp(reply, 5000);
        QCOMPARE(r.status, 200);
        QCOMPARE(target(*agent).pendingCount(), std::size_t(0));
        QCOMPARE(target(*agent).received(), std::uint64_t(1));
    }

    void resetEndsTheConnection() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        QCOMPARE(postFault(nam, *agent, R"({"policy": "default", "reset_rate": 1, "duration_seconds": 60})"),
                 201);
        RawHttpClient client;
        QVERIFY(client.connectTo(agent->port()));
        client.send("GET /target/default HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(client.waitForClose());
        QVERIFY(client.received.isEmpty());
        QCOMPARE(client.socket.error(), QAbstractSocket::RemoteHostClosedError);
        QCOMPARE(target(*agent).received(), std::uint64_t(1));
    }

    void hangEndsWithItsFault_data() {
        QTest::addColumn<bool>("cleared"); // by DELETE, else by expiry
        QTest::newRow("DELETE") << true;
        QTest::newRow("expiry") << false;
    }
    void hangEndsWithItsFault() {
        QFETCH(bool, cleared);
        auto agent = startAgent();
        QNetworkAccessManager nam;
        QCOMPARE(postFault(nam, *agent, R"({"policy": "default", "hang_rate": 1, "duration_seconds": 10})"),
                 201);
        RawHttpClient client;
        QVERIFY(client.connectTo(agent->port()));
        client.send("GET /target/default HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { return target(*agent).pendingCount() == 1; }, 5000));
        agent->simulatedScheduler()->advance(9s); // past any latency; the fault is still in force
        QCoreApplication::processEvents();
        QCOMPARE(target(*agent).pendingCount(), std::size_t(1));
        QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
        if (cleared)
            QCOMPARE(http(nam, "DELETE", url(*agent, QStringLiteral("/resilience/v1/faults"))).status, 204);
        else
            agent->simulatedScheduler()->advance(2s); // housekeeping purges the expired fault
        QVERIFY(client.waitForClose());
        QVERIFY(client.received.isEmpty());
        QCOMPARE(target(*agent).pendingCount(), std::size_t(0));
    }

    void clientLeavingDropsTheHeldAnswer() {
        auto agent = startAgent();
        QNetworkAccessManager nam;
        QCOMPARE(postFault(nam, *agent, R"({"policy": "default", "hang_rate": 1, "duration_seconds": 60})"),
                 201);
        {
            RawHttpClient client;
            QVERIFY(client.connectTo(agent->port()));
            client.send("GET /target/default HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY(QTest::qWaitFor([&] { return target(*agent).pendingCount() == 1; }, 5000));
        }
        QVERIFY(QTest::qWaitFor([&] { return target(*agent).pendingCount() == 0; }, 5000));
    }

    void bodyIsBounded() {
        AgentOptions options = simulatedAgent();
        options.http.maxBodyBytes = 1024;
        auto agent = startAgent(options);
        QNetworkAccessManager nam;
        QCOMPARE(
            http(nam, "POST", url(*agent, QStringLiteral("/target/default")), QByteArray(1024, 'x')).status,
            200);
        QCOMPARE(
            http(nam, "POST", url(*agent, QStringLiteral("/target/default")), QByteArray(1025, 'x')).status,
            413);
        QCOMPARE(target(*agent).received(), std::uint64_t(1));
    }

    void demoFleetOffersOneTargetPerService() {
        DemoFleet::Options options;
        options.scripted = false;
        DemoFleet fleet(options);
        QString error;
        QVERIFY2(fleet.start(&error), qPrintable(error));
        const QList<QUrl> targets = fleet.targetUrls();
        QCOMPARE(targets.size(), 4); // payments, inventory, search, notifications
        QNetworkAccessManager nam;
        for (const QUrl& target : targets) {
            const HttpReply r = http(nam, "GET", target);
            QCOMPARE(r.status, 200);
            QVERIFY(target.path().startsWith(QLatin1String("/target/")));
            QCOMPARE(r.json().value(QStringLiteral("target")).toString(), target.path().mid(8));
        }
        // The flapping member stands for payments: its trouble is what the probe should see.
        QCOMPARE(targets.first().port(), fleet.members().at(1).baseUrl.port());
    }
};

QTEST_MAIN(TestTargetEndpoint)
#include "tst_targetendpoint.moc"
