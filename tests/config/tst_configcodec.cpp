// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configcodec.h"
#include "config/configdiff.h"
#include "config/configvalidator.h"
#include "config/profiles.h"
#include "configtestdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

#include <algorithm>

using namespace jimini;
using namespace std::chrono_literals;

namespace {

// The production profile's policy; rows replace one of its keys.
const char* basePolicy = R"({
    "retry": {"max_attempts": 3, "initial_delay": 1, "max_delay": 10, "randomize": true},
    "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60},
    "timeout": 30,
    "bulkhead": {"limit": 10, "queue": 5},
    "rate_limit": {"requests_per_second": 8, "burst_limit": 15}})";

QJsonValue jsonValue(const QByteArray& text) {
    return QJsonDocument::fromJson('[' + text + ']').array().first();
}

QByteArray document(const QJsonObject& policy, const QString& name = QStringLiteral("default")) {
    QJsonObject root{{"environment", "test"}, {"policies", QJsonObject{{name, policy}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// A valid document whose policy has key set to the given JSON (or removed, for an empty value).
QByteArray with(const QString& key, const QByteArray& value) {
    QJsonObject policy = QJsonDocument::fromJson(basePolicy).object();
    if (value.isEmpty())
        policy.remove(key);
    else
        policy.insert(key, jsonValue(value));
    return document(policy);
}

PipelineOptions parsePolicy(const QByteArray& json) {
    const ConfigParseResult result = ConfigCodec::parse(json);
    for (const ConfigError& e : result.errors)
        qWarning() << e.toString();
    return result.config ? result.config->policies.front().pipeline : PipelineOptions{};
}

} // namespace

class tst_ConfigCodec : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void roundTrip_data();
    void roundTrip();
    void everyOptionSurvives();
    void goldenText();

    void timeoutForms_data();
    void timeoutForms();
    void absentAndNullStages();
    void jitterMapping_data();
    void jitterMapping();
    void policiesAreSorted();
    void breakerCapFollowsRecoveryTimeout();
    void sizeLimitIsInclusive();
    void largestConfigRoundTrips();

    void invalid_data();
    void invalid();
};

using testdata::differences;
using testdata::nonDefaultConfig;

void tst_ConfigCodec::roundTrip_data() {
    QTest::addColumn<ResilienceConfig>("config");
    for (const QString& name : Profiles::names())
        QTest::newRow(qPrintable(name)) << *Profiles::load(name);
    QTest::newRow("every option non-default") << nonDefaultConfig();
    ResilienceConfig off{"off", "", {{"bare", PipelineOptions{}}}};
    off.policies[0].pipeline = {std::nullopt, std::nullopt, std::nullopt,
                                std::nullopt, std::nullopt, guideOrder};
    QTest::newRow("all stages off") << off;
    ResilienceConfig text{"eu \"west\" ü", "tab\there\nnew line \\ \u0001", {{"a.b-c_9", PipelineOptions{}}}};
    QTest::newRow("escaped text") << text;
}

void tst_ConfigCodec::roundTrip() {
    QFETCH(ResilienceConfig, config);
    QCOMPARE(ConfigCodec::validate(config), QList<ConfigError>{});
    const QByteArray first = ConfigCodec::serialize(config);
    const ConfigParseResult parsed = ConfigCodec::parse(first);
    QCOMPARE(parsed.errors, QList<ConfigError>{});
    QVERIFY(parsed.config);
    QCOMPARE(ConfigCodec::serialize(*parsed.config), first);
    QCOMPARE(parsed.config->environment, config.environment);
    QCOMPARE(parsed.config->description, config.description);
    QCOMPARE(ConfigDiff::diff(config, *parsed.config), QList<ConfigChange>{});
}

// Typed, field by field: a key the writer forgot would come back as its default and show up here.
void tst_ConfigCodec::everyOptionSurvives() {
    const ResilienceConfig config = nonDefaultConfig();
    const ConfigParseResult parsed = ConfigCodec::parse(ConfigCodec::serialize(config));
    QVERIFY(parsed.config);
    QCOMPARE(parsed.config->policies.size(), config.policies.size());
    const PipelineOptions defaults;
    for (std::size_t i = 0; i < config.policies.size(); ++i) {
        QCOMPARE(parsed.config->policies[i].name, config.policies[i].name);
        QCOMPARE(differences(parsed.config->policies[i].pipeline, config.policies[i].pipeline),
                 QStringList{});
    }
    // And the config really does move every option (the budget keys of the other kind aside).
    QCOMPARE(differences(defaults, config.policies[0].pipeline).size(), 46);
    QCOMPARE(differences(defaults, config.policies[1].pipeline).size(), 46);
}

void tst_ConfigCodec::goldenText() {
    ResilienceConfig config{"golden", "", {{"p", PipelineOptions{}}}};
    auto& p = config.policies[0].pipeline;
    p.circuitBreaker.reset();
    p.bulkhead.reset();
    p.rateLimit->adaptive = true;
    p.retry->initialDelay = 250ms;
    p.retry->budget = RetryBudgetKind::Tokens;
    p.timeout->overall = 1500ms;
    const QByteArray expected = R"({
    "environment": "golden",
    "description": "",
    "policies": {
        "p": {
            "retry": {
                "max_attempts": 3,
                "initial_delay": 0.25,
                "max_delay": 10,
                "randomize": true,
                "backoff": "exponential",
                "multiplier": 2,
                "jitter": "full",
                "retry_on": ["service_unavailable", "system_busy", "timeout", "rate_limit"],
                "honour_retry_after": true,
                "max_retry_after": 30,
                "reject_retry_after_above_cap": false,
                "budget": {
                    "kind": "tokens",
                    "max_tokens": 100,
                    "token_ratio": 0.1
                }
            },
            "circuit_breaker": null,
            "timeout": {
                "per_attempt": 30,
                "overall": 1.5
            },
            "bulkhead": null,
            "rate_limit": {
                "requests_per_second": 8,
                "burst_limit": 15,
                "kind": "token_bucket",
                "window": 1,
                "adaptive": {
                    "interval": 60,
                    "high_error_rate": 0.15,
                    "low_error_rate": 0.05,
                    "decrease": 0.8,
                    "increase": 1.1,
                    "max_multiplier": 2,
                    "min_multiplier": 0.05
                }
            },
            "order": ["rate_limit", "bulkhead", "circuit_breaker", "retry", "timeout"]
        }
    }
}
)";
    QCOMPARE(ConfigCodec::serialize(config), expected);
}

