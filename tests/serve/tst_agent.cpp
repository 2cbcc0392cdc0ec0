// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/agent.h"
#include "serve/eventlog.h"
#include "sim/trafficgenerator.h"

#include "httptestclient.h"
#include "support/spawnedprocess.h"
#include "support/testcertificate.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct SseEvent {
    qint64 id = -1;
    QByteArray type;
    QByteArray data;
};

// Parses the complete events in buffer (comments skipped) and removes them from it.
std::vector<SseEvent> takeEvents(QByteArray& buffer) {
    std::vector<SseEvent> events;
    qsizetype end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
        const QByteArray block = buffer.left(end);
        buffer.remove(0, end + 2);
        SseEvent e;
        for (const QByteArray& line : block.split('\n')) {
            if (line.startsWith("id: "))
                e.id = line.mid(4).toLongLong();
            else if (line.startsWith("event: "))
                e.type = line.mid(7);
            else if (line.startsWith("data: "))
                e.data = line.mid(6);
        }
        if (!e.type.isEmpty())
            events.push_back(e);
    }
    return events;
}

// A stream being read: every complete event lands in events.
struct StreamReader {
    QNetworkReply* reply = nullptr;
    QByteArray buffer;
    std::vector<SseEvent> events;

    StreamReader(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& lastEventId = {}) {
        QNetworkRequest request(url);
        if (!lastEventId.isEmpty())
            request.setRawHeader("Last-Event-ID", lastEventId);
        reply = nam.get(request);
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [this] {
            buffer += reply->readAll();
            for (SseEvent& e : takeEvents(buffer))
                events.push_back(std::move(e));
        });
    }
    ~StreamReader() {
        if (reply) {
            reply->abort();
            reply->deleteLater();
        }
    }
    qint64 lastId() const {
        qint64 id = -1;
        for (const SseEvent& e : events)
            id = std::max(id, e.id);
        return id;
    }
    bool has(const QByteArray& type) const {
        return std::any_of(events.begin(), events.end(), [&](const SseEvent& e) { return e.type == type; });
    }
};

ResilienceConfig testConfig(int threshold = 3) {
    return *ConfigCodec::parse(testConfigJson(threshold)).config;
}

AgentOptions simulated(double rate) {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = rate;
    o.seed = 11;
    return o;
}

QString agentBinary() {
    const QString path =
        QCoreApplication::applicationDirPath() + QStringLiteral("/../app/agent/jimini-agent");
    return QFile::exists(path) ? path : QString();
}
} // namespace

class tst_Agent : public QObject {
    Q_OBJECT
private:
    QNetworkAccessManager m_nam;
    QTemporaryDir m_tlsDir;
    QString m_tlsSkip;

