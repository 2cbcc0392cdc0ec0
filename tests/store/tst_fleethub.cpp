// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/fleethub.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"
#include "serve/agent.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
std::unique_ptr<Agent> startAgent(const QString& service, const QString& instance, double callsPerSecond = 0,
                                  bool simulatedTime = false) {
    AgentOptions o;
    o.simulatedTime = simulatedTime;
    o.service = service;
    o.instance = instance;
    o.callsPerSecond = callsPerSecond;
    o.seed = 7;
    auto agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
    if (!agent->start(nullptr))
        return nullptr;
    return agent;
}

ServiceEndpoint endpointOf(const Agent& agent, std::chrono::milliseconds interval = 200ms,
                           ServiceEndpoint::Mode mode = ServiceEndpoint::Mode::Poll) {
    ServiceEndpoint e;
    e.baseUrl = agent.baseUrl();
    e.interval = interval;
    e.mode = mode;
    return e;
}

QString agentState(const Agent& agent) {
    for (const PolicyHealth& p : agent.health().policies) {
        if (p.name == "default")
            return p.circuitBreaker->state;
    }
    return {};
}

const PolicyRow* policyOf(const FleetHub& hub, const QString& id, const QString& name) {
    const auto it = hub.rows().constFind(id);
    if (it == hub.rows().constEnd())
        return nullptr;
    for (const PolicyRow& p : it->policies) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}
} // namespace

class tst_FleetHub : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void rowCarriesTheAgentsIdentity() {
        auto agent = startAgent(QStringLiteral("orders"), QStringLiteral("orders-1"));
        QVERIFY(agent);
        FleetHub hub;
        QSignalSpy changed(&hub, &FleetHub::rowsChanged);
        QSignalSpy counts(&hub, &FleetHub::countsChanged);
        const ServiceEndpoint endpoint = endpointOf(*agent);
        const QString id = endpoint.id();
        hub.addEndpoint(endpoint);
        QCOMPARE(hub.endpoints(), QList<ServiceEndpoint>{endpoint});
        QTRY_VERIFY_WITH_TIMEOUT(hub.rows().contains(id) && hub.rows()[id].hasDocument, 10000);
        const InstanceRow row = hub.rows()[id];
        QCOMPARE(row.endpointId, id);
        QCOMPARE(row.service, QStringLiteral("orders"));
        QCOMPARE(row.instance, QStringLiteral("orders-1"));
        QCOMPARE(row.environment, QStringLiteral("test"));
        QCOMPARE(int(row.status), int(SourceStatus::Ok));
        QCOMPARE(row.policies.size(), std::size_t(2));
        QVERIFY(policyOf(hub, id, QStringLiteral("default")));
        QCOMPARE(policyOf(hub, id, QStringLiteral("payments"))->bulkheadCapacity, 20u);
        QCOMPARE(policyOf(hub, id, QStringLiteral("payments"))->breakerState, QStringLiteral("closed"));
        // The signal carried that row (the first one may have been the Connecting row).
        const auto last = changed.last().at(0).value<QVector<InstanceRow>>();
        QCOMPARE(last.size(), 1);
        QCOMPARE(last[0].instance, QStringLiteral("orders-1"));
        QTRY_COMPARE_WITH_TIMEOUT(hub.counts().ok, 1, 5000);
        QCOMPARE(hub.counts().total, 1);
        QVERIFY(counts.size() >= 1);
        // History is readable from this thread.
        std::vector<SeriesPoint> points;
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(hub.store().read(SeriesKey{id, QString(), Metric::ErrorRate}, now - 60'000, now, points),
                 1000);
        QVERIFY(!points.empty());
        const auto stats = hub.ingestStats();
        QVERIFY(stats.received >= 1);
        QCOMPARE(stats.ingested + stats.ignored, stats.received);
    }