void tst_ConfigCodec::timeoutForms_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("perAttemptMs");
    QTest::addColumn<qint64>("overallMs");
    QTest::newRow("number") << QByteArray("30") << qint64(30000) << qint64(0);
    QTest::newRow("fractional number") << QByteArray("2.5") << qint64(2500) << qint64(0);
    QTest::newRow("object") << QByteArray(R"({"per_attempt": 5, "overall": 12.25})") << qint64(5000)
                            << qint64(12250);
    QTest::newRow("object, overall only")
        << QByteArray(R"({"per_attempt": 0, "overall": 10})") << qint64(0) << qint64(10000);
    QTest::newRow("object, defaults") << QByteArray("{}") << qint64(30000) << qint64(0);
}

void tst_ConfigCodec::timeoutForms() {
    QFETCH(QByteArray, value);
    QFETCH(qint64, perAttemptMs);
    QFETCH(qint64, overallMs);
    const PipelineOptions p = parsePolicy(with("timeout", value));
    QVERIFY(p.timeout);
    QCOMPARE(std::chrono::duration_cast<std::chrono::milliseconds>(p.timeout->perAttempt).count(),
             perAttemptMs);
    QCOMPARE(std::chrono::duration_cast<std::chrono::milliseconds>(p.timeout->overall).count(), overallMs);
}

void tst_ConfigCodec::absentAndNullStages() {
    PipelineOptions p = parsePolicy(document(QJsonObject{}));
    QVERIFY(!p.retry && !p.circuitBreaker && !p.timeout && !p.bulkhead && !p.rateLimit);
    QVERIFY(p.order == guideOrder);

    p = parsePolicy(with("retry", "null"));
    QVERIFY(!p.retry);
    QVERIFY(p.circuitBreaker && p.timeout && p.bulkhead && p.rateLimit);

    p = parsePolicy(document(QJsonObject{{"bulkhead", QJsonObject{}}, {"timeout", QJsonValue::Null}}));
    QVERIFY(p.bulkhead && !p.timeout && !p.retry);
    QCOMPARE(p.bulkhead->maxConcurrent, 10u);
    QCOMPARE(p.bulkhead->maxQueued, 5u);
    QCOMPARE(p.bulkhead->maxQueueWait, Duration(5s));
}

