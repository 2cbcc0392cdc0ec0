// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/policyregistry.h"

#include "httptestclient.h"
#include "support/enumname.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
ResilienceConfig parse(const QByteArray& json) {
    ConfigParseResult r = ConfigCodec::parse(json);
    if (!r.ok())
        qFatal("test config does not parse: %s", qPrintable(r.errors.value(0).toString()));
    return *r.config;
}

// A call that completes inline with a fixed outcome.
struct InlineCall final : Execution {
    explicit InlineCall(Outcome o)
        : outcome(o) {}
    void runAttempt(Token token) override { complete(token, outcome); }
    void finished(const Outcome& o) override { result = o; }
    Outcome outcome;
    std::optional<Outcome> result;
};

void run(Pipeline& p, const Outcome& o, int times) {
    for (int i = 0; i < times; ++i) {
        InlineCall call(o);
        p.execute(call);
        QVERIFY(call.result);
    }
}
} // namespace

class tst_PolicyRegistry : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void versionIsShaOfSerializedConfig() {
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler, 1);
        QVERIFY(registry.version().isEmpty());
        QVERIFY(registry.apply(parse(testConfigJson())).isEmpty());
        const QByteArray expected =
            QCryptographicHash::hash(ConfigCodec::serialize(registry.config()), QCryptographicHash::Sha256)
                .toHex()
                .left(12);
        QCOMPARE(registry.version(), QString::fromLatin1(expected));
        QCOMPARE(registry.version().size(), 12);
        QCOMPARE(registry.entries().size(), std::size_t(2));
        QCOMPARE(registry.entries()[0].name, QStringLiteral("default"));
        QCOMPARE(registry.entries()[1].name, QStringLiteral("payments"));
    }

    void unchangedPolicyKeepsItsPipeline() {
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler);
        QVERIFY(registry.apply(parse(testConfigJson(3))).isEmpty());
        Pipeline* before = registry.find("payments")->pipeline.get();
        Pipeline* defaultBefore = registry.find("default")->pipeline.get();
        run(*before, Outcome::failure(ErrorCategory::ServiceUnavailable, true),
            5); // opens payments (threshold 5)
        QCOMPARE(enumName(before->circuitBreaker()->state()), enumName(BreakerState::Open));

        // Only "default" changes (failure threshold 4).
        QVERIFY(registry.apply(parse(testConfigJson(4, "test2"))).isEmpty());
        QCOMPARE(registry.find("payments")->pipeline.get(), before);
        QVERIFY(registry.find("default")->pipeline.get() != defaultBefore);
        QCOMPARE(enumName(registry.find("payments")->pipeline->circuitBreaker()->state()),
                 enumName(BreakerState::Open));
        QCOMPARE(registry.find("payments")->stats().total, quint64(5));
        QCOMPARE(registry.config().environment, QStringLiteral("test2"));
    }

    void changedPolicyCarriesStatisticsAndManualState() {
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler);
        std::vector<QString> transitions;
        registry.setTransitionHandler([&](const QString& p, const BreakerTransition& t) {
            transitions.push_back(p + ":" + QString::fromLatin1(toString(t.to).data()));
        });
        QVERIFY(registry.apply(parse(testConfigJson(3))).isEmpty());
        const PolicyEntry* old = registry.find("default");
        run(*old->pipeline, Outcome::success(), 7);
        run(*old->pipeline, Outcome::failure(ErrorCategory::ServiceUnavailable, false),
            3); // opens (threshold 3)
        QCOMPARE(enumName(old->pipeline->circuitBreaker()->state()), enumName(BreakerState::Open));
        old->pipeline->circuitBreaker()->isolate(100s, "maintenance");
        scheduler.advance(40s);
        const auto telemetry = old->telemetry;
        std::weak_ptr<Pipeline> oldPipeline = old->pipeline;
        transitions.clear();

        QVERIFY(registry.apply(parse(testConfigJson(4))).isEmpty());
        const PolicyEntry* now = registry.find("default");
        QVERIFY(now->pipeline != oldPipeline.lock());
        QVERIFY(oldPipeline.expired()); // nothing in flight held it
        QCOMPARE(now->telemetry, telemetry);
        const PipelineStats s = now->stats();
        QCOMPARE(s.total, quint64(10));
        QCOMPARE(s.successful, quint64(7));
        QCOMPARE(s.failed, quint64(3));
        QCOMPARE(s.circuitBreakerOpens, quint64(1));

        const BreakerSnapshot b = now->pipeline->circuitBreaker()->snapshot();
        QCOMPARE(enumName(b.state), enumName(BreakerState::Isolated));
        QVERIFY(b.manual);
        QCOMPARE(*b.manualUntil, scheduler.now() + 60s); // what was left of the TTL
        QVERIFY(transitions.empty());                    // re-applying the override is not a new transition

        scheduler.advance(60s);
        QCOMPARE(enumName(now->pipeline->circuitBreaker()->state()), enumName(BreakerState::Closed));
        QCOMPARE(transitions, (std::vector<QString>{"default:closed"}));
    }

    void breakerSurvivesChangesToOtherStages() {
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler);
        std::vector<QString> transitions;
        registry.setTransitionHandler([&](const QString& p, const BreakerTransition& t) {
            transitions.push_back(p + ":" + QString::fromLatin1(toString(t.to).data()));
        });
        QVERIFY(registry.apply(parse(testConfigJson(3))).isEmpty());
        std::weak_ptr<Pipeline> oldPipeline = registry.find("default")->pipeline;
        CircuitBreaker* breaker = registry.find("default")->pipeline->circuitBreaker();
        run(*registry.find("default")->pipeline, Outcome::failure(ErrorCategory::ServiceUnavailable, false),
            2);
        QCOMPARE(breaker->snapshot().failureCount, 2u); // one short of opening

        // The bulkhead and the timeout change, the breaker does not.
        ResilienceConfig changed = registry.config();
        changed.policies[0].pipeline.bulkhead->maxConcurrent = 7;
        changed.policies[0].pipeline.timeout->perAttempt = 3s;
        QVERIFY(registry.apply(changed).isEmpty());
        QCOMPARE(registry.lastReset(), QStringList());
        const PolicyEntry* now = registry.find("default");
        QVERIFY(oldPipeline.expired()); // a new pipeline...
        QCOMPARE(now->pipeline->bulkhead()->options().maxConcurrent, 7u);
        QCOMPARE(now->pipeline->circuitBreaker(), breaker); // ...on the same breaker, window and all
        QCOMPARE(breaker->snapshot().failureCount, 2u);

        run(*now->pipeline, Outcome::failure(ErrorCategory::ServiceUnavailable, false), 1);
        QCOMPARE(enumName(breaker->state()), enumName(BreakerState::Open));
        QCOMPARE(transitions, (std::vector<QString>{"default:open"})); // reported once, for the live entry
        QCOMPARE(now->stats().circuitBreakerOpens, quint64(1));        // counted once
        QCOMPARE(now->stats().failed, quint64(3));
    }

    void changedBreakersAreResetAndListed_data() {
        QTest::addColumn<int>("defaultThreshold");
        QTest::addColumn<bool>("paymentsBreaker");
        QTest::addColumn<QStringList>("reset");
        QTest::addColumn<QString>("defaultState"); // after the change
        QTest::newRow("nothing changed") << 3 << true << QStringList() << "open";
        QTest::newRow("default's threshold") << 4 << true << QStringList{"default"} << "closed";
        QTest::newRow("payments' breaker off") << 3 << false << QStringList{"payments"} << "open";
        QTest::newRow("both") << 4 << false << QStringList{"default", "payments"} << "closed";
    }
    void changedBreakersAreResetAndListed() {
        QFETCH(int, defaultThreshold);
        QFETCH(bool, paymentsBreaker);
        QFETCH(QStringList, reset);
        QFETCH(QString, defaultState);
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler);
        QVERIFY(registry.apply(parse(testConfigJson(3))).isEmpty());
        run(*registry.find("default")->pipeline, Outcome::failure(ErrorCategory::ServiceUnavailable, false),
            3);
        ResilienceConfig changed = parse(testConfigJson(defaultThreshold));
        if (!paymentsBreaker)
            changed.policies[1].pipeline.circuitBreaker.reset();
        changed.policies.push_back({QStringLiteral("search"), PipelineOptions{}}); // new: not a reset
        QVERIFY(registry.apply(changed).isEmpty());
        QCOMPARE(registry.lastReset(), reset);
        QCOMPARE(QString::fromLatin1(
                     toString(registry.find("default")->pipeline->circuitBreaker()->state()).data()),
                 defaultState);
        QCOMPARE(registry.find("default")->stats().circuitBreakerOpens, quint64(1)); // carried either way
    }

    void replacedPipelinesGoQuiet() {
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler);
        int reported = 0;
        registry.setTransitionHandler([&](const QString&, const BreakerTransition&) { ++reported; });
        QVERIFY(registry.apply(parse(testConfigJson(3))).isEmpty());
        std::shared_ptr<Pipeline> held = registry.find("default")->pipeline; // as a call in flight would
        QVERIFY(registry.apply(parse(testConfigJson(4))).isEmpty());
        run(*held, Outcome::failure(ErrorCategory::ServiceUnavailable, false), 3);
        QCOMPARE(enumName(held->circuitBreaker()->state()), enumName(BreakerState::Open));
        QCOMPARE(reported, 0);
    }

    void invalidConfigKeepsTheOldOne() {
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler);
        QVERIFY(registry.apply(parse(testConfigJson())).isEmpty());
        const QString version = registry.version();
        Pipeline* pipeline = registry.find("default")->pipeline.get();

        ResilienceConfig bad = registry.config();
        bad.policies[0].pipeline.retry->maxAttempts = 0;
        bad.policies.pop_back();
        const QList<ConfigError> errors = registry.apply(bad);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].path, QStringLiteral("policies.default.retry.max_attempts"));
        QCOMPARE(registry.version(), version);
        QCOMPARE(registry.entries().size(), std::size_t(2));
        QCOMPARE(registry.find("default")->pipeline.get(), pipeline);
    }

    void removedPolicyDisappears() {
        SimulatedScheduler scheduler;
        PolicyRegistry registry(scheduler);
        QVERIFY(registry.apply(parse(testConfigJson())).isEmpty());
        ResilienceConfig smaller = registry.config();
        smaller.policies.pop_back();
        QVERIFY(registry.apply(smaller).isEmpty());
        QVERIFY(!registry.find("payments"));
        QCOMPARE(registry.entries().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(tst_PolicyRegistry)
#include "tst_policyregistry.moc"
