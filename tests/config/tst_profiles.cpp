// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configcodec.h"
#include "config/profiles.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
double seconds(Duration d) {
    return static_cast<double>(d.count()) / 1e9;
}
} // namespace

class tst_Profiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void names() {
        QCOMPARE(Profiles::names(), (QStringList{"production", "staging", "development"}));
        QCOMPARE(Profiles::resourcePath("staging"), QStringLiteral(":/profiles/staging.json"));
    }

    void guideNumbers_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<double>("initialDelay");
        QTest::addColumn<double>("maxDelay");
        QTest::addColumn<bool>("randomize");
        QTest::addColumn<int>("failureThreshold");
        QTest::addColumn<double>("recoveryTimeout");
        QTest::addColumn<double>("timeout");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("queue");
        QTest::addColumn<double>("requestsPerSecond");
        QTest::addColumn<int>("burst");
        QTest::newRow("production") << "production" << 3 << 1.0 << 10.0 << true << 3 << 60.0 << 30.0 << 10
                                    << 5 << 8.0 << 15;
        QTest::newRow("staging") << "staging" << 3 << 1.0 << 8.0 << true << 4 << 45.0 << 25.0 << 8 << 4
                                 << 10.0 << 20;
        QTest::newRow("development") << "development" << 2 << 0.5 << 5.0 << false << 5 << 30.0 << 15.0 << 5
                                     << 3 << 15.0 << 25;
    }
    void guideNumbers() {
        QFETCH(QString, name);
        QFETCH(int, maxAttempts);
        QFETCH(double, initialDelay);
        QFETCH(double, maxDelay);
        QFETCH(bool, randomize);
        QFETCH(int, failureThreshold);
        QFETCH(double, recoveryTimeout);
        QFETCH(double, timeout);
        QFETCH(int, limit);
        QFETCH(int, queue);
        QFETCH(double, requestsPerSecond);
        QFETCH(int, burst);

        const auto config = Profiles::load(name);
        QVERIFY(config);
        QCOMPARE(config->environment, name);
        QVERIFY(!config->description.isEmpty());
        QCOMPARE(config->policies.size(), 1u);
        QCOMPARE(config->policies.front().name, QStringLiteral("default"));
        const PipelineOptions& p = config->policies.front().pipeline;
        QVERIFY(p.retry && p.circuitBreaker && p.timeout && p.bulkhead && p.rateLimit);

        QCOMPARE(p.retry->maxAttempts, static_cast<std::uint32_t>(maxAttempts));
        QCOMPARE(seconds(p.retry->initialDelay), initialDelay);
        QCOMPARE(seconds(p.retry->maxDelay), maxDelay);
        // The guide's randomize maps onto the jitter kind.
        QCOMPARE(p.retry->jitter, randomize ? JitterKind::Full : JitterKind::None);
        QCOMPARE(p.retry->backoff, BackoffKind::Exponential);

        QCOMPARE(p.circuitBreaker->failureThreshold, static_cast<std::uint32_t>(failureThreshold));
        QCOMPARE(seconds(p.circuitBreaker->openDuration), recoveryTimeout);
        QCOMPARE(p.circuitBreaker->mode, BreakerMode::ConsecutiveFailures);

        QCOMPARE(seconds(p.timeout->perAttempt), timeout);
        QCOMPARE(p.timeout->overall, Duration::zero());

        QCOMPARE(p.bulkhead->maxConcurrent, static_cast<std::uint32_t>(limit));
        QCOMPARE(p.bulkhead->maxQueued, static_cast<std::uint32_t>(queue));

        QCOMPARE(p.rateLimit->requestsPerSecond, requestsPerSecond);
        QCOMPARE(p.rateLimit->burst, static_cast<std::uint32_t>(burst));
        QCOMPARE(p.rateLimit->kind, RateLimiterKind::TokenBucket);
        QCOMPARE(p.rateLimit->adaptive, false);

        QVERIFY(p.order == guideOrder);
        QCOMPARE(ConfigCodec::validate(*config), QList<ConfigError>{});
    }

    // Keys the profiles leave out take the option structs' defaults.
    void omittedKeysTakeDefaults() {
        const auto config = Profiles::load("production");
        QVERIFY(config);
        const PipelineOptions& p = config->policies.front().pipeline;
        const RetryOptions retry;
        QCOMPARE(p.retry->multiplier, retry.multiplier);
        QCOMPARE(p.retry->retryCategories, retry.retryCategories);
        QCOMPARE(p.retry->budget, RetryBudgetKind::Ratio);
        QCOMPARE(p.circuitBreaker->maxOpenDuration, Duration(10min));
        QCOMPARE(p.bulkhead->maxQueueWait, Duration(5s));
    }

    void unknownNames_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << "";
        QTest::newRow("case differs") << "Production";
        QTest::newRow("path") << "../production";
        QTest::newRow("suffix") << "production.json";
        QTest::newRow("guide fallback is not ours") << "test";
    }
    void unknownNames() {
        QFETCH(QString, name);
        QVERIFY(!Profiles::load(name));
    }
};

QTEST_GUILESS_MAIN(tst_Profiles)
#include "tst_profiles.moc"