void tst_ConfigCodec::jitterMapping_data() {
    QTest::addColumn<QByteArray>("retry");
    QTest::addColumn<JitterKind>("jitter");
    QTest::newRow("neither: default") << QByteArray("{}") << JitterKind::Full;
    QTest::newRow("randomize true") << QByteArray(R"({"randomize": true})") << JitterKind::Full;
    QTest::newRow("randomize false") << QByteArray(R"({"randomize": false})") << JitterKind::None;
    QTest::newRow("jitter alone") << QByteArray(R"({"jitter": "equal"})") << JitterKind::Equal;
    QTest::newRow("randomize true, jitter decorrelated")
        << QByteArray(R"({"randomize": true, "jitter": "decorrelated"})") << JitterKind::Decorrelated;
    QTest::newRow("randomize false, jitter none")
        << QByteArray(R"({"randomize": false, "jitter": "none"})") << JitterKind::None;
}

void tst_ConfigCodec::jitterMapping() {
    QFETCH(QByteArray, retry);
    QFETCH(JitterKind, jitter);
    const PipelineOptions p = parsePolicy(with("retry", retry));
    QVERIFY(p.retry);
    QCOMPARE(p.retry->jitter, jitter);
}

void tst_ConfigCodec::policiesAreSorted() {
    const QJsonObject policy = QJsonDocument::fromJson(basePolicy).object();
    const QJsonObject root{
        {"environment", "x"},
        {"policies", QJsonObject{{"zeta", policy}, {"alpha", QJsonObject{}}, {"mid", policy}}}};
    const ConfigParseResult result = ConfigCodec::parse(QJsonDocument(root).toJson());
    QVERIFY(result.config);
    QStringList names;
    for (const PolicyConfig& p : result.config->policies)
        names << p.name;
    QCOMPARE(names, (QStringList{"alpha", "mid", "zeta"}));
    QVERIFY(!result.config->policy("alpha")->pipeline.retry);
    QCOMPARE(result.config->policy("zeta")->pipeline.retry->maxAttempts, 3u);
    QVERIFY(!result.config->policy("beta"));
}

// A file with only the guide's keys must not trip over max_recovery_timeout, which it never mentions.
void tst_ConfigCodec::breakerCapFollowsRecoveryTimeout() {
    PipelineOptions p = parsePolicy(with("circuit_breaker", R"({"recovery_timeout": 900})"));
    QVERIFY(p.circuitBreaker);
    QCOMPARE(p.circuitBreaker->openDuration, Duration(900s));
    QCOMPARE(p.circuitBreaker->maxOpenDuration, Duration(900s));
    p = parsePolicy(with("circuit_breaker", R"({"recovery_timeout": 30})"));
    QCOMPARE(p.circuitBreaker->maxOpenDuration, Duration(600s));
}

void tst_ConfigCodec::largestConfigRoundTrips() {
    const qsizetype most = ConfigValidator::maxPolicies;
    ResilienceConfig largest = testdata::worstCaseConfig(most, ConfigValidator::maxEnvironmentLength,
                                                         ConfigValidator::maxDescriptionLength);
    QCOMPARE(ConfigCodec::validate(largest), QList<ConfigError>{});
    const QByteArray text = ConfigCodec::serialize(largest);
    const qsizetype perPolicy = ConfigCodec::serialize(testdata::worstCaseConfig(2, 1, 0)).size() -
                                ConfigCodec::serialize(testdata::worstCaseConfig(1, 1, 0)).size();
    qInfo("worst case: %lld bytes a policy, %lld bytes for %lld policies (limit %lld)", qint64(perPolicy),
          qint64(text.size()), qint64(most), qint64(ConfigCodec::maxDocumentSize));
    QVERIFY(text.size() <= ConfigCodec::maxDocumentSize);
    const ConfigParseResult back = ConfigCodec::parse(text);
    QVERIFY2(back.ok(), qPrintable(back.errors.value(0).toString()));
    QCOMPARE(ConfigCodec::serialize(*back.config), text);

    // One more of anything is refused, with its path.
    largest.policies.push_back(testdata::worstCasePolicy(QStringLiteral("one-more")));
    largest.environment += QLatin1Char('e');
    largest.description += QLatin1Char('d');
    const QList<ConfigError> errors = ConfigCodec::validate(largest);
    QCOMPARE(errors.size(), 3);
    QCOMPARE(errors[0], (ConfigError{"environment", "must be at most 64 characters (got 65)"}));
    QCOMPARE(errors[1], (ConfigError{"description", "must be at most 1024 characters (got 1025)"}));
    QCOMPARE(errors[2], (ConfigError{"policies", "must contain at most 256 policies (got 257)"}));
}

