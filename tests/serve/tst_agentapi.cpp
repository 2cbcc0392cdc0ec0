// SPDX-License-Identifier: GPL-3.0-or-later
// The API's strictness against the real agent on loopback: If-Match compared strongly, one credential
// per mutation, bodies with what QJsonDocument lets through refused with their path, the largest config
// round-trips, a config change keeps the breakers whose options did not change, and a manual breaker
// state names who set it and why.
#include "serve/agent.h"
#include "serve/agentapi.h"
#include "serve/bearerauth.h"
#include "serve/eventlog.h"
#include "serve/policyregistry.h"

#include "config/configtestdata.h"
#include "httptestclient.h"

#include "config/configcodec.h"
#include "config/configvalidator.h"
#include "health/healthcodec.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
const QByteArray kToken = "s3cret-token";

// One answer read off a raw socket: what QNetworkAccessManager cannot send (two Authorization headers).
struct RawAnswer {
    int status = 0;
    QByteArray head;
    QByteArray body;

    // The value of a header as sent (an empty value is still there), or nothing.
    std::optional<QByteArray> header(const QByteArray& name) const {
        for (const QByteArray& line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return std::nullopt;
    }
};

RawAnswer rawExchange(quint16 port, const QByteArray& request) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray in;
    QDeadlineTimer deadline(15000);
    qsizetype headEnd = -1;
    qsizetype length = -1;
    // The agent runs on this thread: wait by spinning the event loop, not by blocking the socket.
    while (!deadline.hasExpired()) {
        QTest::qWait(5);
        in += socket.readAll();
        if (headEnd < 0 && (headEnd = in.indexOf("\r\n\r\n")) >= 0) {
            for (const QByteArray& line : in.left(headEnd).split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
        }
        if (headEnd >= 0 && in.size() >= headEnd + 4 + std::max<qsizetype>(length, 0))
            break;
    }
    if (headEnd < 0)
        return {};
    RawAnswer a;
    a.head = in.left(headEnd);
    a.status = a.head.mid(9, 3).toInt();
    a.body = in.mid(headEnd + 4);
    return a;
}

QByteArray rawRequest(const QByteArray& method, const QByteArray& path, quint16 port, const QByteArray& body,
                      const QList<QByteArray>& headerLines) {
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const QByteArray& line : headerLines)
        r += line + "\r\n";
    r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return r + body;
}

// The two policies of testConfigJson, with the knobs the breaker tests turn.
QByteArray twoPolicies(int defaultThreshold, int defaultLimit, int paymentsThreshold, int paymentsTimeout) {
    return QStringLiteral(R"({"environment": "test", "policies": {
        "default": {"retry": null, "timeout": 1, "rate_limit": null, "bulkhead": {"limit": %2, "queue": 10},
                    "circuit_breaker": {"failure_threshold": %1, "recovery_timeout": 60}},
        "payments": {"retry": null, "timeout": %4, "rate_limit": null, "bulkhead": {"limit": 20, "queue": 0},
                     "circuit_breaker": {"failure_threshold": %3, "recovery_timeout": 30}}}})")
        .arg(defaultThreshold)
        .arg(defaultLimit)
        .arg(paymentsThreshold)
        .arg(paymentsTimeout)
        .toUtf8();
}

