// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/fleethub.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "health/healthnames.h"
#include "net/scriptedsource.h"
#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"
#include "serve/agent.h"
#include "store/fleetsink.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>
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
            return breakerStateName(p.circuitBreaker->state);
    }
    return {};
}

const QDateTime kStart(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);

// A document of one policy with a breaker, as a service would send it.
SourceSample documentSample(double errorRate, const QString& breaker, std::vector<HealthAlert> alerts = {}) {
    HealthDocument d;
    d.service = QStringLiteral("orders");
    d.instance = QStringLiteral("orders-1");
    d.environment = QStringLiteral("replay");
    d.metrics.currentErrorRate = errorRate;
    d.metrics.requestsPerSecond = 20;
    d.healthStatus = alerts.empty() ? HealthLevel::Healthy : HealthLevel::Critical;
    d.alerts = std::move(alerts);
    PolicyHealth p;
    p.name = QStringLiteral("default");
    p.circuitBreaker = BreakerHealth{};
    p.circuitBreaker->state = breakerStateFromName(breaker).value();
    d.policies.push_back(p);
    SourceSample s;
    s.status = SourceStatus::Ok;
    s.document = std::move(d);
    return s;
}

HealthAlert errorRateAlert(double value) {
    HealthAlert a;
    a.level = AlertLevel::Critical;
    a.metric = QStringLiteral("error_rate");
    a.message = QStringLiteral("error rate above 25%");
    a.value = value;
    a.threshold = 0.25;
    return a;
}

ServiceEndpoint scriptedEndpoint(int i, std::chrono::milliseconds interval = 1000ms) {
    ServiceEndpoint e;
    e.baseUrl = QUrl(QStringLiteral("http://replay-%1:8081").arg(i));
    e.interval = interval;
    return e;
}

// The hub's sources are scripts, keyed by endpoint id: no socket, nothing but virtual time.
SourceFactory scriptedFactory(const QHash<QString, std::vector<ScriptedSource::Step>>& scripts) {
    return [scripts](const ServiceEndpoint& endpoint, const SourceContext& context) -> FleetSource* {
        return new ScriptedSource(endpoint, context.clock, scripts.value(endpoint.id()), false,
                                  context.parent);
    };
}

// Records what a sink sees (on the hub's worker thread: here, the test's, as the clock is simulated).
struct RecordingSink final : FleetSink {
    std::vector<SourceSample> samples;
    std::vector<FleetEvent> events;
    void sample(const SourceSample& s) override { samples.push_back(s); }
    void event(const FleetEvent& e) override { events.push_back(e); }
};

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

QString nameOfCode(float code) {
    const auto state = breakerStateFromCode(int(code));
    return state ? breakerStateName(*state) : QStringLiteral("no state");
}

// Answers every request on server with body() as a one-shot HTTP/1.1 200.
void serveJson(QTcpServer& server, std::function<QByteArray()> body) {
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server, body] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, body] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                const QByteArray b = body();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                              "Content-Length: " +
                              QByteArray::number(b.size()) + "\r\n\r\n" + b);
                socket->disconnectFromHost();
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

