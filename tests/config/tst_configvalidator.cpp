// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configcodec.h"
#include "config/configvalidator.h"
#include "configtestdata.h"

#include <QLocale>
#include <QTest>

#include <limits>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
using Mutation = void (*)(ResilienceConfig&);
PipelineOptions& pipeline(ResilienceConfig& c) {
    return c.policies.front().pipeline;
}
} // namespace

// The same rules hold for a config built in code as for a file; paths are still the JSON keys.
class tst_ConfigValidator : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void builtConfig_data() {
        QTest::addColumn<Mutation>("mutate");
        QTest::addColumn<QList<ConfigError>>("expected");
        const QString d = QStringLiteral("policies.default.");
        const auto row = [](const char* name, Mutation m, const QList<ConfigError>& e) {
            QTest::newRow(name) << m << e;
        };

        row("defaults are valid", [](ResilienceConfig&) {}, {});
        row("all stages off is valid",
            [](ResilienceConfig& c) { pipeline(c) = {{}, {}, {}, {}, {}, guideOrder}; }, {});
        row("max_attempts 0", [](ResilienceConfig& c) { pipeline(c).retry->maxAttempts = 0; },
            {{d + "retry.max_attempts", "must be an integer between 1 and 100 (got 0)"}});
        row("NaN multiplier", [](ResilienceConfig& c) { pipeline(c).retry->multiplier = std::nan(""); },
            {{d + "retry.multiplier", "must be a number >= 1 (got nan)"}});
        row("infinite rate",
            [](ResilienceConfig& c) {
                pipeline(c).rateLimit->requestsPerSecond = std::numeric_limits<double>::infinity();
            },
            {{d + "rate_limit.requests_per_second", "must be a number > 0 (got inf)"}});
        row("enum out of range",
            [](ResilienceConfig& c) { pipeline(c).retry->backoff = static_cast<BackoffKind>(9); },
            {{d + "retry.backoff", "invalid enumerator 9"}});
        row("category bit out of range",
            [](ResilienceConfig& c) { pipeline(c).circuitBreaker->failureCategories |= 1u << 20; },
            {{d + "circuit_breaker.failure_on",
              "contains a category outside service_unavailable, system_busy, timeout, rate_limit, "
              "business_logic, unknown"}});
        row("negative queue wait", [](ResilienceConfig& c) { pipeline(c).bulkhead->maxQueueWait = -1s; },
            {{d + "bulkhead.queue_timeout",
              "must be a duration in seconds between 0 and 31536000 (got -1)"}});
        // A value wrong on its own is not reported a second time by the cross-key rule.
        row("negative max_delay, once", [](ResilienceConfig& c) { pipeline(c).retry->maxDelay = -2s; },
            {{d + "retry.max_delay", "must be a duration in seconds between 0 and 31536000 (got -2)"}});
        row("inactive budget keys are not checked",
            [](ResilienceConfig& c) {
                pipeline(c).retry->budget = RetryBudgetKind::None;
                pipeline(c).retry->budgetRatio = -5;
            },
            {});
        row("active budget keys are", [](ResilienceConfig& c) { pipeline(c).retry->budgetRatio = -5; },
            {{d + "retry.budget.ratio", "must be a number > 0 and <= 1 (got -5)"}});
        row("adaptive keys only when adaptive",
            [](ResilienceConfig& c) { pipeline(c).rateLimit->adaptDecrease = 0; }, {});
        row("timeout all zero",
            [](ResilienceConfig& c) {
                *pipeline(c).timeout = {0s, 0s};
            },
            {{d + "timeout",
              "must be > 0: per_attempt and overall cannot both be 0 (use null to turn the stage off)"}});
        row("order with a repeat",
            [](ResilienceConfig& c) {
                pipeline(c).order = {Stage::Retry, Stage::Retry, Stage::Retry, Stage::Bulkhead,
                                     Stage::Timeout};
            },
            {{d + "order[1]", "duplicate stage \"retry\""},
             {d + "order[2]", "duplicate stage \"retry\""},
             {d + "order", "missing stage \"rate_limit\""},
             {d + "order", "missing stage \"circuit_breaker\""}});
        row("duplicate policy name", [](ResilienceConfig& c) { c.policies.push_back(c.policies.front()); },
            {{"policies.default", "duplicate policy name"}});
        row("name too long", [](ResilienceConfig& c) { c.policies.front().name = QString(65, 'a'); },
            {{"policies." + QString(65, 'a'), "policy name must match [A-Za-z0-9_.-]{1,64}"}});
        row("name ..", [](ResilienceConfig& c) { c.policies.front().name = QStringLiteral(".."); },
            {{"policies...", "policy name must not be \".\" or \"..\" (it names a path segment in the "
                             "breaker URL)"}});
        row("name .", [](ResilienceConfig& c) { c.policies.front().name = QStringLiteral("."); },
            {{"policies..", "policy name must not be \".\" or \"..\" (it names a path segment in the "
                            "breaker URL)"}});
        row("name with a NUL", [](ResilienceConfig& c) { c.policies.front().name = QString(QChar(0)); },
            {{"policies." + QString(QChar(0)), "policy name must match [A-Za-z0-9_.-]{1,64}"}});
        row("no policies, no environment",
            [](ResilienceConfig& c) {
                c.policies.clear();
                c.environment.clear();
            },
            {{"environment", "must not be empty"}, {"policies", "must contain at least one policy"}});
    }
    void builtConfig() {
        QFETCH(Mutation, mutate);
        QFETCH(QList<ConfigError>, expected);
        ResilienceConfig config{
            QStringLiteral("built"), {}, {{QStringLiteral("default"), PipelineOptions{}}}};
        mutate(config);
        const QList<ConfigError> errors = ConfigCodec::validate(config);
        QCOMPARE(errors, expected);
    }

    void nonDefaultConfigIsValid() {
        QCOMPARE(ConfigCodec::validate(testdata::nonDefaultConfig()), QList<ConfigError>{});
    }

    void policyNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "payments" << true;
        QTest::newRow("all classes") << "Pay.v2_eu-West" << true;
        QTest::newRow("64 chars") << QString(64, 'x') << true;
        QTest::newRow("65 chars") << QString(65, 'x') << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "pay ments" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("non-ASCII letter") << "zahlungsverkehr-ü" << false;
        QTest::newRow("dot") << "." << false;
        QTest::newRow("dot dot") << ".." << false;
        QTest::newRow("three dots") << "..." << true;
        QTest::newRow("leading dot") << ".hidden" << true;
        QTest::newRow("NUL") << QString(QChar(0)) << false;
        QTest::newRow("newline") << "a\nb" << false;
        QTest::newRow("tab") << "a\tb" << false;
        QTest::newRow("DEL") << "a\x7f" << false;
        QTest::newRow("percent") << "a%2Fb" << false;
    }
    void policyNames() {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(ConfigValidator::isValidPolicyName(name), valid);
    }
};

QTEST_GUILESS_MAIN(tst_ConfigValidator)
#include "tst_configvalidator.moc"