// A policy's health block as long as it can be written: every block, counts at 2^64 - 1, the longest
// doubles and times, the longest state name.
PolicyHealth worstCasePolicyHealth(const QString& name) {
    constexpr std::uint64_t most = ~std::uint64_t(0);
    constexpr std::uint32_t most32 = ~std::uint32_t(0);
    constexpr double longest = 2.2250738585072014e-308;
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(253402300799999, Qt::UTC); // 9999-12-31
    PolicyHealth p;
    p.name = name;
    p.circuitBreaker = BreakerHealth{
        BreakerState::HalfOpen, false, most32, longest, longest, most32, most, most, t, t, t, {}, {}};
    // Control characters are written as \u0001: six bytes each.
    p.circuitBreaker->manualReason = QString(BreakerHealth::maxManualReason, QChar(1));
    p.circuitBreaker->manualActor = QString(BreakerHealth::maxManualActor, QChar(1));
    p.bulkhead = BulkheadHealth{most32, most32, most32, most32, most};
    p.rateLimiter =
        RateLimiterHealth{1.7976931348623157e+308, 1.7976931348623157e+308, longest, longest, most};
    p.retry = RetryHealth{most32, most, 1.7976931348623157e+308, most};
    p.statistics = PolicyStatistics{most, most, most, most, most, most, most};
    return p;
}
} // namespace