QByteArray guideDocument() {
    QFile guide(QStringLiteral(QT_TESTCASE_SOURCEDIR) + QStringLiteral("/data/health/guide-healthy.json"));
    return guide.open(QIODevice::ReadOnly) ? guide.readAll() : QByteArray();
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
        QVERIFY(policyOf(hub, id, QStringLiteral("payments"))->breakerState == BreakerState::Closed);
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

    // Ten endpoints answering every 30 ms of virtual time for 2 s: batches come at most one per 100 ms
    // of the hub's clock, each with the newest row of an endpoint once.
    void atMostOneBatchPerInterval() {
        const auto clock = ConsoleClock::simulated(kStart);
        QHash<QString, std::vector<ScriptedSource::Step>> scripts;
        for (int i = 0; i < 10; ++i) {
            std::vector<ScriptedSource::Step> script;
            for (int k = 0; k * 30 < 2000; ++k)
                script.push_back(
                    {std::chrono::milliseconds(k * 30 + i), documentSample(k / 1000.0, "closed")});
            scripts.insert(scriptedEndpoint(i).id(), std::move(script));
        }
        FleetHub::Options options;
        options.clock = clock;
        options.sourceFactory = scriptedFactory(scripts);
        FleetHub hub(options);
        QCOMPARE(hub.clock(), clock);
        std::vector<TimePoint> deliveredAt;
        connect(&hub, &FleetHub::rowsChanged, this, [&] { deliveredAt.push_back(clock->now()); });
        QSignalSpy changed(&hub, &FleetHub::rowsChanged);
        for (int i = 0; i < 10; ++i)
            hub.addEndpoint(scriptedEndpoint(i));
        clock->simulatedScheduler()->advance(2100ms);
        const auto stats = hub.ingestStats();
        QCOMPARE(stats.received, std::uint64_t(10 * 67));
        QCOMPARE(stats.ingested, stats.received);
        QCOMPARE(stats.batches, std::uint64_t(deliveredAt.size()));
        // The first change after a batch arms the next one 100 ms on: answers at 0..9, 30..39, ... ms make
        // batches at 100, 220, 340, ... 1900 and 2020 ms: 17.
        QCOMPARE(changed.size(), 17);
        for (std::size_t k = 1; k < deliveredAt.size(); ++k)
            QVERIFY(deliveredAt[k] - deliveredAt[k - 1] >= 100ms);
        for (const auto& args : changed) {
            const auto rows = args.at(0).value<QVector<InstanceRow>>();
            QSet<QString> ids;
            for (const InstanceRow& row : rows)
                ids.insert(row.endpointId);
            QCOMPARE(ids.size(), rows.size()); // the newest row per endpoint, once
        }
        QCOMPARE(hub.counts().ok, 10);
        QCOMPARE(*hub.rows()[scriptedEndpoint(3).id()].errorRate, 0.066); // the last of its 67 answers
    }

    void removedEndpointIsRemoved() {
        const auto clock = ConsoleClock::simulated(kStart);
        QHash<QString, std::vector<ScriptedSource::Step>> scripts;
        for (int i = 0; i < 2; ++i)
            scripts.insert(scriptedEndpoint(i).id(),
                           {{0ms, documentSample(0.01, "closed")}, {1000ms, documentSample(0.02, "closed")}});
        FleetHub::Options options;
        options.clock = clock;
        options.sourceFactory = scriptedFactory(scripts);
        FleetHub hub(options);
        hub.addEndpoint(scriptedEndpoint(0));
        hub.addEndpoint(scriptedEndpoint(1));
        clock->simulatedScheduler()->advance(100ms);
        QCOMPARE(hub.counts().ok, 2);
        QSignalSpy removed(&hub, &FleetHub::rowsRemoved);
        const QString id = scriptedEndpoint(0).id();
        hub.removeEndpoint(id);
        QCOMPARE(hub.endpoints().size(), 1);
        QCOMPARE(removed.size(), 0); // with the next batch
        clock->simulatedScheduler()->advance(100ms);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).toStringList(), QStringList{id});
        QVERIFY(!hub.rows().contains(id));
        QCOMPARE(hub.counts().total, 1);
        QVERIFY(hub.store().keys(id).empty());
        QVERIFY(!hub.store().keys(scriptedEndpoint(1).id()).empty());
        // Its source is gone: its second answer never comes; the other's does.
        clock->simulatedScheduler()->advance(1000ms);
        QCOMPARE(hub.ingestStats().received, std::uint64_t(3));
        QVERIFY(!hub.rows().contains(id));
    }

    void removalMayKeepHistory() {
        const auto clock = ConsoleClock::simulated(kStart);
        QHash<QString, std::vector<ScriptedSource::Step>> scripts;
        scripts.insert(scriptedEndpoint(1).id(), {{0ms, documentSample(0.01, "closed")}});
        FleetHub::Options options;
        options.clock = clock;
        options.sourceFactory = scriptedFactory(scripts);
        FleetHub hub(options);
        hub.addEndpoint(scriptedEndpoint(1));
        clock->simulatedScheduler()->advance(100ms);
        QVERIFY(!hub.store().keys(scriptedEndpoint(1).id()).empty());
        // A removal that may be undone keeps the history until told to drop it; a watched one's stays.
        const QString other = scriptedEndpoint(1).id();
        hub.removeEndpoint(other, true);
        clock->simulatedScheduler()->advance(100ms);
        QVERIFY(!hub.rows().contains(other));
        QVERIFY(!hub.store().keys(other).empty());
        hub.addEndpoint(scriptedEndpoint(1));
        hub.dropHistory(other);
        QVERIFY(!hub.store().keys(other).empty());
        hub.removeEndpoint(other, true);
        hub.dropHistory(other);
        QVERIFY(hub.store().keys(other).empty());
        hub.addEndpoint(scriptedEndpoint(1));
    }

    // A hub fed by a source that is no socket, on virtual time: rows, series points, alerts, an inferred
    // transition and staleness all move as the clock is advanced, and only then; a sink sees it all.
    void nonSocketSourceMovesOnVirtualTime() {
        const auto clock = ConsoleClock::simulated(kStart);
        const ServiceEndpoint endpoint = scriptedEndpoint(0);
        const QString id = endpoint.id();
        SourceSample stale;
        stale.status = SourceStatus::Stale;
        stale.reason = QStringLiteral("no data for 3 intervals");
        QHash<QString, std::vector<ScriptedSource::Step>> scripts;
        scripts.insert(id, {{0ms, documentSample(0.01, "closed")},
                            {1000ms, documentSample(0.40, "open", {errorRateAlert(0.40)})},
                            {2000ms, documentSample(0.30, "open", {errorRateAlert(0.30)})},
                            {5000ms, stale}});
        auto sink = std::make_shared<RecordingSink>();
        FleetHub::Options options;
        options.clock = clock;
        options.sourceFactory = scriptedFactory(scripts);
        options.sinks = {sink};
        FleetHub hub(options);
        QSignalSpy events(&hub, &FleetHub::eventsArrived);
        SimulatedScheduler& time = *clock->simulatedScheduler();
        hub.addEndpoint(endpoint);
        QVERIFY(hub.rows().isEmpty()); // nothing before the clock moves

        time.advance(100ms); // the first answer, in the first batch
        QVERIFY(hub.rows().contains(id));
        InstanceRow row = hub.rows()[id];
        QVERIFY(row.hasDocument);
        QCOMPARE(row.service, QStringLiteral("orders"));
        QCOMPARE(*row.errorRate, 0.01);
        QCOMPARE(row.lastSeen, kStart);
        QVERIFY(row.alerts.empty());
        QVERIFY(policyOf(hub, id, QStringLiteral("default"))->breakerState == BreakerState::Closed);

        time.advance(899ms); // just before the second answer
        QCOMPARE(*hub.rows()[id].errorRate, 0.01);
        time.advance(101ms); // the second answer and its batch
        row = hub.rows()[id];
        QCOMPARE(*row.errorRate, 0.40);
        QCOMPARE(row.lastSeen, kStart.addMSecs(1000));
        QCOMPARE(int(row.level), int(HealthLevel::Critical));
        QCOMPARE(row.alerts.size(), std::size_t(1));
        QCOMPARE(row.alerts[0].value, 0.40);
        QVERIFY(policyOf(hub, id, QStringLiteral("default"))->breakerState == BreakerState::Open);
        QCOMPARE(events.size(), 1);
        const auto transitions = events.at(0).at(0).value<QVector<FleetEvent>>();
        QCOMPARE(transitions.size(), 1);
        QCOMPARE(toString(transitions[0].type), QStringLiteral("transition"));
        QVERIFY(transitions[0].inferred);
        QCOMPARE(breakerStateName(transitions[0].from), QStringLiteral("closed"));
        QCOMPARE(breakerStateName(transitions[0].to), QStringLiteral("open"));
        QCOMPARE(transitions[0].time, kStart.addMSecs(1000)); // the document has no time: when it came

        time.advance(1000ms);
        QCOMPARE(hub.rows()[id].alerts[0].value, 0.30);
        QCOMPARE(events.size(), 1); // still open: no second transition
        // The charts' series: one point per answer, at the virtual wall time it came.
        std::vector<SeriesPoint> points;
        const std::int64_t startMs = kStart.toMSecsSinceEpoch();
        QCOMPARE(
            hub.store().read(SeriesKey{id, QString(), Metric::ErrorRate}, startMs, startMs + 3000, points),
            1000);
        QCOMPARE(points.size(), std::size_t(3));
        QCOMPARE(points[0].timeMs, startMs);
        QCOMPARE(points[1].timeMs, startMs + 1000);
        QCOMPARE(points[2].value, 0.30f);
        hub.store().read(SeriesKey{id, QStringLiteral("default"), Metric::BreakerState}, startMs,
                         startMs + 3000, points);
        QCOMPARE(points.size(), std::size_t(3));
        QCOMPARE(points.back().max, float(breakerStateCode(BreakerState::Open)));

        QVERIFY(!hub.rows()[id].stale);
        QCOMPARE(hub.counts().stale, 0);
        time.advance(3000ms); // the stale report at 5 s
        QVERIFY(hub.rows()[id].stale);
        QCOMPARE(hub.rows()[id].lastSeen, kStart.addMSecs(2000)); // the figures stay, greyed
        QCOMPARE(hub.counts().stale, 1);

        QCOMPARE(sink->samples.size(), std::size_t(4));
        QCOMPARE(sink->samples[1].receivedAt, kStart.addMSecs(1000));
        QCOMPARE(sink->events.size(), std::size_t(1));
        QCOMPARE(breakerStateName(sink->events[0].to), QStringLiteral("open"));
        QCOMPARE(hub.ingestStats().received, std::uint64_t(4));
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
                                     policyOf(hub, id, QStringLiteral("default"))->breakerState ==
                                         BreakerState::Closed,
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
        QTRY_VERIFY_WITH_TIMEOUT(
            policyOf(hub, id, QStringLiteral("default"))->breakerState == BreakerState::Open, 3000);
        qInfo("open on the row after %lld ms", clock.elapsed());
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 5000);
        // Three more documents (polls or frames) after it: the transition must still be reported once.
        const std::uint64_t seen = hub.ingestStats().received;
        QTRY_VERIFY_WITH_TIMEOUT(hub.ingestStats().received >= seen + 3, 5000);
        int opened = 0;
        for (const auto& args : events) {
            for (const FleetEvent& e : args.at(0).value<QVector<FleetEvent>>()) {
                if (e.type == FleetEventType::Transition && e.policy == "default" &&
                    e.to == BreakerState::Open) {
                    ++opened;
                    QCOMPARE(breakerStateName(e.from), QStringLiteral("closed"));
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
        QCOMPARE(points.back().max, float(breakerStateCode(BreakerState::Open)));
    }

    // A service built the guide's way keeps no record: its transitions are inferred from polls, once
    // each, and marked as such. Real HTTP, on the hub's virtual time: each poll is one step of the clock
    // (then the answer is awaited), so "a few polls" is a count, not a sleep.
    void guideShapedServiceGetsInferredTransitions_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("jimini_v1: finds it keeps no record") << int(ServiceEndpoint::Kind::JiminiV1);
        QTest::newRow("guide: known to keep none") << int(ServiceEndpoint::Kind::Guide);
    }
    void guideShapedServiceGetsInferredTransitions() {
        QFETCH(int, kind);
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
        const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
        FleetHub::Options options;
        options.clock = clock;
        FleetHub hub(options);
        QSignalSpy batches(&hub, &FleetHub::eventsArrived);
        ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(server.serverPort()));
        endpoint.interval = 100ms;
        endpoint.kind = ServiceEndpoint::Kind(kind);
        hub.addEndpoint(endpoint);
        // One interval of virtual time: the batch of the last answer goes out and the next poll is sent;
        // then its answer, over real sockets, within a deadline.
        const auto poll = [&] {
            const auto before = hub.ingestStats().received;
            clock->simulatedScheduler()->advance(100ms);
            QTRY_VERIFY_WITH_TIMEOUT(hub.ingestStats().received > before, 10000);
        };
        auto transitions = [&] {
            QList<FleetEvent> found;
            for (const auto& args : batches)
                for (const FleetEvent& e : args.at(0).value<QVector<FleetEvent>>())
                    if (e.type == FleetEventType::Transition)
                        found.append(e);
            return found;
        };
        clock->simulatedScheduler()->advance(0ms); // the first poll
        QTRY_VERIFY_WITH_TIMEOUT(hub.ingestStats().received == 1, 10000);
        for (int i = 0; i < 3; ++i)
            poll(); // polls of the closed breaker: the base of the inference
        QVERIFY(policyOf(hub, endpoint.id(), QStringLiteral("default")));
        QVERIFY(transitions().isEmpty());
        isOpen = true;
        poll();
        for (int i = 0; i < 3; ++i)
            poll();                                  // more polls of the open one: still one transition
        clock->simulatedScheduler()->advance(100ms); // the last answer's batch
        QCOMPARE(transitions().size(), 1);
        const FleetEvent e = transitions().front();
        QVERIFY(e.inferred);
        QCOMPARE(breakerStateName(e.from), QStringLiteral("closed"));
        QCOMPARE(breakerStateName(e.to), QStringLiteral("open"));
        QVERIFY(e.reason.isEmpty());
        QCOMPARE(e.service, QStringLiteral("orders"));
    }

    // A service on resilience4j writes its breaker's state its way: the row and the stored series carry
    // the state it means, so a forced-open breaker is an isolated lamp and a point in the band.
    void otherLibrariesSpellingsAreRowsAndSeries_data() {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("state");
        QTest::newRow("FORCED_OPEN") << "FORCED_OPEN"
                                     << "isolated";
        QTest::newRow("forced_open") << "forced_open"
                                     << "isolated";
        QTest::newRow("METRICS_ONLY") << "METRICS_ONLY"
                                      << "disabled";
        QTest::newRow("HALF_OPEN") << "HALF_OPEN"
                                   << "half_open";
    }
    void otherLibrariesSpellingsAreRowsAndSeries() {
        QFETCH(QString, status);
        QFETCH(QString, state);
        QByteArray body = guideDocument();
        QVERIFY(body.contains(R"("status": "closed")"));
        body.replace(R"("status": "closed")", "\"status\": \"" + status.toUtf8() + "\"");
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        serveJson(server, [body] { return body; });
        FleetHub hub;
        ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(server.serverPort()));
        endpoint.interval = 100ms;
        hub.addEndpoint(endpoint);
        const QString id = endpoint.id();
        QTRY_VERIFY_WITH_TIMEOUT(policyOf(hub, id, QStringLiteral("default")), 10000);
        const std::optional<BreakerState> row = policyOf(hub, id, QStringLiteral("default"))->breakerState;
        QVERIFY(row);
        QCOMPARE(breakerStateName(*row), state);
        std::vector<SeriesPoint> points;
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        hub.store().read(SeriesKey{id, QStringLiteral("default"), Metric::BreakerState}, now - 60000,
                         now + 60000, points);
        QVERIFY(!points.empty());
        QCOMPARE(nameOfCode(points.back().max), state);
    }
};

QTEST_GUILESS_MAIN(tst_FleetHub)
#include "tst_fleethub.moc"