    void atMostTenBatchesASecond() {
        std::vector<std::unique_ptr<Agent>> agents;
        FleetHub hub;
        for (int i = 0; i < 10; ++i) {
            agents.push_back(
                startAgent(QStringLiteral("svc%1").arg(i % 3), QStringLiteral("i%1").arg(i), 20));
            QVERIFY(agents.back());
            hub.addEndpoint(endpointOf(*agents.back(), 100ms,
                                       i % 2 ? ServiceEndpoint::Mode::Stream : ServiceEndpoint::Mode::Poll));
        }
        QTRY_COMPARE_WITH_TIMEOUT(hub.counts().ok, 10, 10000);
        QSignalSpy changed(&hub, &FleetHub::rowsChanged);
        const auto before = hub.ingestStats();
        QElapsedTimer clock;
        clock.start();
        QTest::qWait(2000); // spins the event loop: the agents serve, the hub delivers
        const qint64 elapsed = clock.elapsed();
        const auto after = hub.ingestStats();
        const auto batches = after.batches - before.batches;
        QVERIFY2(after.received - before.received >= 50, qPrintable(QString::number(after.received)));
        QVERIFY2(batches <= std::uint64_t(elapsed / 100 + 1), qPrintable(QString::number(batches)));
        QVERIFY(changed.size() <= int(batches));
        QVERIFY(changed.size() >= 5);
        for (const auto& args : changed) {
            const auto rows = args.at(0).value<QVector<InstanceRow>>();
            QSet<QString> ids;
            for (const InstanceRow& row : rows)
                ids.insert(row.endpointId);
            QCOMPARE(ids.size(), rows.size()); // the newest row per endpoint, once
        }
        QCOMPARE(after.ingested + after.ignored, after.received);
    }

    void removedEndpointIsRemoved() {
        auto a = startAgent(QStringLiteral("orders"), QStringLiteral("a"));
        auto b = startAgent(QStringLiteral("orders"), QStringLiteral("b"));
        QVERIFY(a && b);
        FleetHub hub;
        hub.addEndpoint(endpointOf(*a));
        hub.addEndpoint(endpointOf(*b));
        QTRY_COMPARE_WITH_TIMEOUT(hub.counts().ok, 2, 10000);
        QSignalSpy removed(&hub, &FleetHub::rowsRemoved);
        const QString id = endpointOf(*a).id();
        hub.removeEndpoint(id);
        QCOMPARE(hub.endpoints().size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 5000);
        QCOMPARE(removed.at(0).at(0).toStringList(), QStringList{id});
        QVERIFY(!hub.rows().contains(id));
        QTRY_COMPARE_WITH_TIMEOUT(hub.counts().total, 1, 5000);
        QVERIFY(hub.store().keys(id).empty());
        QVERIFY(!hub.store().keys(endpointOf(*b).id()).empty());
    }