class tst_AgentApi : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<Agent> m_agent;
    QNetworkAccessManager m_nam;

    QUrl url(const QString& path) const {
        QUrl u = m_agent->baseUrl();
        u.setPath(path);
        return u;
    }
    static HttpHeaders auth(HttpHeaders more = {}) {
        more.push_back({"Authorization", "Bearer " + kToken});
        return more;
    }
    void startAgent(const ResilienceConfig& config, double callsPerSecond = 0) {
        AgentOptions o;
        o.token = kToken;
        o.callsPerSecond = callsPerSecond;
        o.simulatedTime = true;
        o.seed = 7;
        m_agent = std::make_unique<Agent>(o, config);
        QString error;
        QVERIFY2(m_agent->start(&error), qPrintable(error));
    }
    QByteArray etag() { return http(m_nam, "GET", url("/resilience/v1/config")).header("ETag"); }
    QJsonObject breaker(const QString& policy) {
        for (const QJsonValue& p :
             http(m_nam, "GET", url("/resilience/v1/health")).json().value("policies").toArray())
            if (p.toObject().value("name").toString() == policy)
                return p.toObject().value("circuit_breaker").toObject();
        return {};
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init() { startAgent(*ConfigCodec::parse(testConfigJson()).config); }
    void cleanup() { m_agent.reset(); }

    void ifMatchIsComparedStrongly_data() {
        QTest::addColumn<QByteArray>("ifMatch"); // %v: the current version
        QTest::addColumn<int>("status");
        QTest::newRow("strong") << QByteArray(R"("%v")") << 200;
        QTest::newRow("bare version") << QByteArray("%v") << 200;
        QTest::newRow("strong after a stale one") << QByteArray(R"("000000000000", "%v")") << 200;
        QTest::newRow("weak and strong") << QByteArray(R"(W/"%v", "%v")") << 200;
        QTest::newRow("weak") << QByteArray(R"(W/"%v")") << 412;
        QTest::newRow("weak, lowercase w") << QByteArray(R"(w/"%v")") << 412;
        QTest::newRow("weak before a stale strong one") << QByteArray(R"(W/"%v", "000000000000")") << 412;
        QTest::newRow("stale") << QByteArray(R"("000000000000")") << 412;
    }
    void ifMatchIsComparedStrongly() {
        QFETCH(QByteArray, ifMatch);
        QFETCH(int, status);
        const QByteArray before = etag();
        const QByteArray version = before.mid(1, before.size() - 2);
        const HttpReply r = http(m_nam, "PUT", url("/resilience/v1/config"), testConfigJson(4),
                                 auth({{"If-Match", QByteArray(ifMatch).replace("%v", version)}}));
        QCOMPARE(r.status, status);
        if (status == 412) {
            QCOMPARE(r.json().value("type").toString(),
                     QStringLiteral("https://jimini.dev/problems/stale-config"));
            QCOMPARE(r.header("ETag"), before);
            QCOMPARE(etag(), before); // nothing applied
        } else {
            QVERIFY(etag() != before);
        }
    }

    void twoAuthorizationHeadersAreABadRequest_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QList<QByteArray>>("authorization");
        QTest::addColumn<int>("status");
        const QByteArray right = "Bearer " + kToken;
        const QByteArray wrong = "Bearer not-the-token";
        const QByteArray fault = R"({"policy": "default", "error_rate": 1, "duration_seconds": 60})";
        const QByteArray isolate = R"({"state": "isolated", "reason": "drill"})";
        const QByteArray faults = "/resilience/v1/faults";
        const QByteArray state = "/resilience/v1/breakers/default/state";
        QTest::newRow("fault, one right")
            << QByteArray("POST") << faults << fault << QList<QByteArray>{right} << 201;
        QTest::newRow("fault, right twice")
            << QByteArray("POST") << faults << fault << QList<QByteArray>{right, right} << 400;
        QTest::newRow("fault, right then wrong")
            << QByteArray("POST") << faults << fault << QList<QByteArray>{right, wrong} << 400;
        QTest::newRow("fault, wrong then right")
            << QByteArray("POST") << faults << fault << QList<QByteArray>{wrong, right} << 400;
        QTest::newRow("fault, right and empty")
            << QByteArray("POST") << faults << fault << QList<QByteArray>{right, QByteArray()} << 400;
        QTest::newRow("clear faults")
            << QByteArray("DELETE") << faults << QByteArray() << QList<QByteArray>{right, wrong} << 400;
        QTest::newRow("breaker state")
            << QByteArray("POST") << state << isolate << QList<QByteArray>{wrong, right} << 400;
        QTest::newRow("breaker state, one right")
            << QByteArray("POST") << state << isolate << QList<QByteArray>{right} << 200;
        // Reads take no credential: what they carry does not matter.
        QTest::newRow("health read") << QByteArray("GET") << QByteArray("/resilience/v1/health")
                                     << QByteArray() << QList<QByteArray>{right, wrong} << 200;
    }
    void twoAuthorizationHeadersAreABadRequest() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QList<QByteArray>, authorization);
        QFETCH(int, status);
        const quint16 port = m_agent->port();
        const qsizetype eventsBefore = m_agent->events().after(0).events.size();
        QList<QByteArray> lines;
        for (const QByteArray& a : authorization)
            lines.append("Authorization: " + a);
        const RawAnswer a = rawExchange(port, rawRequest(method, path, port, body, lines));
        QCOMPARE(a.status, status);
        if (status != 400)
            return;
        QVERIFY2(a.head.contains("Content-Type: application/problem+json"), a.head.constData());
        const QJsonObject problem = QJsonDocument::fromJson(a.body).object();
        QCOMPARE(problem.value("type").toString(), QStringLiteral("https://jimini.dev/problems/bad-request"));
        QCOMPARE(problem.value("status").toInt(), 400);
        QCOMPARE(problem.value("detail").toString(), QStringLiteral("more than one Authorization header"));
        // Nothing happened.
        QCOMPARE(m_agent->events().after(0).events.size(), std::size_t(eventsBefore));
        QCOMPARE(breaker("default").value("state").toString(), QStringLiteral("closed"));
    }

    void lenientJsonIsRefusedWithItsPath_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("errorPath");
        QTest::addColumn<QString>("message");
        const QString state = QStringLiteral("/resilience/v1/breakers/default/state");
        const QString faults = QStringLiteral("/resilience/v1/faults");
        const QString config = QStringLiteral("/resilience/v1/config");
        const auto row = [](const char* name, const QString& path, const QByteArray& body,
                            const char* errorPath, const char* message) {
            QTest::newRow(name) << path << body << QString::fromUtf8(errorPath) << QString::fromUtf8(message);
        };
        // Qt keeps the last "state": without the check this body would put the breaker back to auto.
        row("breaker: duplicate state", state, R"({"state": "isolated", "reason": "drill", "state": "auto"})",
            "state", "duplicate key at offset 41");
        row("breaker: NUL in the reason", state, R"({"state": "isolated", "reason": "a\u0000b"})", "reason",
            "NUL character (\\u0000) at offset 34");
        row("breaker: lone surrogate in the reason", state, R"({"state": "isolated", "reason": "\ud800"})",
            "reason", "lone surrogate \\ud800 at offset 33");
        row("breaker: lone surrogate in a key", state, R"({"state": "isolated", "reason": "x", "\udc00": 1})",
            "\\udc00", "lone surrogate \\udc00 in a key at offset 38");
        row("fault: duplicate duration", faults, R"({"duration_seconds": 5, "duration_seconds": 50})",
            "duration_seconds", "duplicate key at offset 24");
        row("fault: NUL in the policy", faults, R"({"policy": "default\u0000", "duration_seconds": 5})",
            "policy", "NUL character (\\u0000) at offset 19");
        row("fault: duplicate status", faults,
            R"({"status_mix": {"503": 1, "503": 2}, "error_rate": 1, "duration_seconds": 5})",
            "status_mix.503", "duplicate key at offset 26");
        row("config: duplicate policy", config, R"({"environment": "x", "policies": {"a": {}, "a": {}}})",
            "policies.a", "duplicate key at offset 43");
        row("config: NUL in the environment", config, R"({"environment": "x\u0000", "policies": {"a": {}}})",
            "environment", "NUL character (\\u0000) at offset 18");
        row("config: lone surrogate in a policy name", config,
            R"({"environment": "x", "policies": {"\ud83d": {}}})", "policies.\\ud83d",
            "lone surrogate \\ud83d in a key at offset 35");
        row("config: policy named ..", config, R"({"environment": "x", "policies": {"..": {}}})",
            "policies...",
            "policy name must not be \".\" or \"..\" (it names a path segment in the breaker URL)");
        row("config: policy named .", config, R"({"environment": "x", "policies": {".": {}}})", "policies..",
            "policy name must not be \".\" or \"..\" (it names a path segment in the breaker URL)");
    }
    void lenientJsonIsRefusedWithItsPath() {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, errorPath);
        QFETCH(QString, message);
        const QByteArray version = etag();
        const HttpReply r = http(m_nam, path.endsWith("config") ? "PUT" : "POST", url(path), body,
                                 auth({{"If-Match", version}}));
        QCOMPARE(r.status, 422);
        const QJsonArray errors = r.json().value("errors").toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].toObject().value("path").toString(), errorPath);
        QCOMPARE(errors[0].toObject().value("message").toString(), message);
        // Nothing applied.
        QCOMPARE(etag(), version);
        QCOMPARE(breaker("default").value("state").toString(), QStringLiteral("closed"));
        QCOMPARE(m_agent->events().after(0).events.size(), std::size_t(0));
    }

    void largestConfigRoundTripsAndItsHealthFits() {
        const qsizetype most = ConfigValidator::maxPolicies;
        startAgent(testdata::worstCaseConfig(most, ConfigValidator::maxEnvironmentLength,
                                             ConfigValidator::maxDescriptionLength));
        const HttpReply get = http(m_nam, "GET", url("/resilience/v1/config"));
        QCOMPARE(get.status, 200);
        QVERIFY2(get.body.size() <= m_agent->options().http.maxBodyBytes,
                 QByteArray::number(get.body.size()));
        const HttpReply put = http(m_nam, "PUT", url("/resilience/v1/config"), get.body,
                                   auth({{"If-Match", get.header("ETag")}}));
        QCOMPARE(put.status, 200);
        QCOMPARE(put.header("ETag"), get.header("ETag")); // the same config
        QCOMPARE(put.body, get.body);
        const HttpReply health = http(m_nam, "GET", url("/resilience/v1/health"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value("policies").toArray().size(), most);

        // The health document as long as these policies can ever make it (counts at their maximum):
        // far under what the console reads.
        HealthDocument worst = m_agent->health();
        worst.policies.clear();
        for (qsizetype i = 0; i < most; ++i)
            worst.policies.push_back(
                worstCasePolicyHealth(QStringLiteral("p%1").arg(i, 63, 10, QLatin1Char('0'))));
        const qsizetype worstSize =
            QJsonDocument(HealthCodec::toJson(worst)).toJson(QJsonDocument::Compact).size();
        qInfo("config GET %lld bytes (PUT limit %lld); health %lld bytes now, %lld at worst (console limit "
              "%lld)",
              qint64(get.body.size()), qint64(m_agent->options().http.maxBodyBytes),
              qint64(health.body.size()), qint64(worstSize), qint64(HealthCodec::maxDocumentSize));
        QVERIFY(health.body.size() < worstSize);
        QVERIFY(worstSize <= HealthCodec::maxDocumentSize);

        // One policy more is refused, and says so.
        ResilienceConfig more = testdata::worstCaseConfig(most + 1, 1, 0);
        const HttpReply refused =
            http(m_nam, "PUT", url("/resilience/v1/config"), ConfigCodec::serialize(more),
                 auth({{"If-Match", put.header("ETag")}}));
        QCOMPARE(refused.status, 422);
        const QJsonObject error = refused.json().value("errors").toArray()[0].toObject();
        QCOMPARE(error.value("path").toString(), QStringLiteral("policies"));
        QCOMPARE(error.value("message").toString(),
                 QStringLiteral("must contain at most 256 policies (got 257)"));
    }

    // The health document says who set a manual state and why, from the control request that set it,
    // and says nothing once the breaker left that state (auto, or its TTL ran out).
    void manualStateNamesItsActorAndReason_data() {
        QTest::addColumn<QByteArray>("operatorName"); // X-Jimini-Operator; empty: none sent
        QTest::addColumn<QByteArray>("ending");       // "auto" or "ttl"
        QTest::addColumn<QString>("actor");
        const QString token = BearerAuth::actorOf(kToken);
        QTest::newRow("operator, then auto")
            << QByteArray("alice") << QByteArray("auto") << QStringLiteral("alice (%1)").arg(token);
        QTest::newRow("token only, then ttl") << QByteArray() << QByteArray("ttl") << token;
    }
    void manualStateNamesItsActorAndReason() {
        QFETCH(QByteArray, operatorName);
        QFETCH(QByteArray, ending);
        QFETCH(QString, actor);
        HttpHeaders headers = auth();
        if (!operatorName.isEmpty())
            headers.push_back({"X-Jimini-Operator", operatorName});
        const HttpReply set =
            http(m_nam, "POST", url("/resilience/v1/breakers/payments/state"),
                 R"({"state": "disabled", "reason": "deploy of payments v2", "ttl_seconds": 60})", headers);
        QCOMPARE(set.status, 200);
        QCOMPARE(set.json().value("manual_actor").toString(), actor); // the answer is the health block
        const QJsonObject manual = breaker("payments");
        QCOMPARE(manual.value("state").toString(), QStringLiteral("disabled"));
        QCOMPARE(manual.value("manual_reason").toString(), QStringLiteral("deploy of payments v2"));
        QCOMPARE(manual.value("manual_actor").toString(), actor);
        QVERIFY(!breaker("default").contains("manual_reason")); // another policy: nothing said
        QVERIFY(!breaker("default").contains("manual_actor"));
        if (ending == "auto")
            QCOMPARE(http(m_nam, "POST", url("/resilience/v1/breakers/payments/state"),
                          R"({"state": "auto", "reason": "done"})", headers)
                         .status,
                     200);
        else
            m_agent->simulatedScheduler()->advance(61s);
        const QJsonObject after = breaker("payments");
        QCOMPARE(after.value("state").toString(), QStringLiteral("closed"));
        QVERIFY(!after.contains("manual_reason"));
        QVERIFY(!after.contains("manual_actor"));
        // What the console reads: the same document, parsed.
        const HealthParseResult parsed = HealthCodec::decode(
            http(m_nam, "GET", url("/resilience/v1/health")).body, QDateTime::currentDateTimeUtc());
        QVERIFY(parsed.ok());
        for (const PolicyHealth& p : parsed.document->policies)
            QVERIFY(!p.circuitBreaker->manualActor && !p.circuitBreaker->manualReason);
    }

    void configChangeKeepsBreakersItDoesNotTouch_data() {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QByteArray>("reset"); // the answer's header
        QTest::addColumn<QString>("defaultState");
        QTest::addColumn<QString>("paymentsState");
        // Before: default open (3 failures), payments isolated by an operator for 100 s.
        QTest::newRow("the same config") << twoPolicies(3, 50, 5, 2) << QByteArray() << "open"
                                         << "isolated";
        QTest::newRow("other stages") << twoPolicies(3, 51, 5, 3) << QByteArray() << "open"
                                      << "isolated";
        QTest::newRow("default's breaker") << twoPolicies(4, 50, 5, 2) << QByteArray("default") << "closed"
                                           << "isolated";
        // A manual override outlives a change of its breaker's options: the operator decided, not the
        // config.
        QTest::newRow("payments' breaker") << twoPolicies(3, 50, 6, 2) << QByteArray("payments") << "open"
                                           << "isolated";
        QTest::newRow("both") << twoPolicies(4, 51, 6, 3) << QByteArray("default, payments") << "closed"
                              << "isolated";
    }
    void configChangeKeepsBreakersItDoesNotTouch() {
        QFETCH(QByteArray, config);
        QFETCH(QByteArray, reset);
        QFETCH(QString, defaultState);
        QFETCH(QString, paymentsState);
        startAgent(*ConfigCodec::parse(twoPolicies(3, 50, 5, 2)).config, 20);
        QCOMPARE(http(m_nam, "POST", url("/resilience/v1/faults"),
                      R"({"policy": "default", "error_rate": 1, "duration_seconds": 3600})", auth())
                     .status,
                 201);
        QCOMPARE(http(m_nam, "POST", url("/resilience/v1/breakers/payments/state"),
                      R"({"state": "isolated", "reason": "drill", "ttl_seconds": 100})", auth())
                     .status,
                 200);
        m_agent->simulatedScheduler()->advance(2s);
        const QJsonObject defaultBefore = breaker("default");
        const QJsonObject paymentsBefore = breaker("payments");
        QCOMPARE(defaultBefore.value("state").toString(), QStringLiteral("open"));
        QCOMPARE(paymentsBefore.value("state").toString(), QStringLiteral("isolated"));

        // Raw, because QNetworkReply hides a header whose value is empty.
        const quint16 port = m_agent->port();
        const RawAnswer r =
            rawExchange(port, rawRequest("PUT", "/resilience/v1/config", port, config,
                                         {"Authorization: Bearer " + kToken, "If-Match: " + etag()}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header(AgentApi::resetHeader), std::optional<QByteArray>(reset)); // said even when empty

        const QJsonObject defaultAfter = breaker("default");
        const QJsonObject paymentsAfter = breaker("payments");
        QCOMPARE(defaultAfter.value("state").toString(), defaultState);
        QCOMPARE(paymentsAfter.value("state").toString(), paymentsState);
        QCOMPARE(paymentsAfter.value("manual_until"), paymentsBefore.value("manual_until")); // TTL kept
        if (!reset.contains("default")) { // the very breaker: the same open period and window
            QCOMPARE(defaultAfter.value("next_attempt_time"), defaultBefore.value("next_attempt_time"));
            QCOMPARE(defaultAfter.value("failure_count"), defaultBefore.value("failure_count"));
        }
        QCOMPARE(defaultAfter.value("opens").toInt(), 1); // counted once whichever way
    }
};

QTEST_GUILESS_MAIN(tst_AgentApi)
#include "tst_agentapi.moc"
