// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthcodec.h"
#include "health/healthnames.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QTest>

using namespace jimini;

namespace {
// The reading time a guide document without a timestamp takes.
const QDateTime kReadTime = QDateTime(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC);

QByteArray fixture(const QString& name) {
    QFile f(QStringLiteral(QT_TESTCASE_SOURCEDIR) + QStringLiteral("/data/health/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return f.readAll();
}

QDateTime utc(int h, int m, int s, int ms, int day = 29) {
    return QDateTime(QDate(2026, 11, day), QTime(h, m, s, ms), Qt::UTC);
}

// Sets (or, with an undefined value, removes) the value at "a.0.b" (numbers index arrays).
QJsonValue withValue(const QJsonValue& node, QStringList path, const QJsonValue& value) {
    if (path.isEmpty())
        return value;
    const QString key = path.takeFirst();
    bool isIndex = false;
    const int i = key.toInt(&isIndex);
    if (isIndex) {
        const QJsonArray a = node.toArray();
        QJsonArray out;
        for (qsizetype j = 0; j < a.size(); ++j)
            out.append(j == i ? withValue(a.at(j), path, value) : a.at(j));
        return out;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty() && value.isUndefined())
        o.remove(key);
    else
        o[key] = withValue(o.value(key), path, value);
    return o;
}

QByteArray mutated(const QByteArray& base, const QString& path, const QJsonValue& value) {
    const QJsonObject root = QJsonDocument::fromJson(base).object();
    return QJsonDocument(withValue(root, path.split(u'.'), value).toObject()).toJson();
}

HealthDocument fullDocument() {
    HealthDocument d;
    d.service = QStringLiteral("payments");
    d.instance = QStringLiteral("payments-1");
    d.environment = QStringLiteral("production");
    d.timestamp = utc(2, 30, 0, 123);
    d.healthStatus = HealthLevel::Critical;
    d.isHealthy = false;
    d.configVersion = QStringLiteral("9f2c41d0a7b3");
    d.windowSeconds = 30;
    d.metrics = {QStringLiteral("payments"),
                 1200,
                 800,
                 400,
                 11,
                 3,
                 7,
                 40,
                 0.042,
                 0.031,
                 0.09,
                 0.21,
                 utc(2, 29, 59, 998),
                 utc(2, 29, 58, 410),
                 1.0 / 3.0,
                 20.5,
                 59.5,
                 FailureBreakdown{300, 7, 3, 40, 50, 0}};
    d.alerts = {{AlertLevel::Critical, QStringLiteral("High error rate: 33.33%"),
                 QStringLiteral("error_rate"), 1.0 / 3.0, 0.1},
                {AlertLevel::Warning, QStringLiteral("Circuit breaker opens detected: 11"),
                 QStringLiteral("circuit_breaker_opens"), 11, std::nullopt}};
    PolicyHealth p;
    p.name = QStringLiteral("default");
    BreakerHealth breaker; // field by field: manual_reason and manual_actor stay absent (encodedShape)
    breaker.state = BreakerState::Isolated;
    breaker.manual = true;
    breaker.failureCount = 4;
    breaker.failureRate = 0.25;
    breaker.slowCallRate = 0.125;
    breaker.bufferedCalls = 16;
    breaker.rejectedCalls = 99;
    breaker.opens = 11;
    breaker.lastFailureTime = utc(2, 29, 58, 410);
    breaker.nextAttemptTime = utc(2, 35, 0, 0);
    breaker.manualUntil = utc(2, 35, 0, 0);
    p.circuitBreaker = breaker;
    p.bulkhead = BulkheadHealth{10, 5, 10, 5, 17};
    p.rateLimiter = RateLimiterHealth{14.2, 15, 6.4, 0.8, 3};
    p.retry = RetryHealth{3, 40, 38.5, 2};
    p.statistics = {1200, 800, 400, 11, 3, 7, 40};
    d.policies.push_back(p);
    PolicyHealth bare;
    bare.name = QStringLiteral("bare");
    bare.retry = RetryHealth{1, 0, std::nullopt, 0};
    d.policies.push_back(bare);
    return d;
}
} // namespace

class tst_HealthCodec : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void roundTrip_data() {
        QTest::addColumn<int>("which");
        QTest::newRow("every field") << 0;
        QTest::newRow("defaults, no policies") << 1;
        QTest::newRow("healthy, one policy, null times") << 2;
        QTest::newRow("figures not reported") << 3;
    }
    void roundTrip() {
        QFETCH(int, which);
        HealthDocument d = fullDocument();
        if (which == 1) {
            d = HealthDocument{};
            d.timestamp = utc(0, 0, 0, 0);
        } else if (which == 2) {
            d.healthStatus = HealthLevel::Healthy;
            d.isHealthy = true;
            d.alerts.clear();
            d.metrics.lastFailureTime.reset();
            d.policies.pop_back();
            d.policies[0].circuitBreaker->lastFailureTime.reset();
            d.policies[0].circuitBreaker->state = BreakerState::HalfOpen;
        } else if (which == 3) {
            d.metrics.p50ResponseTime.reset();
            d.metrics.p95ResponseTime.reset();
            d.metrics.p99ResponseTime.reset();
            d.metrics.requestsPerSecond.reset();
            d.policies[0].circuitBreaker->failureRate.reset();
            d.policies[0].circuitBreaker->rejectedCalls.reset();
            d.policies[0].bulkhead->queueLimit.reset();
            d.policies[0].bulkhead->rejectionCount.reset();
            d.policies[0].rateLimiter->maxTokens.reset();
            d.policies[0].rateLimiter->multiplier.reset();
            d.policies[0].rateLimiter->rejected.reset();
        }
        const QByteArray body = HealthCodec::encode(d);
        const HealthParseResult r = HealthCodec::decode(body, kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        QVERIFY(*r.document == d);
        QCOMPARE(HealthCodec::encode(*r.document), body);
    }

    // The wire shape: docs/protocol.md's keys, RFC 3339 UTC with milliseconds, null blocks and times.
    void encodedShape() {
        const QJsonObject o = HealthCodec::toJson(fullDocument());
        const QJsonObject example =
            QJsonDocument::fromJson(fixture(QStringLiteral("native-example.json"))).object();
        QCOMPARE(o.keys(), example.keys());
        QCOMPARE(o.value(QStringLiteral("metrics")).toObject().keys(),
                 example.value(QStringLiteral("metrics")).toObject().keys());
        const QJsonObject p = o.value(QStringLiteral("policies")).toArray().at(0).toObject();
        const QJsonObject ep = example.value(QStringLiteral("policies")).toArray().at(0).toObject();
        QCOMPARE(p.keys(), ep.keys());
        for (const QString& block : ep.keys())
            if (ep.value(block).isObject())
                QCOMPARE(p.value(block).toObject().keys(), ep.value(block).toObject().keys());
        QCOMPARE(o.value(QStringLiteral("schema")).toString(), QStringLiteral("jimini.health/v1"));
        QCOMPARE(o.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-11-29T02:30:00.123Z"));
        QCOMPARE(p.value(QStringLiteral("circuit_breaker"))
                     .toObject()
                     .value(QStringLiteral("next_attempt_time"))
                     .toString(),
                 QStringLiteral("2026-11-29T02:35:00.000Z"));
        const QJsonObject bare = o.value(QStringLiteral("policies")).toArray().at(1).toObject();
        QVERIFY(bare.value(QStringLiteral("circuit_breaker")).isNull());
        QVERIFY(bare.value(QStringLiteral("bulkhead")).isNull());
        QVERIFY(bare.value(QStringLiteral("retry"))
                    .toObject()
                    .value(QStringLiteral("budget_available"))
                    .isNull());
        const QJsonArray alerts = o.value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("threshold")).toDouble(), 0.1);
        QVERIFY(!alerts.at(1).toObject().contains(QStringLiteral("threshold")));
        QCOMPARE(alerts.at(0).toObject().value(QStringLiteral("level")).toString(),
                 QStringLiteral("critical"));
    }

    void nativeExampleDecodes() {
        const HealthParseResult r =
            HealthCodec::decode(fixture(QStringLiteral("native-example.json")), kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        const HealthDocument& d = *r.document;
        QCOMPARE(int(d.format), int(HealthFormat::NativeV1));
        QCOMPARE(d.service, QStringLiteral("payments"));
        QCOMPARE(d.instance, QStringLiteral("payments-1"));
        QCOMPARE(d.environment, QStringLiteral("production"));
        QCOMPARE(d.timestamp, utc(2, 30, 0, 123));
        QCOMPARE(int(d.healthStatus), int(HealthLevel::Healthy));
        QCOMPARE(d.isHealthy, true);
        QCOMPARE(d.configVersion, QStringLiteral("9f2c41d0a7b3"));
        QCOMPARE(d.windowSeconds, 60.0);
        QCOMPARE(d.metrics.totalOperations, 1200u);
        QCOMPARE(d.metrics.failedOperations, 12u);
        QCOMPARE(d.metrics.retries, 9u);
        QCOMPARE(d.metrics.p99ResponseTime, std::optional<double>(0.21));
        QCOMPARE(d.metrics.lastFailureTime, std::optional<QDateTime>(utc(2, 29, 51, 207)));
        QCOMPARE(d.metrics.currentErrorRate, 0.01);
        QCOMPARE(d.metrics.requestsPerSecond, std::optional<double>(20.0));
        QCOMPARE(d.metrics.coveredSeconds, std::optional<double>(60.0));
        QCOMPARE(d.metrics.failures, std::optional<FailureBreakdown>(FailureBreakdown{7, 2, 3, 0, 0, 0}));
        QVERIFY(d.alerts.empty());
        QCOMPARE(d.policies.size(), std::size_t(1));
        const PolicyHealth& p = d.policies[0];
        QCOMPARE(breakerStateName(p.circuitBreaker->state), QStringLiteral("closed"));
        QCOMPARE(p.circuitBreaker->opens, 1u);
        QVERIFY(!p.circuitBreaker->nextAttemptTime);
        QCOMPARE(p.bulkhead->queueLimit, std::optional<std::uint32_t>(5));
        QCOMPARE(p.rateLimiter->tokensAvailable, 14.2);
        QCOMPARE(p.retry->budgetAvailable, std::optional<double>(38.0));
        QCOMPARE(p.statistics.retries, 40u);
        QCOMPARE(p.statistics.totalOperations, 86400u);
    }

    void guideDocuments_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("healthy") << QStringLiteral("guide-healthy.json");
        QTest::newRow("degraded") << QStringLiteral("guide-degraded.json");
    }
    void guideDocuments() {
        QFETCH(QString, file);
        const HealthParseResult r = HealthCodec::decode(fixture(file), kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        const HealthDocument& d = *r.document;
        QCOMPARE(int(d.format), int(HealthFormat::GuideDocument));
        QVERIFY(d.instance.isEmpty());
        QCOMPARE(d.timestamp, kReadTime); // no timestamp of its own: the reader's clock dates it
        QCOMPARE(d.windowSeconds, 0.0);
        QCOMPARE(d.policies.size(), std::size_t(1));
        const PolicyHealth& p = d.policies[0];
        QCOMPARE(p.name, QStringLiteral("default"));
        QVERIFY(!p.retry);
        QCOMPARE(p.bulkhead->capacity, 10u);
        // What the guide does not report is absent, not 0 (nor 1 for the multiplier).
        QVERIFY(!p.bulkhead->queueLimit);
        QVERIFY(!p.bulkhead->rejectionCount);
        QVERIFY(!p.rateLimiter->maxTokens);
        QVERIFY(!p.rateLimiter->multiplier);
        QVERIFY(!p.rateLimiter->rejected);
        QVERIFY(!p.circuitBreaker->failureRate);
        QVERIFY(!p.circuitBreaker->slowCallRate);
        QVERIFY(!p.circuitBreaker->bufferedCalls);
        QVERIFY(!p.circuitBreaker->rejectedCalls);
        QVERIFY(!d.metrics.p50ResponseTime);
        QVERIFY(!d.metrics.p95ResponseTime);
        QVERIFY(!d.metrics.p99ResponseTime);
        QVERIFY(!d.metrics.requestsPerSecond);
        QCOMPARE(d.metrics.retries, p.statistics.retries); // the guide's only retry count
        QVERIFY(!p.circuitBreaker->lastFailureTime);
        if (file == QLatin1String("guide-healthy.json")) {
            QCOMPARE(d.service, QStringLiteral("orders"));
            QCOMPARE(int(d.healthStatus), int(HealthLevel::Healthy));
            QVERIFY(d.isHealthy);
            QCOMPARE(d.metrics.totalOperations, 1500u);
            QCOMPARE(d.metrics.averageResponseTime, 0.0845);
            QCOMPARE(d.metrics.lastSuccessTime, std::optional<QDateTime>(utc(2, 29, 59, 871)));
            QCOMPARE(d.metrics.lastFailureTime, std::optional<QDateTime>(utc(1, 12, 3, 4)));
            QCOMPARE(d.metrics.currentErrorRate, 0.008);
            QVERIFY(d.alerts.empty());
            QCOMPARE(breakerStateName(p.circuitBreaker->state), QStringLiteral("closed"));
            QCOMPARE(p.bulkhead->activeRequests, 3u);
            QCOMPARE(p.rateLimiter->tokensAvailable, 12.75);
            QCOMPARE(p.rateLimiter->requestsPerSecond, 8.0);
            QCOMPARE(p.statistics.retries, 9u);
            QCOMPARE(p.statistics.successfulOperations, 1488u);
        } else {
            QCOMPARE(d.service, QStringLiteral("payments"));
            QCOMPARE(int(d.healthStatus), int(HealthLevel::Degraded));
            QVERIFY(!d.isHealthy);
            QCOMPARE(d.metrics.failedOperations, 156u);
            QCOMPARE(d.metrics.circuitBreakerOpens, 2u);
            QCOMPARE(d.metrics.lastSuccessTime, std::optional<QDateTime>(utc(2, 29, 59, 998)));
            QVERIFY(!d.metrics.lastFailureTime);
            QCOMPARE(d.alerts.size(), std::size_t(2));
            QCOMPARE(int(d.alerts[0].level), int(AlertLevel::Warning));
            QCOMPARE(d.alerts[0].value, 0.13);
            QCOMPARE(d.alerts[0].threshold, std::optional<double>(0.1));
            QCOMPARE(d.alerts[1].metric, QStringLiteral("circuit_breaker_opens"));
            QCOMPARE(d.alerts[1].value, 2.0);
            QVERIFY(!d.alerts[1].threshold);
            QCOMPARE(breakerStateName(p.circuitBreaker->state), QStringLiteral("half_open"));
            QCOMPARE(p.circuitBreaker->failureCount, 3u);
            QCOMPARE(p.circuitBreaker->opens, 2u);
            QCOMPARE(p.bulkhead->queuedRequests, 4u);
            QCOMPARE(p.rateLimiter->tokensAvailable, 0.5);
            QCOMPARE(p.statistics.retries, 40u);
        }
    }

    // The guide's document is written by services on other breaker libraries: their spellings are read.
    void guideBreakerSpellings_data() {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("state");
        QTest::newRow("guide half-open") << "half-open"
                                         << "half_open";
        QTest::newRow("half_open") << "half_open"
                                   << "half_open";
        QTest::newRow("resilience4j OPEN") << "OPEN"
                                           << "open";
        QTest::newRow("resilience4j HALF_OPEN") << "HALF_OPEN"
                                                << "half_open";
        QTest::newRow("resilience4j FORCED_OPEN") << "FORCED_OPEN"
                                                  << "isolated";
        QTest::newRow("micrometer forced_open") << "forced_open"
                                                << "isolated";
        QTest::newRow("resilience4j DISABLED") << "DISABLED"
                                               << "disabled";
        QTest::newRow("resilience4j METRICS_ONLY") << "METRICS_ONLY"
                                                   << "disabled";
        QTest::newRow("Closed") << "Closed"
                                << "closed";
    }
    void guideBreakerSpellings() {
        QFETCH(QString, status);
        QFETCH(QString, state);
        const HealthParseResult r =
            HealthCodec::decode(mutated(fixture(QStringLiteral("guide-degraded.json")),
                                        "resilience_stats.circuit_breaker.status", status),
                                kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        QCOMPARE(breakerStateName(r.document->policies[0].circuitBreaker->state), state);
    }

    void invalid_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        const QByteArray n = fixture(QStringLiteral("native-example.json"));
        const QByteArray g = fixture(QStringLiteral("guide-degraded.json"));
        const QJsonValue gone(QJsonValue::Undefined);
        auto row = [](const char* name, const QByteArray& body, const char* path, const char* reason) {
            QTest::newRow(name) << body << QString::fromUtf8(path) << QString::fromUtf8(reason);
        };
        row("breaker state", mutated(n, "policies.0.circuit_breaker.state", "ajar"),
            "policies[0].circuit_breaker.state",
            "expected one of closed, open, half_open, isolated, disabled, got \"ajar\"");
        row("counter as string", mutated(n, "metrics.total_operations", "1200"), "metrics.total_operations",
            "expected a number, got a string");
        row("missing counter", mutated(n, "metrics.total_operations", gone), "metrics.total_operations",
            "missing");
        row("negative counter", mutated(n, "metrics.failed_operations", -1), "metrics.failed_operations",
            "expected a non-negative integer, got -1");
        row("fractional counter", mutated(n, "metrics.timeouts", 7.5), "metrics.timeouts",
            "expected a non-negative integer, got 7.5");
        row("error rate above 1", mutated(n, "metrics.current_error_rate", 1.3), "metrics.current_error_rate",
            "expected a fraction in [0, 1], got 1.3");
        row("failure rate above 1", mutated(n, "policies.0.circuit_breaker.failure_rate", 2),
            "policies[0].circuit_breaker.failure_rate", "expected a fraction in [0, 1], got 2");
        row("health status", mutated(n, "health_status", "sick"), "health_status",
            "expected one of healthy, degraded, critical, got \"sick\"");
        row("is_healthy string", mutated(n, "is_healthy", "yes"), "is_healthy",
            "expected a boolean, got a string");
        row("bad timestamp", mutated(n, "timestamp", "yesterday"), "timestamp",
            "expected an RFC 3339 time, got \"yesterday\"");
        row("no timestamp", mutated(n, "timestamp", gone), "timestamp", "missing");
        row("bad date", mutated(n, "metrics.last_success_time", "2026-02-30T00:00:00Z"),
            "metrics.last_success_time", "expected an RFC 3339 time");
        row("time as number", mutated(n, "metrics.last_success_time", 5), "metrics.last_success_time",
            "expected a time string or null, got a number");
        row("alert level", mutated(g, "alerts.0.level", "info"), "alerts[0].level",
            "expected one of warning, critical, got \"info\"");
        row("alerts not an array", mutated(n, "alerts", QJsonObject()), "alerts",
            "expected an array, got an object");
        row("null capacity", mutated(n, "policies.0.bulkhead.capacity", QJsonValue(QJsonValue::Null)),
            "policies[0].bulkhead.capacity", "expected a number, got null");
        row("no policy name", mutated(n, "policies.0.name", gone), "policies[0].name", "missing");
        row("no statistics", mutated(n, "policies.0.statistics", gone), "policies[0].statistics", "missing");
        row("negative tokens", mutated(n, "policies.0.rate_limiter.tokens_available", -2),
            "policies[0].rate_limiter.tokens_available", "expected a non-negative number, got -2");
        row("budget as string", mutated(n, "policies.0.retry.budget_available", "lots"),
            "policies[0].retry.budget_available", "expected a number, got a string");
        row("failure count over 32 bits", mutated(n, "policies.0.circuit_breaker.failure_count", 5e9),
            "policies[0].circuit_breaker.failure_count", "expected at most 4294967295, got 5000000000");
        row("other schema", mutated(n, "schema", "jimini.health/v2"), "schema",
            "expected \"jimini.health/v1\", got \"jimini.health/v2\"");
        row("policy not an object", mutated(n, "policies", QJsonArray{5}), "policies[0]",
            "expected an object, got a number");
        row("no service", mutated(n, "service", gone), "service", "missing");
        row("no instance", mutated(n, "instance", gone), "instance", "missing");
        row("null timestamp", mutated(n, "timestamp", QJsonValue(QJsonValue::Null)), "timestamp",
            "expected a time string, got null");
        row("absent stage block", mutated(n, "policies.0.retry", gone), "policies[0].retry", "missing");
        row("absent nullable time", mutated(n, "policies.0.circuit_breaker.manual_until", gone),
            "policies[0].circuit_breaker.manual_until", "missing");
        row("manual_reason as number", mutated(n, "policies.0.circuit_breaker.manual_reason", 42),
            "policies[0].circuit_breaker.manual_reason", "expected a string, got a number");
        row("manual_actor as object", mutated(n, "policies.0.circuit_breaker.manual_actor", QJsonObject()),
            "policies[0].circuit_breaker.manual_actor", "expected a string, got an object");
        row("manual_reason too long",
            mutated(n, "policies.0.circuit_breaker.manual_reason", QString(1025, QLatin1Char('r'))),
            "policies[0].circuit_breaker.manual_reason", "expected at most 1024 characters, got 1025");
        row("manual_actor too long",
            mutated(n, "policies.0.circuit_breaker.manual_actor", QString(129, QLatin1Char('a'))),
            "policies[0].circuit_breaker.manual_actor", "expected at most 128 characters, got 129");
        row("negative covered_seconds", mutated(n, "metrics.covered_seconds", -0.5),
            "metrics.covered_seconds", "expected a non-negative number, got -0.5");
        row("null covered_seconds", mutated(n, "metrics.covered_seconds", QJsonValue(QJsonValue::Null)),
            "metrics.covered_seconds", "expected a number, got null");
        row("failures that do not add up", mutated(n, "metrics.failures.downstream", 8), "metrics.failures",
            "the parts add up to 13, not failed_operations 12");
        row("failures adding up past 2^64",
            mutated(mutated(n, "metrics.failures.downstream", 1.8e19), "metrics.failures.cancelled", 1.8e19),
            "metrics.failures", "the parts add up to more than 2^64, not failed_operations 12");
        row("failures.timeout is not timeouts",
            mutated(mutated(n, "metrics.failures.timeout", 3), "metrics.failures.downstream", 6),
            "metrics.failures.timeout", "3, but timeouts is 2");
        row("failures.rate_limited is not rate_limit_hits",
            mutated(mutated(n, "metrics.failures.rate_limited", 4), "metrics.failures.downstream", 6),
            "metrics.failures.rate_limited", "4, but rate_limit_hits is 3");
        row("failure part missing", mutated(n, "metrics.failures.breaker_open", gone),
            "metrics.failures.breaker_open", "missing");
        row("failure part negative", mutated(n, "metrics.failures.cancelled", -1),
            "metrics.failures.cancelled", "expected a non-negative integer, got -1");
        row("failures not an object", mutated(n, "metrics.failures", QJsonArray{1, 2}), "metrics.failures",
            "expected an object, got an array");
        row("no p99", mutated(n, "metrics.p99_response_time", gone), "metrics.p99_response_time", "missing");
        row("p99 as string", mutated(n, "metrics.p99_response_time", "fast"), "metrics.p99_response_time",
            "expected a number, got a string");
        row("no max_tokens", mutated(n, "policies.0.rate_limiter.max_tokens", gone),
            "policies[0].rate_limiter.max_tokens", "missing");
        row("negative queue_limit", mutated(n, "policies.0.bulkhead.queue_limit", -1),
            "policies[0].bulkhead.queue_limit", "expected a non-negative integer, got -1");
        row("failure_rate over 1", mutated(n, "policies.0.circuit_breaker.failure_rate", 1.5),
            "policies[0].circuit_breaker.failure_rate", "expected a fraction in [0, 1], got 1.5");
        row("guide: no bulkhead", mutated(g, "resilience_stats.bulkhead", gone), "resilience_stats.bulkhead",
            "missing");
        row("guide breaker status", mutated(g, "resilience_stats.circuit_breaker.status", "ajar"),
            "resilience_stats.circuit_breaker.status",
            "expected a breaker state (closed, open, half_open, isolated, disabled, or another library's "
            "spelling of one), got \"ajar\"");
        // v1 is the protocol's own: its spellings only.
        row("native breaker alias", mutated(n, "policies.0.circuit_breaker.state", "FORCED_OPEN"),
            "policies[0].circuit_breaker.state",
            "expected one of closed, open, half_open, isolated, disabled, got \"FORCED_OPEN\"");
        row("guide statistics retries", mutated(g, "resilience_stats.statistics.retries", gone),
            "resilience_stats.statistics.retries", "missing");
        row("guide naive time", mutated(g, "metrics.last_success_time", "29/11/2026"),
            "metrics.last_success_time", "expected an RFC 3339 time, got \"29/11/2026\"");
        row("neither format", "{\"service\": \"x\"}", "", "not a health document");
        row("top-level array", "[1, 2]", "", "expected an object, got an array");
        row("malformed", "{\"schema\": ", "", "malformed JSON at offset");
    }
    // manual_reason and manual_actor: read as the service said them, absent (or null) stays absent, the
    // limits are inclusive; written back only when known.
    void manualNotes_data() {
        QTest::addColumn<QJsonValue>("reason");
        QTest::addColumn<QJsonValue>("actor");
        QTest::addColumn<bool>("hasReason");
        QTest::addColumn<bool>("hasActor");
        const QJsonValue gone(QJsonValue::Undefined);
        const QJsonValue null(QJsonValue::Null);
        const QString reason = QStringLiteral("deploy of payments v2");
        const QString actor = QStringLiteral("alice (bearer:3f9a)");
        QTest::newRow("both") << QJsonValue(reason) << QJsonValue(actor) << true << true;
        QTest::newRow("neither") << gone << gone << false << false;
        QTest::newRow("nulls") << null << null << false << false;
        QTest::newRow("reason only") << QJsonValue(reason) << gone << true << false;
        QTest::newRow("actor only") << gone << QJsonValue(actor) << false << true;
        QTest::newRow("empty strings") << QJsonValue(QString()) << QJsonValue(QString()) << true << true;
        QTest::newRow("at the limits") << QJsonValue(QString(1024, QLatin1Char('r')))
                                       << QJsonValue(QString(128, QLatin1Char('a'))) << true << true;
    }
    void manualNotes() {
        QFETCH(QJsonValue, reason);
        QFETCH(QJsonValue, actor);
        QFETCH(bool, hasReason);
        QFETCH(bool, hasActor);
        QByteArray body = mutated(fixture(QStringLiteral("native-example.json")),
                                  QStringLiteral("policies.0.circuit_breaker.manual_reason"), reason);
        body = mutated(body, QStringLiteral("policies.0.circuit_breaker.manual_actor"), actor);
        const HealthParseResult r = HealthCodec::decode(body, kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        const BreakerHealth& b = *r.document->policies[0].circuitBreaker;
        QCOMPARE(b.manualReason.has_value(), hasReason);
        QCOMPARE(b.manualActor.has_value(), hasActor);
        if (hasReason)
            QCOMPARE(*b.manualReason, reason.toString());
        if (hasActor)
            QCOMPARE(*b.manualActor, actor.toString());
        const QJsonObject written = HealthCodec::toJson(*r.document)
                                        .value(QStringLiteral("policies"))
                                        .toArray()
                                        .at(0)
                                        .toObject()
                                        .value(QStringLiteral("circuit_breaker"))
                                        .toObject();
        QCOMPARE(written.contains(QStringLiteral("manual_reason")), hasReason);
        QCOMPARE(written.contains(QStringLiteral("manual_actor")), hasActor);
        const HealthParseResult again = HealthCodec::fromJson(HealthCodec::toJson(*r.document), kReadTime);
        QVERIFY(again.ok());
        QVERIFY(*again.document == *r.document);
    }

    // A figure the guide's document does not have is null in the v1 JSON written from it (as
    // `jimini health --json` writes it), never 0, and stays absent when that JSON is read again.
    void absentFiguresStayAbsent_data() {
        QTest::addColumn<QString>("path");
        for (const char* path :
             {"metrics.p50_response_time", "metrics.p95_response_time", "metrics.p99_response_time",
              "metrics.requests_per_second", "policies.0.circuit_breaker.failure_rate",
              "policies.0.circuit_breaker.slow_call_rate", "policies.0.circuit_breaker.buffered_calls",
              "policies.0.circuit_breaker.rejected_calls", "policies.0.bulkhead.queue_limit",
              "policies.0.bulkhead.rejection_count", "policies.0.rate_limiter.max_tokens",
              "policies.0.rate_limiter.multiplier", "policies.0.rate_limiter.rejected"})
            QTest::newRow(path) << QString::fromLatin1(path);
    }
    void absentFiguresStayAbsent() {
        QFETCH(QString, path);
        const HealthParseResult guide =
            HealthCodec::decode(fixture(QStringLiteral("guide-healthy.json")), kReadTime);
        QVERIFY(guide.ok());
        const QJsonObject written = HealthCodec::toJson(*guide.document);
        QJsonValue node = written;
        for (const QString& key : path.split(u'.')) {
            bool isIndex = false;
            const int i = key.toInt(&isIndex);
            node = isIndex ? node.toArray().at(i) : node.toObject().value(key);
        }
        QVERIFY2(node.isNull(), qPrintable(path + QStringLiteral(" is not null")));
        const HealthParseResult again = HealthCodec::fromJson(written, kReadTime);
        QVERIFY2(again.ok(), qPrintable(again.errorPath + QStringLiteral(": ") + again.error));
        QVERIFY(*again.document == [&] {
            HealthDocument d = *guide.document;
            d.format = HealthFormat::NativeV1;
            return d;
        }());
        // Null where v1 allows it is "not reported"; in the native example the figure is there.
        const HealthParseResult native = HealthCodec::decode(
            mutated(fixture(QStringLiteral("native-example.json")), path, QJsonValue(QJsonValue::Null)),
            kReadTime);
        QVERIFY2(native.ok(), qPrintable(native.errorPath + QStringLiteral(": ") + native.error));
        QVERIFY(*native.document !=
                *HealthCodec::decode(fixture(QStringLiteral("native-example.json")), kReadTime).document);
    }

    void invalid() {
        QFETCH(QByteArray, body);
        QFETCH(QString, path);
        QFETCH(QString, reason);
        const HealthParseResult r = HealthCodec::decode(body, kReadTime);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorPath, path);
        QVERIFY2(r.error.contains(reason), qPrintable(r.error));
    }

    void lenientWhereAllowed() {
        QByteArray body = fixture(QStringLiteral("native-example.json"));
        body.replace("\"total_operations\": 1200,", "\"total_operations\": 1200.0,");
        body.replace("\"schema\": \"jimini.health/v1\",",
                     "\"schema\": \"jimini.health/v1\", \"future\": {\"x\": [1]}, \"shards\": 4,");
        HealthParseResult r = HealthCodec::decode(body, kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        QCOMPARE(r.document->metrics.totalOperations, 1200u);
        const HealthParseResult plain =
            HealthCodec::decode(fixture(QStringLiteral("native-example.json")), kReadTime);
        QVERIFY(*r.document == *plain.document);
        // Off stages are null; times given with an offset are converted to UTC.
        const QByteArray offStages = mutated(mutated(fixture(QStringLiteral("native-example.json")),
                                                     "policies.0.bulkhead", QJsonValue(QJsonValue::Null)),
                                             "timestamp", "2026-11-29T03:30:00.123+01:00");
        r = HealthCodec::decode(mutated(offStages, "policies.0.rate_limiter", QJsonValue(QJsonValue::Null)),
                                kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        QVERIFY(!r.document->policies[0].bulkhead && !r.document->policies[0].rateLimiter);
        QCOMPARE(r.document->timestamp, utc(2, 30, 0, 123));
    }

    // covered_seconds came within v1: a service that does not send it has not said it, so it stays
    // absent through decode and encode rather than becoming 0 (or the window).
    void coveredSecondsAbsentStaysAbsent() {
        const QJsonValue gone(QJsonValue::Undefined);
        const HealthParseResult r = HealthCodec::decode(
            mutated(fixture(QStringLiteral("native-example.json")), "metrics.covered_seconds", gone),
            kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        QVERIFY(!r.document->metrics.coveredSeconds);
        QVERIFY(!HealthCodec::toJson(*r.document)
                     .value(QStringLiteral("metrics"))
                     .toObject()
                     .contains(QStringLiteral("covered_seconds")));
        const HealthParseResult guide =
            HealthCodec::decode(fixture(QStringLiteral("guide-degraded.json")), kReadTime);
        QVERIFY(guide.ok());
        QVERIFY(!guide.document->metrics.coveredSeconds);
        QVERIFY(!guide.document->metrics.failures);
    }

    // Counters beyond 2^63 - 1 (only ever read from a JSON double) are written as that double, so a
    // breakdown that adds up still adds up when read back (clamping them did not).
    void hugeCountersRoundTrip() {
        // Doubles near 1.6e19 are 2048 apart: downstream + 2 + 3 + cancelled 2043 is exactly failed.
        const QByteArray body = mutated(mutated(mutated(fixture(QStringLiteral("native-example.json")),
                                                        "metrics.failed_operations", 1.6e19),
                                                "metrics.failures.downstream", 1.6e19 - 2048),
                                        "metrics.failures.cancelled", 2043);
        const HealthParseResult r = HealthCodec::decode(body, kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.errorPath + QStringLiteral(": ") + r.error));
        const HealthParseResult again = HealthCodec::decode(HealthCodec::encode(*r.document), kReadTime);
        QVERIFY2(again.ok(), qPrintable(again.errorPath + QStringLiteral(": ") + again.error));
        QVERIFY(*again.document == *r.document);
    }

    void oversizeRefusedBeforeParsing() {
        // Not JSON at all: a parser would report a syntax error, so the size message proves it never ran.
        const QByteArray big(5 * 1024 * 1024, 'x');
        const HealthParseResult r = HealthCodec::decode(big, kReadTime);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorPath, QString());
        QCOMPARE(r.error, QStringLiteral("document is 5242880 bytes, over the 4194304-byte limit"));
        // Exactly at the limit is still read.
        QByteArray atLimit = fixture(QStringLiteral("native-example.json"));
        atLimit.append(QByteArray(HealthCodec::maxDocumentSize - atLimit.size(), ' '));
        QVERIFY(HealthCodec::decode(atLimit, kReadTime).ok());
    }
};

QTEST_GUILESS_MAIN(tst_HealthCodec)
#include "tst_healthcodec.moc"
