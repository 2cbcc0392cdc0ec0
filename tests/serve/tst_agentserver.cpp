// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/agent.h"
#include "serve/bearerauth.h"
#include "serve/policyregistry.h"

#include "httptestclient.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

// Every endpoint and error code of docs/protocol.md over real HTTP on loopback. The agent runs in
// virtual time with no generated traffic, so every figure is exact.
class tst_AgentServer : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Agent> m_agent;
    QNetworkAccessManager m_nam;
    const QByteArray m_token = "s3cret-token";

    QUrl url(const QString& path) const {
        QUrl u = m_agent->baseUrl();
        const int q = path.indexOf(QLatin1Char('?'));
        u.setPath(q < 0 ? path : path.left(q));
        if (q >= 0)
            u.setQuery(path.mid(q + 1));
        return u;
    }
    HttpHeaders auth() const { return {{"Authorization", "Bearer " + m_token}}; }
    static void verifyProblem(const HttpReply& r, int status, const QString& slug) {
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
        const QJsonObject o = r.json();
        QCOMPARE(o.value("status").toInt(), status);
        QCOMPARE(o.value("type").toString(), QStringLiteral("https://jimini.dev/problems/") + slug);
        QVERIFY(!o.value("title").toString().isEmpty());
        QVERIFY(o.contains("detail"));
        QVERIFY(o.value("instance").toString().startsWith(QLatin1Char('/')));
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void init() {
        AgentOptions o;
        o.service = QStringLiteral("payments");
        o.instance = QStringLiteral("payments-1");
        o.token = m_token;
        o.callsPerSecond = 0;
        o.simulatedTime = true;
        o.http.maxBodyBytes = 64 * 1024;
        m_agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
        QString error;
        QVERIFY2(m_agent->start(&error), qPrintable(error));
        QVERIFY(m_agent->port() != 0);
    }
    void cleanup() { m_agent.reset(); }

    void health() {
        const HttpReply r = http(m_nam, "GET", url("/resilience/v1/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject o = r.json();
        QCOMPARE(o.value("schema").toString(), QStringLiteral("jimini.health/v1"));
        QCOMPARE(o.value("service").toString(), QStringLiteral("payments"));
        QCOMPARE(o.value("instance").toString(), QStringLiteral("payments-1"));
        QCOMPARE(o.value("environment").toString(), QStringLiteral("test"));
        QCOMPARE(o.value("health_status").toString(), QStringLiteral("healthy"));
        QCOMPARE(o.value("config_version").toString().size(), 12);
        const QJsonArray policies = o.value("policies").toArray();
        QCOMPARE(policies.size(), 2);
        QCOMPARE(policies[0].toObject().value("name").toString(), QStringLiteral("default"));
        QCOMPARE(policies[0].toObject().value("circuit_breaker").toObject().value("state").toString(),
                 QStringLiteral("closed"));
        QVERIFY(policies[0].toObject().value("rate_limiter").isNull()); // stage off
    }

    void unknownPathAndMethod() {
        verifyProblem(http(m_nam, "GET", url("/nothing/here")), 404, "not-found");
        const HttpReply r = http(m_nam, "DELETE", url("/resilience/v1/health"), {}, auth());
        verifyProblem(r, 405, "method-not-allowed");
        QCOMPARE(r.header("Allow"), QByteArray("GET"));
    }

    void breakerControl() {
        const QByteArray body =
            R"({"state": "isolated", "reason": "maintenance window", "ttl_seconds": 300})";
        const HttpReply r = http(m_nam, "POST", url("/resilience/v1/breakers/default/state"), body, auth());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("state").toString(), QStringLiteral("isolated"));
        QCOMPARE(r.json().value("manual").toBool(), true);
        QVERIFY(r.json().value("manual_until").isString());

        const HttpReply back = http(m_nam, "POST", url("/resilience/v1/breakers/default/state"),
                                    R"({"state": "auto", "reason": "done"})", auth());
        QCOMPARE(back.status, 200);
        QCOMPARE(back.json().value("state").toString(), QStringLiteral("closed"));

        const HttpReply events = http(m_nam, "GET", url("/resilience/v1/events?since=0"));
        QCOMPARE(events.status, 200);
        const QJsonArray list = events.json().value("events").toArray();
        QJsonObject control;
        for (const QJsonValue& e : list)
            if (e.toObject().value("type") == QLatin1String("control")) {
                control = e.toObject();
                break;
            }
        QCOMPARE(control.value("action").toString(), QStringLiteral("isolate"));
        QCOMPARE(control.value("actor").toString(), BearerAuth::actorOf(m_token));
        QCOMPARE(control.value("note").toString(), QStringLiteral("maintenance window"));
        QCOMPARE(control.value("ttl_seconds").toDouble(), 300.0);
        QCOMPARE(control.value("before").toString(), QStringLiteral("closed"));
        QCOMPARE(control.value("after").toString(), QStringLiteral("isolated"));
        QCOMPARE(events.json().value("next").toInteger(),
                 list.last().toObject().value("sequence").toInteger() + 1);
    }

    void breakerControlErrors_data() {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorPath");
        QTest::newRow("unknown policy")
            << "nope" << QByteArray(R"({"state": "isolated", "reason": "x"})") << 404 << "";
        QTest::newRow("bad state") << "default" << QByteArray(R"({"state": "open", "reason": "x"})") << 422
                                   << "state";
        QTest::newRow("no reason") << "default" << QByteArray(R"({"state": "isolated"})") << 422 << "reason";
        QTest::newRow("unknown key") << "default"
                                     << QByteArray(R"({"state": "isolated", "reason": "x", "ttl": 5})") << 422
                                     << "ttl";
        QTest::newRow("ttl with auto")
            << "default" << QByteArray(R"({"state": "auto", "reason": "x", "ttl_seconds": 5})") << 422
            << "ttl_seconds";
        QTest::newRow("ttl zero") << "default"
                                  << QByteArray(R"({"state": "disabled", "reason": "x", "ttl_seconds": 0})")
                                  << 422 << "ttl_seconds";
        QTest::newRow("not JSON") << "default" << QByteArray("nope") << 422 << "";
    }
    void breakerControlErrors() {
        QFETCH(QString, policy);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, errorPath);
        const HttpReply r = http(
            m_nam, "POST", url(QStringLiteral("/resilience/v1/breakers/%1/state").arg(policy)), body, auth());
        verifyProblem(r, status, status == 404 ? "unknown-policy" : "invalid-request");
        if (status == 422)
            QCOMPARE(r.json().value("errors").toArray()[0].toObject().value("path").toString(), errorPath);
    }

    void authentication_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("none") << QByteArray() << 401;
        QTest::newRow("other scheme") << QByteArray("Basic czNjcmV0") << 401;
        QTest::newRow("wrong token") << QByteArray("Bearer s3cret-tokem") << 403;
        QTest::newRow("prefix of the token") << QByteArray("Bearer s3cret") << 403;
        QTest::newRow("right token") << QByteArray("Bearer s3cret-token") << 201;
        QTest::newRow("scheme is case-insensitive") << QByteArray("bearer s3cret-token") << 201;
    }
    void authentication() {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        HttpHeaders headers;
        if (!authorization.isEmpty())
            headers.push_back({"Authorization", authorization});
        const HttpReply r = http(m_nam, "POST", url("/resilience/v1/faults"),
                                 R"({"error_rate": 1, "duration_seconds": 10})", headers);
        if (status == 201) {
            QCOMPARE(r.status, 201);
            return;
        }
        verifyProblem(r, status, status == 401 ? "unauthorized" : "forbidden");
        if (status == 401)
            QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));
        // Reads need no token.
        QCOMPARE(http(m_nam, "GET", url("/resilience/v1/faults")).status, 200);
    }

    void configEtagSemantics() {
        const HttpReply get = http(m_nam, "GET", url("/resilience/v1/config"));
        QCOMPARE(get.status, 200);
        const QByteArray etag = get.header("ETag");
        QCOMPARE(etag, '"' + m_agent->registry().version().toLatin1() + '"');
        QVERIFY(ConfigCodec::parse(get.body).ok());

        const QByteArray changed = testConfigJson(4);
        verifyProblem(http(m_nam, "PUT", url("/resilience/v1/config"), changed, auth()), 428,
                      "if-match-required");
        HttpHeaders stale = auth();
        stale.push_back({"If-Match", "\"000000000000\""});
        verifyProblem(http(m_nam, "PUT", url("/resilience/v1/config"), changed, stale), 412, "stale-config");

        HttpHeaders match = auth();
        match.push_back({"If-Match", etag});
        const QByteArray invalid =
            R"({"environment": "", "policies": {"default": {"retry": {"max_attempts": 0}}}})";
        const HttpReply bad = http(m_nam, "PUT", url("/resilience/v1/config"), invalid, match);
        verifyProblem(bad, 422, "invalid-config");
        QCOMPARE(bad.json().value("title").toString(), QStringLiteral("Invalid config"));
        const QJsonArray errors = bad.json().value("errors").toArray();
        QCOMPARE(errors.size(), 2);
        QStringList paths;
        for (const QJsonValue& e : errors)
            paths << e.toObject().value("path").toString();
        QVERIFY2(paths.contains("environment") && paths.contains("policies.default.retry.max_attempts"),
                 qPrintable(paths.join(',')));
        QCOMPARE(http(m_nam, "GET", url("/resilience/v1/config")).header("ETag"),
                 etag); // old config in force

        const HttpReply ok = http(m_nam, "PUT", url("/resilience/v1/config"), changed, match);
        QCOMPARE(ok.status, 200);
        QVERIFY(ok.header("ETag") != etag);
        QCOMPARE(ok.header("ETag"), '"' + m_agent->registry().version().toLatin1() + '"');
        QCOMPARE(http(m_nam, "GET", url("/resilience/v1/config")).header("ETag"), ok.header("ETag"));
        // The old version is now stale.
        verifyProblem(http(m_nam, "PUT", url("/resilience/v1/config"), changed, match), 412, "stale-config");
    }

    void faults() {
        const HttpReply posted =
            http(m_nam, "POST", url("/resilience/v1/faults"),
                 R"({"policy": "payments", "error_rate": 0.5, "status_mix": {"503": 0.7, "429": 0.3},
                                          "retry_after_seconds": 5, "duration_seconds": 120})",
                 auth());
        QCOMPARE(posted.status, 201);
        QCOMPARE(posted.json().value("id").toInt(), 1);
        QVERIFY(posted.json().value("expires_at").toString().endsWith(QLatin1Char('Z')));

        verifyProblem(http(m_nam, "POST", url("/resilience/v1/faults"),
                           R"({"policy": "nope", "duration_seconds": 1})", auth()),
                      404, "unknown-policy");
        verifyProblem(http(m_nam, "POST", url("/resilience/v1/faults"), R"({"error_rate": 1})", auth()), 422,
                      "invalid-request");

        const HttpReply list = http(m_nam, "GET", url("/resilience/v1/faults"));
        QCOMPARE(list.status, 200);
        const QJsonArray faults = list.json().value("faults").toArray();
        QCOMPARE(faults.size(), 1);
        QCOMPARE(faults[0].toObject().value("policy").toString(), QStringLiteral("payments"));
        QCOMPARE(faults[0].toObject().value("error_rate").toDouble(), 0.5);

        const HttpReply deleted = http(m_nam, "DELETE", url("/resilience/v1/faults"), {}, auth());
        QCOMPARE(deleted.status, 204);
        QVERIFY(deleted.body.isEmpty());
        QCOMPARE(http(m_nam, "GET", url("/resilience/v1/faults")).json().value("faults").toArray().size(), 0);
        const QJsonArray events =
            http(m_nam, "GET", url("/resilience/v1/events")).json().value("events").toArray();
        QCOMPARE(events.size(), 2); // injected, cleared
        QCOMPARE(events[1].toObject().value("action").toString(), QStringLiteral("cleared"));
        QCOMPARE(events[1].toObject().value("actor").toString(), BearerAuth::actorOf(m_token));
        QCOMPARE(events[1].toObject().value("policy").toString(), QStringLiteral("payments"));
    }

    void faultsExpireByThemselves() {
        QCOMPARE(http(m_nam, "POST", url("/resilience/v1/faults"),
                      R"({"error_rate": 1, "duration_seconds": 2})", auth())
                     .status,
                 201);
        m_agent->simulatedScheduler()->advance(1s);
        QCOMPARE(http(m_nam, "GET", url("/resilience/v1/faults")).json().value("faults").toArray().size(), 1);
        m_agent->simulatedScheduler()->advance(1s);
        QCOMPARE(http(m_nam, "GET", url("/resilience/v1/faults")).json().value("faults").toArray().size(), 0);
        const QJsonArray events =
            http(m_nam, "GET", url("/resilience/v1/events")).json().value("events").toArray();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].toObject().value("action").toString(), QStringLiteral("injected"));
        QCOMPARE(events[0].toObject().value("fault_id").toInt(), 1);
        QCOMPARE(events[0].toObject().value("fault").toObject().value("duration_seconds").toInt(), 2);
        QCOMPARE(events[1].toObject().value("action").toString(), QStringLiteral("cleared"));
        QCOMPARE(events[1].toObject().value("actor").toString(), QStringLiteral("system"));
        QCOMPARE(events[1].toObject().value("note").toString(), QStringLiteral("expired"));
        QCOMPARE(events[1].toObject().value("fault_id").toInt(), 1);
    }

    void eventsSince() {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(http(m_nam, "POST", url("/resilience/v1/faults"), R"({"duration_seconds": 60})", auth())
                         .status,
                     201);
        const QJsonObject from2 = http(m_nam, "GET", url("/resilience/v1/events?since=2")).json();
        QCOMPARE(from2.value("events").toArray().size(), 2);
        QCOMPARE(from2.value("events").toArray()[0].toObject().value("sequence").toInt(), 2);
        QCOMPARE(from2.value("next").toInt(), 4);
        QCOMPARE(
            http(m_nam, "GET", url("/resilience/v1/events?since=4")).json().value("events").toArray().size(),
            0);
        verifyProblem(http(m_nam, "GET", url("/resilience/v1/events?since=abc")), 422, "invalid-request");
    }

    void payloadTooLarge() {
        const QByteArray huge(65 * 1024, ' ');
        verifyProblem(http(m_nam, "POST", url("/resilience/v1/faults"), huge, auth()), 413,
                      "payload-too-large");
    }

    void metricsFormat() {
        const HttpReply r = http(m_nam, "GET", url("/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        const QByteArray& m = r.body;
        QVERIFY(m.contains("# TYPE jimini_circuit_breaker_state gauge\n"));
        QVERIFY(m.contains("jimini_circuit_breaker_state{policy=\"default\",state=\"closed\"} 1\n"));
        QVERIFY(m.contains("jimini_circuit_breaker_state{policy=\"default\",state=\"open\"} 0\n"));
        QVERIFY(m.contains("jimini_calls_total{policy=\"payments\",outcome=\"timeout\"} 0\n"));
        QVERIFY(m.contains("jimini_bulkhead_capacity{policy=\"payments\"} 20\n"));
        QVERIFY(m.contains("jimini_rate_limiter_requests_per_second{policy=\"payments\"} 100\n"));
        QVERIFY(!m.contains("jimini_rate_limiter_tokens_available{policy=\"default\"}")); // stage off
        QVERIFY(m.contains("jimini_call_duration_seconds_bucket{policy=\"default\",le=\"0.005\"} 0\n"));
        QVERIFY(m.contains("jimini_call_duration_seconds_bucket{policy=\"default\",le=\"+Inf\"} 0\n"));
        QVERIFY(m.contains("jimini_call_duration_seconds_count{policy=\"default\"} 0\n"));
        QCOMPARE(m.count("jimini_call_duration_seconds_bucket{policy=\"default\""), 12);
    }
};

QTEST_GUILESS_MAIN(tst_AgentServer)
#include "tst_agentserver.moc"
