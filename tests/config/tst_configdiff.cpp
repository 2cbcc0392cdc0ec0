// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configdiff.h"
#include "config/profiles.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
ResilienceConfig production() {
    return *Profiles::load(QStringLiteral("production"));
}
PipelineOptions& policy(ResilienceConfig& c) {
    return c.policies.front().pipeline;
}
const QJsonValue undefined(QJsonValue::Undefined);

} // namespace

class tst_ConfigDiff : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void identicalIsEmpty_data() {
        QTest::addColumn<QString>("profile");
        for (const QString& name : Profiles::names())
            QTest::newRow(qPrintable(name)) << name;
    }
    void identicalIsEmpty() {
        QFETCH(QString, profile);
        const auto config = Profiles::load(profile);
        QVERIFY(config);
        QCOMPARE(ConfigDiff::diff(*config, *config), QList<ConfigChange>{});
    }

    void changes_data() {
        QTest::addColumn<ResilienceConfig>("after");
        QTest::addColumn<QList<ConfigChange>>("expected");
        const QString d = QStringLiteral("policies.default.");

        ResilienceConfig leaf = production();
        policy(leaf).retry->maxAttempts = 5;
        QTest::newRow("changed leaf") << leaf << QList<ConfigChange>{{d + "retry.max_attempts", 3.0, 5.0}};

        ResilienceConfig duration = production();
        policy(duration).circuitBreaker->openDuration = 1500ms;
        QTest::newRow("changed duration, in seconds")
            << duration << QList<ConfigChange>{{d + "circuit_breaker.recovery_timeout", 60.0, 1.5}};

        ResilienceConfig removed = production();
        policy(removed).bulkhead.reset();
        const QJsonObject bulkhead{{"limit", 10}, {"queue", 5}, {"queue_timeout", 5}};
        QTest::newRow("removed stage")
            << removed << QList<ConfigChange>{{d + "bulkhead", bulkhead, undefined}};

        ResilienceConfig order = production();
        policy(order).order = {Stage::Timeout, Stage::Retry, Stage::CircuitBreaker, Stage::Bulkhead,
                               Stage::RateLimit};
        QTest::newRow("order, compared whole")
            << order
            << QList<ConfigChange>{
                   {d + "order", QJsonArray{"rate_limit", "bulkhead", "circuit_breaker", "retry", "timeout"},
                    QJsonArray{"timeout", "retry", "circuit_breaker", "bulkhead", "rate_limit"}}};

        ResilienceConfig adaptive = production();
        policy(adaptive).rateLimit->adaptive = true;
        policy(adaptive).rateLimit->adaptMaxMultiplier = 4;
        QJsonObject adaptiveObject{
            {"interval", 60},  {"high_error_rate", 0.15}, {"low_error_rate", 0.05}, {"decrease", 0.8},
            {"increase", 1.1}, {"max_multiplier", 4},     {"min_multiplier", 0.05}};
        QTest::newRow("scalar to object")
            << adaptive << QList<ConfigChange>{{d + "rate_limit.adaptive", false, adaptiveObject}};

        ResilienceConfig several = production();
        several.environment = QStringLiteral("production-eu");
        policy(several).timeout->overall = 90s;
        policy(several).retry->jitter = JitterKind::None;
        QTest::newRow("several, in file order")
            << several
            << QList<ConfigChange>{{"environment", "production", "production-eu"},
                                   {d + "retry.randomize", true, false},
                                   {d + "retry.jitter", "full", "none"},
                                   {d + "timeout.overall", 0.0, 90.0}};
    }
    void changes() {
        QFETCH(ResilienceConfig, after);
        QFETCH(QList<ConfigChange>, expected);
        const QList<ConfigChange> actual = ConfigDiff::diff(production(), after);
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < actual.size(); ++i) {
            QCOMPARE(actual[i].path, expected[i].path);
            QVERIFY2(actual[i].before == expected[i].before, qPrintable(actual[i].path));
            QVERIFY2(actual[i].after == expected[i].after, qPrintable(actual[i].path));
        }
        // The reverse diff swaps before and after.
        const QList<ConfigChange> reverse = ConfigDiff::diff(after, production());
        QCOMPARE(reverse.size(), actual.size());
        for (qsizetype i = 0; i < actual.size(); ++i)
            QVERIFY(reverse[i] == (ConfigChange{actual[i].path, actual[i].after, actual[i].before}));
    }

    void addedPolicy() {
        ResilienceConfig after = production();
        PolicyConfig payments{QStringLiteral("payments"), policy(after)};
        payments.pipeline.retry->maxAttempts = 2;
        payments.pipeline.circuitBreaker.reset();
        after.policies.push_back(payments);
        after.sortPolicies();
        const QList<ConfigChange> changes = ConfigDiff::diff(production(), after);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].path, QStringLiteral("policies.payments"));
        QVERIFY(changes[0].isAddition());
        QVERIFY(!changes[0].isRemoval());
        const QJsonObject added = changes[0].after.toObject();
        QCOMPARE(added.value("retry").toObject().value("max_attempts").toDouble(), 2.0);
        QVERIFY(added.value("circuit_breaker").isNull());
        QCOMPARE(added.value("bulkhead").toObject().value("limit").toDouble(), 10.0);

        const QList<ConfigChange> back = ConfigDiff::diff(after, production());
        QCOMPARE(back.size(), 1);
        QVERIFY(back[0].isRemoval());
        QVERIFY(back[0].before == changes[0].after);
    }

    // The guide's production -> staging step, key by key.
    void productionToStaging() {
        const QList<ConfigChange> changes = ConfigDiff::diff(production(), *Profiles::load("staging"));
        QStringList paths;
        for (const ConfigChange& c : changes)
            paths << c.path;
        const QString d = QStringLiteral("policies.default.");
        QCOMPARE(paths,
                 (QStringList{"environment", "description", d + "retry.max_delay",
                              d + "circuit_breaker.failure_threshold", d + "circuit_breaker.recovery_timeout",
                              d + "timeout.per_attempt", d + "bulkhead.limit", d + "bulkhead.queue",
                              d + "rate_limit.requests_per_second", d + "rate_limit.burst_limit"}));
        QCOMPARE(changes[2].before.toDouble(), 10.0);
        QCOMPARE(changes[2].after.toDouble(), 8.0);
        QCOMPARE(changes[9].before.toDouble(), 15.0);
        QCOMPARE(changes[9].after.toDouble(), 20.0);
    }
};

QTEST_GUILESS_MAIN(tst_ConfigDiff)
#include "tst_configdiff.moc"