void tst_ConfigCodec::sizeLimitIsInclusive() {
    QByteArray json = with("retry", "{}");
    json += QByteArray(ConfigCodec::maxDocumentSize - json.size(), ' ');
    QCOMPARE(json.size(), 1024 * 1024);
    QVERIFY(ConfigCodec::parse(json).config);
    json += ' ';
    const ConfigParseResult refused = ConfigCodec::parse(json);
    QVERIFY(!refused.config);
    QCOMPARE(refused.errors.size(), 1);
    QCOMPARE(refused.errors.front().path, QString());
    QCOMPARE(refused.errors.front().message,
             QStringLiteral("document is 1048577 bytes, more than the limit of 1048576 bytes (1 MiB)"));
}

void tst_ConfigCodec::invalid_data() {
    QTest::addColumn<QByteArray>("json");
    // One "path|message fragment" per expected error, sorted by path.
    QTest::addColumn<QStringList>("expected");
    const QString r = QStringLiteral("policies.default.retry.");
    const QString b = QStringLiteral("policies.default.circuit_breaker.");
    const QString t = QStringLiteral("policies.default.timeout");
    const QString l = QStringLiteral("policies.default.rate_limit.");
    const QString o = QStringLiteral("policies.default.order");
    const auto row = [](const char* name, const QByteArray& json, const QStringList& expected) {
        QTest::newRow(name) << json << expected;
    };

    row("unknown key", with("retry", R"({"max_atempts": 3})"), {r + "max_atempts|unknown key"});
    row("wrong type", with("retry", R"({"max_attempts": "3"})"),
        {r + "max_attempts|expected an integer, found a string"});
    row("fractional integer", with("retry", R"({"max_attempts": 2.5})"),
        {r + "max_attempts|expected an integer, found 2.5"});
    row("max_attempts 0", with("retry", R"({"max_attempts": 0})"),
        {r + "max_attempts|must be an integer between 1 and 100 (got 0)"});
    row("max_attempts 101", with("retry", R"({"max_attempts": 101})"),
        {r + "max_attempts|must be an integer between 1 and 100 (got 101)"});
    row("max_attempts negative", with("retry", R"({"max_attempts": -1})"),
        {r + "max_attempts|must be an integer between 1 and 100 (got -1)"});
    row("max_attempts beyond 32 bits", with("retry", R"({"max_attempts": 1e10})"),
        {r + "max_attempts|must be an integer between 1 and 100 (got 10000000000)"});
    row("negative delay", with("retry", R"({"initial_delay": -1})"),
        {r + "initial_delay|must be a duration in seconds between 0 and 31536000 (got -1)"});
    row("delay beyond a year", with("retry", R"({"max_delay": 1e12})"),
        {r + "max_delay|must be a duration in seconds between 0 and 31536000 (got 1000000000000)"});
    row("max_delay below initial_delay", with("retry", R"({"initial_delay": 5, "max_delay": 2})"),
        {r + "max_delay|must be >= initial_delay (5) (got 2)"});
    row("multiplier below 1", with("retry", R"({"multiplier": 0.5})"),
        {r + "multiplier|must be a number >= 1 (got 0.5)"});
    row("jitter against randomize", with("retry", R"({"randomize": false, "jitter": "full"})"),
        {r + R"(jitter|must be "none" when randomize is false (got "full"))"});
    row("bad backoff", with("retry", R"({"backoff": "quadratic"})"),
        {r + R"(backoff|must be one of constant, linear, exponential (got "quadratic"))"});
    row("unknown category", with("retry", R"({"retry_on": ["timeout", "network"]})"),
        {r + R"(retry_on[1]|must be one of service_unavailable, system_busy, timeout, rate_limit, )"
             R"(business_logic, unknown (got "network"))"});
    row("duplicate category", with("retry", R"({"retry_on": ["timeout", "timeout"]})"),
        {r + R"(retry_on[1]|duplicate category "timeout")"});
    row("budget ratio above 1", with("retry", R"({"budget": {"kind": "ratio", "ratio": 1.5}})"),
        {r + "budget.ratio|must be a number > 0 and <= 1 (got 1.5)"});
    row("budget key of another kind", with("retry", R"({"budget": {"kind": "none", "ratio": 0.2}})"),
        {r + R"(budget.ratio|not used by budget kind "none")"});
    row("failure_threshold 0", with("circuit_breaker", R"({"failure_threshold": 0})"),
        {b + "failure_threshold|must be an integer >= 1 (got 0)"});
    row("recovery_timeout 0", with("circuit_breaker", R"({"recovery_timeout": 0})"),
        {b + "recovery_timeout|must be a duration in seconds > 0 and <= 31536000 (got 0)"});
    row("max_recovery_timeout below recovery_timeout",
        with("circuit_breaker", R"({"recovery_timeout": 60, "max_recovery_timeout": 30})"),
        {b + "max_recovery_timeout|must be >= recovery_timeout (60) (got 30)"});
    row("rate 0", with("circuit_breaker", R"({"failure_rate_threshold": 0})"),
        {b + "failure_rate_threshold|must be a number > 0 and <= 1 (got 0)"});
    row("window_size 0", with("circuit_breaker", R"({"window_size": 0})"),
        {b + "window_size|must be an integer between 1 and 100000 (got 0)"});
    row("minimum_throughput 0", with("circuit_breaker", R"({"minimum_throughput": 0})"),
        {b + "minimum_throughput|must be an integer >= 1 (got 0)"});
    row("half_open_trials 0", with("circuit_breaker", R"({"half_open_trials": 0})"),
        {b + "half_open_trials|must be an integer between 1 and 1000 (got 0)"});
    row("bad mode", with("circuit_breaker", R"({"mode": "sliding"})"),
        {b + R"(mode|must be one of consecutive, count_window, time_window (got "sliding"))"});
    row("timeout 0", with("timeout", "0"),
        {t + "|must be a duration in seconds > 0 and <= 31536000 (got 0)"});
    row("timeout string", with("timeout", R"("30")"),
        {t + "|expected a number of seconds, an object or null, found a string"});
    row("overall below per_attempt", with("timeout", R"({"per_attempt": 30, "overall": 10})"),
        {t + ".overall|must be >= per_attempt (30) when both are set (got 10)"});
    row("timeout object all zero", with("timeout", R"({"per_attempt": 0, "overall": 0})"),
        {t + "|per_attempt and overall cannot both be 0"});
    row("bulkhead limit 0 and queue -1", with("bulkhead", R"({"limit": 0, "queue": -1})"),
        {"policies.default.bulkhead.limit|must be an integer >= 1 (got 0)",
         "policies.default.bulkhead.queue|must be an integer >= 0 (got -1)"});
    row("requests_per_second 0", with("rate_limit", R"({"requests_per_second": 0, "burst_limit": 0})"),
        {l + "burst_limit|must be an integer >= 1 (got 0)",
         l + "requests_per_second|must be a number > 0 (got 0)"});
    row("bad limiter kind", with("rate_limit", R"({"kind": "leaky_bucket"})"),
        {l + R"(kind|must be one of token_bucket, fixed_window, sliding_window (got "leaky_bucket"))"});
    row("adaptive wrong type", with("rate_limit", R"({"adaptive": "yes"})"),
        {l + "adaptive|expected a boolean or an object, found a string"});
    row("adaptive rates crossed",
        with("rate_limit", R"({"adaptive": {"low_error_rate": 0.2, "high_error_rate": 0.1}})"),
        {l + "adaptive.low_error_rate|must be < high_error_rate (0.1) (got 0.2)"});
    row("duplicate in order",
        with("order", R"(["rate_limit", "bulkhead", "circuit_breaker", "retry", "retry"])"),
        {o + R"(|missing stage "timeout")", o + R"([4]|duplicate stage "retry")"});
    row("unknown stage in order",
        with("order", R"(["rate_limit", "bulkhead", "circuit_breaker", "retry", "cache"])"),
        {o + R"([4]|must be one of rate_limit, bulkhead, circuit_breaker, retry, timeout (got "cache"))"});
    row("short order", with("order", R"(["timeout", "retry", "bulkhead", "rate_limit"])"),
        {o + "|must list each of the 5 stages exactly once (got 4 entries)"});
    row("stage not an object", with("retry", "[]"),
        {"policies.default.retry|expected an object or null, found an array"});
    row("bad policy name", document(QJsonObject{}, "pay ments"),
        {"policies.pay ments|policy name must match [A-Za-z0-9_.-]{1,64}"});
    row("policy named ..", document(QJsonObject{}, ".."), {"policies...|must not be \".\" or \"..\""});
    row("policy named .", document(QJsonObject{}, "."), {"policies..|must not be \".\" or \"..\""});
    // What the JSON parser accepts silently: the first one is reported, with its path, and nothing else.
    row("duplicate policy", R"({"environment": "x", "policies": {"a": {}, "a": {"retry": {}}}})",
        {"policies.a|duplicate key at offset 43"});
    row("duplicate stage key",
        R"({"environment": "x", "policies": {"a": {"retry": {"max_attempts": 1, "max_attempts": 0}}}})",
        {"policies.a.retry.max_attempts|duplicate key at offset"});
    row("duplicate top-level key", R"({"environment": "x", "environment": "y", "policies": {"a": {}}})",
        {"environment|duplicate key"});
    row("NUL in the environment", R"({"environment": "x\u0000", "policies": {"a": {}}})",
        {"environment|NUL character (\\u0000) at offset 18"});
    row("lone surrogate in the description",
        R"({"environment": "x", "description": "\udfff", "policies": {"a": {}}})",
        {"description|lone surrogate \\udfff at offset"});
    row("lone surrogate in a policy name", R"({"environment": "x", "policies": {"\ud800": {}}})",
        {"policies.\\ud800|lone surrogate \\ud800 in a key at offset"});
    row("policy not an object", R"({"environment": "x", "policies": {"default": 3}})",
        {"policies.default|expected an object, found a number"});
    row("no policies", R"({"environment": "x", "policies": {}})",
        {"policies|must contain at least one policy"});
    row("missing keys", "{}", {"environment|missing required key", "policies|missing required key"});
    row("environment not a string", R"({"environment": 1, "policies": {"a": {}}})",
        {"environment|expected a string, found a number"});
    row("empty environment", R"({"environment": "", "policies": {"a": {}}})",
        {"environment|must not be empty"});
    row("unknown top-level key", R"({"environment": "x", "version": 2, "policies": {"a": {}}})",
        {"version|unknown key"});
    row("malformed JSON", R"({"environment": "x",)", {"|malformed JSON at offset 20"});
    row("top level array", "[1]", {"|the top level must be an object, found an array"});
    row("top level number", "3", {"|the top level must be an object, found a number"});
    row("oversize", QByteArray(ConfigCodec::maxDocumentSize + 1, '{'),
        {"|more than the limit of 1048576 bytes"});
    row("several at once",
        R"({"environment": "x", "extra": 1, "policies": {"p": {
            "retry": {"max_attempts": 0, "initial_delay": "1"},
            "bulkhead": {"limit": 0},
            "rate_limit": {"kind": "leaky", "rsp": 1}}}})",
        {"extra|unknown key", "policies.p.bulkhead.limit|must be an integer >= 1 (got 0)",
         R"(policies.p.rate_limit.kind|must be one of token_bucket)", "policies.p.rate_limit.rsp|unknown key",
         "policies.p.retry.initial_delay|expected a number of seconds, found a string",
         "policies.p.retry.max_attempts|must be an integer between 1 and 100 (got 0)"});
}

void tst_ConfigCodec::invalid() {
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    const ConfigParseResult result = ConfigCodec::parse(json);
    QVERIFY(!result.config); // nothing half-built
    QList<ConfigError> errors = result.errors;
    std::stable_sort(errors.begin(), errors.end(),
                     [](const auto& a, const auto& b) { return a.path < b.path; });
    QStringList actual;
    for (const ConfigError& e : errors)
        actual << e.path + QLatin1Char('|') + e.message;
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QString path = expected[i].section(QLatin1Char('|'), 0, 0);
        const QString fragment = expected[i].section(QLatin1Char('|'), 1);
        QCOMPARE(errors[i].path, path);
        if (!errors[i].message.contains(fragment))
            QFAIL(qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(errors[i].message, fragment)));
    }
}

QTEST_GUILESS_MAIN(tst_ConfigCodec)
#include "tst_configcodec.moc"