    static QUrl url(const Agent& agent, const QString& path) {
        QUrl u = agent.baseUrl();
        u.setPath(path);
        return u;
    }
    QJsonObject policy(const Agent& agent, const QString& name) {
        const QJsonArray policies =
            http(m_nam, "GET", url(agent, "/resilience/v1/health")).json().value("policies").toArray();
        for (const QJsonValue& p : policies)
            if (p.toObject().value("name").toString() == name)
                return p.toObject();
        return {};
    }

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        m_tlsSkip = test::makeTestCertificate(QDir(m_tlsDir.path()));
    }

    void injectedFaultsOpenTheBreakerInHealthAndMetrics() {
        Agent agent(simulated(20), testConfig());
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        agent.simulatedScheduler()->advance(2s);
        QCOMPARE(policy(agent, "default").value("circuit_breaker").toObject().value("state").toString(),
                 QStringLiteral("closed"));

        QCOMPARE(
            http(
                m_nam, "POST", url(agent, "/resilience/v1/faults"),
                R"({"policy": "default", "error_rate": 1.0, "retry_after_seconds": 0.1, "duration_seconds": 30})")
                .status,
            201);
        agent.simulatedScheduler()->advance(2s);

        const QJsonObject breaker = policy(agent, "default").value("circuit_breaker").toObject();
        QCOMPARE(breaker.value("state").toString(), QStringLiteral("open"));
        QCOMPARE(breaker.value("opens").toInt(), 1);
        QVERIFY(breaker.value("next_attempt_time").isString());
        QCOMPARE(policy(agent, "payments").value("circuit_breaker").toObject().value("state").toString(),
                 QStringLiteral("closed")); // the fault was for "default" only
        const QJsonObject health = http(m_nam, "GET", url(agent, "/resilience/v1/health")).json();
        QCOMPARE(health.value("metrics").toObject().value("circuit_breaker_opens").toInt(), 1);
        QVERIFY(health.value("metrics").toObject().value("failed_operations").toInt() > 0);

        const QByteArray metrics = http(m_nam, "GET", url(agent, "/metrics")).body;
        QVERIFY(metrics.contains("jimini_circuit_breaker_state{policy=\"default\",state=\"open\"} 1\n"));
        QVERIFY(metrics.contains("jimini_circuit_breaker_state{policy=\"default\",state=\"closed\"} 0\n"));
        QVERIFY(metrics.contains("jimini_circuit_breaker_state{policy=\"payments\",state=\"closed\"} 1\n"));
        QVERIFY(metrics.contains("jimini_circuit_breaker_opens_total{policy=\"default\"} 1\n"));
        QVERIFY(!metrics.contains("jimini_calls_total{policy=\"default\",outcome=\"breaker_open\"} 0\n"));

        const QJsonArray events =
            http(m_nam, "GET", url(agent, "/resilience/v1/events")).json().value("events").toArray();
        QJsonObject opened;
        for (const QJsonValue& e : events)
            if (e.toObject().value("to") == QLatin1String("open"))
                opened = e.toObject();
        QCOMPARE(opened.value("from").toString(), QStringLiteral("closed"));
        QCOMPARE(opened.value("reason").toString(), QStringLiteral("failure_threshold"));
        QCOMPARE(opened.value("policy").toString(), QStringLiteral("default"));
    }

    // A (re)started agent at a constant 33 calls/s in each of its two policies reads 66 calls/s from
    // its first second on, over real HTTP on simulated time; dividing by the whole 60 s window read 1.1,
    // 2.2, 3.3 ... for a minute. covered_seconds says what the figures span.
    void requestRateFromTheFirstSecond_data() {
        QTest::addColumn<int>("ms");
        QTest::addColumn<double>("covered");
        for (int s = 1; s <= 10; ++s)
            QTest::addRow("%d s", s) << s * 1000 << double(s);
        QTest::newRow("60 s: second 0 has left the window") << 60000 << 59.0;
        QTest::newRow("90.5 s") << 90500 << 59.5;
    }
    void requestRateFromTheFirstSecond() {
        QFETCH(int, ms);
        QFETCH(double, covered);
        Agent agent(simulated(33), testConfig());
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        agent.simulatedScheduler()->advance(std::chrono::milliseconds(ms));
        const QJsonObject metrics =
            http(m_nam, "GET", url(agent, "/resilience/v1/health")).json().value("metrics").toObject();
        const double rate = metrics.value("requests_per_second").toDouble();
        qInfo("after %5.1f s: requests_per_second %.2f over covered_seconds %.3f (%lld calls)", ms / 1000.0,
              rate, metrics.value("covered_seconds").toDouble(),
              qint64(metrics.value("total_operations").toDouble()));
        QCOMPARE(metrics.value("covered_seconds").toDouble(), covered);
        // Calls still in flight (40 ms on average) or waiting to retry are not counted yet: up to a dozen
        // lag behind, whatever the span. Dividing by the whole window instead would read 1.1 after 1 s.
        constexpr double kLagging = 12;
        QVERIFY2(rate <= 66.0 + 2 / covered && rate >= 66.0 - kLagging / covered,
                 qPrintable(QString::number(rate)));
    }

    // The issue's instance over real HTTP: a policy whose own limiter sheds most of its calls. The guide's
    // failed_operations and error rate stay; metrics.failures says most of it is rate limited, and its
    // parts add up to failed_operations at every moment.
    void failureBreakdownAddsUp_data() {
        QTest::addColumn<int>("seconds");
        QTest::newRow("1 s") << 1;
        QTest::newRow("10 s") << 10;
        QTest::newRow("75 s: the window has moved") << 75;
    }
    void failureBreakdownAddsUp() {
        QFETCH(int, seconds);
        const QByteArray shedding = R"({"environment": "test", "policies": {
  "default": {"retry": null, "circuit_breaker": null, "timeout": 1, "bulkhead": null,
              "rate_limit": {"requests_per_second": 5, "burst_limit": 5}}}})";
        Agent agent(simulated(40), *ConfigCodec::parse(shedding).config);
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        agent.simulatedScheduler()->advance(std::chrono::seconds(seconds));
        const QJsonObject metrics =
            http(m_nam, "GET", url(agent, "/resilience/v1/health")).json().value("metrics").toObject();
        const QJsonObject failures = metrics.value("failures").toObject();
        QCOMPARE(failures.keys(), (QStringList{"breaker_open", "bulkhead_full", "cancelled", "downstream",
                                               "rate_limited", "timeout"}));
        qint64 sum = 0;
        for (const QJsonValue& part : failures)
            sum += part.toInteger();
        QCOMPARE(sum, metrics.value("failed_operations").toInteger());
        QCOMPARE(failures.value("rate_limited").toInteger(), metrics.value("rate_limit_hits").toInteger());
        QCOMPARE(failures.value("timeout").toInteger(), metrics.value("timeouts").toInteger());
        // 40 calls/s through a 5/s limiter: most failures are the limiter's, not the dependency's.
        QVERIFY(failures.value("rate_limited").toInteger() > 5 * failures.value("downstream").toInteger());
        QVERIFY(metrics.value("current_error_rate").toDouble() > 0.5);
    }

    void isolateWithTtlReturnsToAutomaticOnTime() {
        Agent agent(simulated(0), testConfig());
        QVERIFY(agent.start(nullptr));
        const HttpReply r = http(m_nam, "POST", url(agent, "/resilience/v1/breakers/payments/state"),
                                 R"({"state": "isolated", "reason": "drill", "ttl_seconds": 2})");
        QCOMPARE(r.status, 200);
        agent.simulatedScheduler()->advance(1999ms);
        QCOMPARE(policy(agent, "payments").value("circuit_breaker").toObject().value("state").toString(),
                 QStringLiteral("isolated"));
        agent.simulatedScheduler()->advance(1ms);
        QCOMPARE(policy(agent, "payments").value("circuit_breaker").toObject().value("state").toString(),
                 QStringLiteral("closed"));
        const EventSlice slice = agent.events().after(0);
        QCOMPARE(slice.events.back().reason, QStringLiteral("ttl_expired"));
        QCOMPARE(slice.events.back().to, QStringLiteral("closed"));
        QCOMPARE(slice.events.back().time.msecsTo(slice.events.front().time), -2000);
    }

    // A fault with a lease ends on the agent's clock when nobody renews it (a crashed console), however
    // long its duration; PUT renews it, DELETE /faults/{id} clears that one alone.
    void leasedFaultEndsOnTheAgentsClockUnlessRenewed() {
        Agent agent(simulated(0), testConfig());
        QVERIFY(agent.start(nullptr));
        const QUrl faults = url(agent, "/resilience/v1/faults");
        const HttpReply leased =
            http(m_nam, "POST", faults,
                 R"({"policy": "default", "error_rate": 1, "duration_seconds": 600, "ttl_seconds": 5})");
        QCOMPARE(leased.status, 201);
        const int id = leased.json().value("id").toInt();
        QCOMPARE(leased.header("Location"), QByteArray("/resilience/v1/faults/") + QByteArray::number(id));
        const int kept =
            http(m_nam, "POST", faults, R"({"duration_seconds": 600})").json().value("id").toInt();
        const auto listed = [&] {
            QList<int> ids;
            for (const QJsonValue& f : http(m_nam, "GET", faults).json().value("faults").toArray())
                ids.append(f.toObject().value("id").toInt());
            return ids;
        };
        const QUrl one = url(agent, QStringLiteral("/resilience/v1/faults/%1").arg(id));
        agent.simulatedScheduler()->advance(4s);
        const HttpReply renewed = http(m_nam, "PUT", one, R"({"ttl_seconds": 5})");
        QCOMPARE(renewed.status, 200);
        QCOMPARE(renewed.json().value("error_rate").toDouble(), 1.0);
        agent.simulatedScheduler()->advance(4s); // 8 s: alive only by the renewal
        QCOMPARE(listed(), (QList<int>{id, kept}));
        agent.simulatedScheduler()->advance(1500ms); // 9.5 s: the lease ran out
        QCOMPARE(listed(), QList<int>{kept});
        const EventSlice slice = agent.events().after(0);
        QCOMPARE(slice.events.back().faultId, id);
        QCOMPARE(slice.events.back().note, QStringLiteral("ttl_expired"));
        QCOMPARE(http(m_nam, "PUT", one, R"({"ttl_seconds": 5})").status, 404);
        QCOMPARE(http(m_nam, "PUT", url(agent, QStringLiteral("/resilience/v1/faults/%1").arg(kept)),
                      R"({"ttl_seconds": 0})")
                     .json()
                     .value("errors")
                     .toArray()
                     .at(0)["path"]
                     .toString(),
                 QStringLiteral("ttl_seconds"));
        QCOMPARE(
            http(m_nam, "DELETE", url(agent, QStringLiteral("/resilience/v1/faults/%1").arg(kept))).status,
            204);
        QVERIFY(listed().isEmpty());
        QCOMPARE(http(m_nam, "DELETE", one).status, 404);
    }

    void streamResumesWithoutLosingTransitions() {
        Agent agent(simulated(0), testConfig());
        QVERIFY(agent.start(nullptr));
        const QUrl stream = url(agent, "/resilience/v1/stream");
        const QUrl control = url(agent, "/resilience/v1/breakers/default/state");
        auto reader = std::make_unique<StreamReader>(m_nam, stream);
        QTRY_VERIFY_WITH_TIMEOUT(reader->has("health"), 10000);

        QCOMPARE(http(m_nam, "POST", control, R"({"state": "isolated", "reason": "drill"})").status,
                 200); // 1, 2
        QCOMPARE(http(m_nam, "POST", control, R"({"state": "auto", "reason": "drill over"})").status,
                 200); // 3, 4
        QTRY_COMPARE_WITH_TIMEOUT(reader->lastId(), qint64(4), 10000);
        std::vector<SseEvent> seen = reader->events;
        reader.reset(); // the connection drops

        QCOMPARE(http(m_nam, "POST", control, R"({"state": "disabled", "reason": "b"})").status, 200); // 5, 6
        QCOMPARE(http(m_nam, "POST", control, R"({"state": "auto", "reason": "c"})").status, 200);     // 7, 8

        StreamReader resumed(m_nam, stream, "4");
        QTRY_VERIFY_WITH_TIMEOUT(resumed.lastId() >= 8 && resumed.has("health"), 10000);
        QVERIFY(!resumed.has("gap"));
        QCOMPARE(resumed.events.front().id, qint64(5)); // replay comes first
        seen.insert(seen.end(), resumed.events.begin(), resumed.events.end());
        std::vector<qint64> ids;
        for (const SseEvent& e : seen)
            if (e.type != "health")
                ids.push_back(e.id);
        QCOMPARE(ids, (std::vector<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
        // The control event comes first, then the transition it caused, with the operator as actor.
        QCOMPARE(seen[1].type, QByteArray("control"));
        QCOMPARE(seen[2].type, QByteArray("transition"));
        const QJsonObject transition = QJsonDocument::fromJson(seen[2].data).object();
        QCOMPARE(transition.value("to").toString(), QStringLiteral("isolated"));
        QCOMPARE(transition.value("reason").toString(), QStringLiteral("manual_isolate"));
        QCOMPARE(transition.value("actor").toString(), QStringLiteral("anonymous"));
        QCOMPARE(transition.value("note").toString(), QStringLiteral("drill"));
    }

    void streamReportsAGapWhenHistoryIsGone() {
        Agent agent(simulated(0), testConfig());
        QVERIFY(agent.start(nullptr));
        for (int i = 0; i < 1100; ++i) {
            AgentEvent e;
            e.type = AgentEventType::Fault;
            e.action = QStringLiteral("clear");
            agent.events().append(e);
        }
        StreamReader reader(m_nam, url(agent, "/resilience/v1/stream"), "3");
        QTRY_VERIFY_WITH_TIMEOUT(reader.has("health"), 10000);
        QCOMPARE(reader.events.front().type, QByteArray("gap"));
        QCOMPARE(reader.events.front().id, qint64(1100 - 1024));
        QCOMPARE(QJsonDocument::fromJson(reader.events.front().data).object(),
                 (QJsonObject{{"from", 3}, {"to", 1100 - 1024 + 1}}));
        QCOMPARE(reader.events[1].id, qint64(1100 - 1024 + 1));
    }

    void streamFromAnEarlierLifeStartsOver() {
        Agent agent(simulated(0), testConfig());
        QVERIFY(agent.start(nullptr));
        QCOMPARE(http(m_nam, "DELETE", url(agent, "/resilience/v1/faults")).status, 204); // no event
        QCOMPARE(
            http(m_nam, "POST", url(agent, "/resilience/v1/faults"), R"({"duration_seconds": 9})").status,
            201);
        StreamReader reader(m_nam, url(agent, "/resilience/v1/stream"), "500");
        QTRY_VERIFY_WITH_TIMEOUT(reader.has("health"), 10000);
        QCOMPARE(reader.events[0].type, QByteArray("gap"));
        QCOMPARE(QJsonDocument::fromJson(reader.events[0].data).object(),
                 (QJsonObject{{"from", 0}, {"to", 1}}));
        QCOMPARE(reader.events[1].id, qint64(1));
        QCOMPARE(reader.events[1].type, QByteArray("fault"));
    }

    void hangsEndWithTheirFault() {
        Agent agent(simulated(20), testConfig());
        QVERIFY(agent.start(nullptr));
        QCOMPARE(http(m_nam, "POST", url(agent, "/resilience/v1/faults"),
                      R"({"policy": "payments", "hang_rate": 1.0, "duration_seconds": 60})")
                     .status,
                 201);
        agent.simulatedScheduler()->advance(1s); // payments times out after 2 s: nothing has finished yet
        QCOMPARE(policy(agent, "payments").value("statistics").toObject().value("failed_operations").toInt(),
                 0);
        QVERIFY(agent.traffic()->inFlight() >= 19);
        QCOMPARE(http(m_nam, "DELETE", url(agent, "/resilience/v1/faults")).status, 204);
        const QJsonObject stats = policy(agent, "payments").value("statistics").toObject();
        QVERIFY(stats.value("failed_operations").toInt() >= 19); // failed as resets, at once
        QCOMPARE(stats.value("timeouts").toInt(), 0);
    }

    void concurrentConfigPutsExactlyOneWins() {
        Agent agent(simulated(0), testConfig());
        QVERIFY(agent.start(nullptr));
        const QUrl config = url(agent, "/resilience/v1/config");
        const QByteArray etag = http(m_nam, "GET", config).header("ETag");
        QNetworkReply* a = sendHttp(m_nam, "PUT", config, testConfigJson(4), {{"If-Match", etag}});
        QNetworkReply* b = sendHttp(m_nam, "PUT", config, testConfigJson(5), {{"If-Match", etag}});
        const int sa = collectHttp(a).status;
        const int sb = collectHttp(b).status;
        QCOMPARE(std::min(sa, sb), 200);
        QCOMPARE(std::max(sa, sb), 412);
        const QByteArray now = http(m_nam, "GET", config).header("ETag");
        QVERIFY(now != etag);
    }

    void invalidConfigKeepsTheOldOneInForce() {
        Agent agent(simulated(0), testConfig());
        QVERIFY(agent.start(nullptr));
        const QUrl config = url(agent, "/resilience/v1/config");
        const HttpReply before = http(m_nam, "GET", config);
        const HttpReply bad = http(m_nam, "PUT", config, R"({"environment": "x", "policies": {}})",
                                   {{"If-Match", before.header("ETag")}});
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.json().value("errors").toArray()[0].toObject().value("path").toString(),
                 QStringLiteral("policies"));
        const HttpReply after = http(m_nam, "GET", config);
        QCOMPARE(after.body, before.body);
        QCOMPARE(after.header("ETag"), before.header("ETag"));
        QCOMPARE(policy(agent, "payments").value("name").toString(), QStringLiteral("payments"));
    }

    void refusesNonLoopbackWithoutToken() {
        AgentOptions o = simulated(0);
        o.host = QStringLiteral("0.0.0.0");
        Agent agent(o, testConfig());
        QString error;
        QVERIFY(!agent.start(&error));
        QVERIFY2(error.contains("non-loopback") && error.contains("token"), qPrintable(error));
        QCOMPARE(agent.port(), quint16(0));
    }

    void realTimeTrafficThroughARealUpstream() {
        // Agent B's traffic goes to agent A's health endpoint: real GETs, real QtScheduler.
        AgentOptions ao;
        ao.callsPerSecond = 0;
        Agent a(ao, testConfig());
        QVERIFY(a.start(nullptr));
        AgentOptions bo;
        bo.callsPerSecond = 50;
        bo.upstream = url(a, "/resilience/v1/health");
        Agent b(bo, testConfig());
        QVERIFY(b.start(nullptr));
        QTRY_VERIFY_WITH_TIMEOUT(
            policy(b, "payments").value("statistics").toObject().value("successful_operations").toInt() >= 5,
            15000);
        // And a 404 upstream is a business error, not retried.
        AgentOptions co;
        co.callsPerSecond = 50;
        co.upstream = url(a, "/missing");
        Agent c(co, testConfig());
        QVERIFY(c.start(nullptr));
        QTRY_VERIFY_WITH_TIMEOUT(
            policy(c, "default").value("statistics").toObject().value("failed_operations").toInt() >= 5,
            15000);
        QCOMPARE(policy(c, "default").value("statistics").toObject().value("retries").toInt(), 0);
        QCOMPARE(policy(c, "default").value("circuit_breaker").toObject().value("state").toString(),
                 QStringLiteral("closed"));
    }

    void binaryPrintsItsAddressServesAndExitsOnSigterm() {
        const QString binary = agentBinary();
        if (binary.isEmpty())
            QSKIP("jimini-agent is not built next to the tests (build the jimini-agent target)");
        test::SpawnedProcess process;
        QString error;
        QVERIFY2(process.start(binary, {"--listen", "127.0.0.1:0", "--rate", "5", "--seed", "3"}, &error),
                 qPrintable(error));
        QVERIFY2(process.waitForLine(30000), process.readAllStandardError().constData());
        const QString line = QString::fromUtf8(process.takeLine()).trimmed();
        const QRegularExpressionMatch m =
            QRegularExpression("^listening on http://127\\.0\\.0\\.1:(\\d+)$").match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        const QUrl health(QStringLiteral("http://127.0.0.1:%1/resilience/v1/health").arg(m.captured(1)));
        const HttpReply r = http(m_nam, "GET", health);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("environment").toString(), QStringLiteral("production"));
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QVERIFY2(process.exitedNormally(), qPrintable(QStringLiteral("signal %1").arg(process.termSignal())));
        QCOMPARE(process.exitCode(), 0);
    }

    void binaryRejectsAnInvalidConfigWithPaths_data() {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QByteArray>("error");
        QTest::newRow("out of range")
            << QByteArray(R"({"environment": "x", "policies": {"default": {"retry": {"max_attempts": 0}}}})")
            << QByteArray(
                   "bad.json: policies.default.retry.max_attempts: must be an integer between 1 and 100");
        QTest::newRow("duplicate key")
            << QByteArray(R"({"environment": "x", "policies": {"default": {}, "default": {"retry": {}}}})")
            << QByteArray("bad.json: policies.default: duplicate key at offset 49\n");
        QTest::newRow("lone surrogate")
            << QByteArray(R"({"environment": "\udbff", "policies": {"default": {}}})")
            << QByteArray("bad.json: environment: lone surrogate \\udbff at offset 17\n");
        QTest::newRow("over 1 MiB") << QByteArray(3 * 1024 * 1024, ' ')
                                    << QByteArray("bad.json: more than the limit of 1048576 bytes (1 MiB)\n");
    }
    void binaryRejectsAnInvalidConfigWithPaths() {
        QFETCH(QByteArray, config);
        QFETCH(QByteArray, error);
        const QString binary = agentBinary();
        if (binary.isEmpty())
            QSKIP("jimini-agent is not built next to the tests (build the jimini-agent target)");
        QTemporaryDir dir;
        QFile file(dir.filePath("bad.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(config);
        file.close();
        test::SpawnedProcess process;
        QString why;
        QVERIFY2(process.start(binary, {"--config", file.fileName()}, &why), qPrintable(why));
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardOutput().isEmpty());
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains(error), err.constData());
    }

    void servesTlsWithACertificateAndKey() {
        if (!m_tlsSkip.isEmpty())
            QSKIP(qPrintable(m_tlsSkip));
        const QString cert = m_tlsDir.filePath("cert.pem");
        const QString key = m_tlsDir.filePath("key.pem");
        AgentOptions o = simulated(0);
        o.tlsCertFile = cert;
        o.tlsKeyFile = key;
        Agent agent(o, testConfig());
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        QCOMPARE(agent.baseUrl().scheme(), QStringLiteral("https"));

        QNetworkRequest request(url(agent, "/resilience/v1/health"));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(cert));
        request.setSslConfiguration(ssl);
        const HttpReply r = collectHttp(m_nam.get(request));
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("schema").toString(), QStringLiteral("jimini.health/v1"));

        // Without trusting that CA the handshake fails (a fresh manager: no connection to reuse).
        QNetworkAccessManager fresh;
        const HttpReply untrusted = http(fresh, "GET", url(agent, "/resilience/v1/health"));
        QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);
    }
};

QTEST_GUILESS_MAIN(tst_Agent)
#include "tst_agent.moc"