    void injectedFaultOpensTheBreaker_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("poll: the service's record") << int(ServiceEndpoint::Mode::Poll);
        QTest::newRow("stream: the service's event") << int(ServiceEndpoint::Mode::Stream);
    }
    void injectedFaultOpensTheBreaker() {
        QFETCH(int, mode);
        auto agent = startAgent(QStringLiteral("orders"), QStringLiteral("orders-1"), 20, true);
        QVERIFY(agent);
        QTimer clockwork; // keeps the agent's virtual clock going with the real one (its stream, its window)
        connect(&clockwork, &QTimer::timeout, &clockwork,
                [&] { agent->simulatedScheduler()->advance(100ms); });
        clockwork.start(100);
        FleetHub hub;
        QSignalSpy events(&hub, &FleetHub::eventsArrived);
        const ServiceEndpoint endpoint = endpointOf(*agent, 250ms, ServiceEndpoint::Mode(mode));
        const QString id = endpoint.id();
        hub.addEndpoint(endpoint);
        QTRY_VERIFY_WITH_TIMEOUT(policyOf(hub, id, QStringLiteral("default")) &&
                                     policyOf(hub, id, QStringLiteral("default"))->breakerState == "closed",
                                 10000);
        QNetworkAccessManager nam;
        QCOMPARE(
            http(
                nam, "POST", QUrl(agent->baseUrl().toString() + "/resilience/v1/faults"),
                R"({"policy": "default", "error_rate": 1.0, "retry_after_seconds": 0.1, "duration_seconds": 60})")
                .status,
            201);
        // The agent's policies run on virtual time (the real-time traffic takes its time to trip the
        // breaker): 2 s of traffic at once, then the row must follow within a couple of intervals.
        agent->simulatedScheduler()->advance(2s);
        QCOMPARE(agentState(*agent), QStringLiteral("open"));
        QElapsedTimer clock;
        clock.start();
        QTRY_COMPARE_WITH_TIMEOUT(policyOf(hub, id, QStringLiteral("default"))->breakerState,
                                  QStringLiteral("open"), 3000);
        qInfo("open on the row after %lld ms", clock.elapsed());
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 5000);
        QTest::qWait(600); // a few more polls: the transition must still be reported once
        int opened = 0;
        for (const auto& args : events) {
            for (const FleetEvent& e : args.at(0).value<QVector<FleetEvent>>()) {
                if (e.type == "transition" && e.policy == "default" && e.to == "open") {
                    ++opened;
                    QCOMPARE(e.from, QStringLiteral("closed"));
                    QCOMPARE(e.reason, QStringLiteral("failure_threshold")); // the service's word
                    QCOMPARE(e.actor, QStringLiteral("system"));
                    QVERIFY(!e.inferred);
                    QCOMPARE(e.instance, QStringLiteral("orders-1"));
                    QCOMPARE(e.service, QStringLiteral("orders"));
                }
            }
        }
        QCOMPARE(opened, 1);
        std::vector<SeriesPoint> points;
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        hub.store().read(SeriesKey{id, QStringLiteral("default"), Metric::BreakerState}, now - 5000, now,
                         points);
        QVERIFY(!points.empty());
        QCOMPARE(points.back().max, 2.0f);
    }

    // A service built the guide's way keeps no record: its transitions are inferred from polls, once
    // each, and marked as such.
    void guideShapedServiceGetsInferredTransitions() {
        QFile guide(QStringLiteral(QT_TESTCASE_SOURCEDIR) +
                    QStringLiteral("/data/health/guide-healthy.json"));
        QVERIFY(guide.open(QIODevice::ReadOnly));
        const QByteArray closed = guide.readAll();
        QByteArray open = closed;
        open.replace(R"("status": "closed")", R"("status": "open")");
        QVERIFY(open != closed);
        bool isOpen = false;
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QTcpServer::newConnection, &server, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    const QByteArray body = isOpen ? open : closed;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        FleetHub hub;
        QSignalSpy batches(&hub, &FleetHub::eventsArrived);
        ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(server.serverPort()));
        endpoint.interval = 100ms;
        hub.addEndpoint(endpoint);
        auto transitions = [&] {
            QList<FleetEvent> found;
            for (const auto& args : batches)
                for (const FleetEvent& e : args.at(0).value<QVector<FleetEvent>>())
                    if (e.type == "transition")
                        found.append(e);
            return found;
        };
        QTRY_VERIFY_WITH_TIMEOUT(policyOf(hub, endpoint.id(), QStringLiteral("default")), 10000);
        QTest::qWait(300); // a few polls of the closed breaker: the base of the inference
        isOpen = true;
        QTRY_VERIFY_WITH_TIMEOUT(!transitions().isEmpty(), 10000);
        QTest::qWait(300); // more polls of the open one: still one transition
        QCOMPARE(transitions().size(), 1);
        const FleetEvent e = transitions().front();
        QVERIFY(e.inferred);
        QCOMPARE(e.from, QStringLiteral("closed"));
        QCOMPARE(e.to, QStringLiteral("open"));
        QVERIFY(e.reason.isEmpty());
        QCOMPARE(e.service, QStringLiteral("orders"));
    }
};

QTEST_GUILESS_MAIN(tst_FleetHub)
#include "tst_fleethub.moc"
