// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/configcodec.h"
#include "config/pipelinefactory.h"
#include "config/profiles.h"
#include "policy/simulatedscheduler.h"
#include "support/enumname.h"

#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// Fails every attempt after 100 ms of virtual time.
class FailingCall final : public Execution {
public:
    explicit FailingCall(SimulatedScheduler& s)
        : m_scheduler(s) {
        m_reply.call = this;
    }
    ~FailingCall() override { m_scheduler.cancel(m_reply); }
    int runs = 0;
    std::optional<Outcome> result;

protected:
    void runAttempt(Token token) override {
        ++runs;
        m_reply.token = token;
        m_scheduler.schedule(m_reply, 100ms);
    }
    void finished(const Outcome& outcome) override { result = outcome; }

private:
    struct Reply final : TimerTask {
        void fire() override {
            call->complete(token, Outcome::failure(ErrorCategory::ServiceUnavailable, true));
        }
        FailingCall* call = nullptr;
        Token token = 0;
    };
    SimulatedScheduler& m_scheduler;
    Reply m_reply;
};
} // namespace

class tst_PipelineFactory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void profileBuildsTheGuidePipeline_data() {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<int>("threshold");
        QTest::addColumn<int>("recoverySeconds");
        QTest::addColumn<uint>("bulkheadLimit");
        QTest::addColumn<double>("tokens");
        QTest::newRow("production") << "production" << 3 << 3 << 60 << 10u << 15.0;
        QTest::newRow("staging") << "staging" << 3 << 4 << 45 << 8u << 20.0;
        QTest::newRow("development") << "development" << 2 << 5 << 30 << 5u << 25.0;
    }
    // The profile's numbers show up in the running policies' behaviour, not only in the option structs.
    void profileBuildsTheGuidePipeline() {
        QFETCH(QString, profile);
        QFETCH(int, attempts);
        QFETCH(int, threshold);
        QFETCH(int, recoverySeconds);
        QFETCH(uint, bulkheadLimit);
        QFETCH(double, tokens);
        const auto config = Profiles::load(profile);
        QVERIFY(config);
        SimulatedScheduler scheduler;
        PipelineSet set = PipelineFactory::buildAll(*config, scheduler, 7);
        QVERIFY(set.ok());
        Pipeline* pipeline = set.find(QStringLiteral("default"));
        QVERIFY(pipeline);
        QCOMPARE(pipeline->bulkhead()->snapshot().capacity, bulkheadLimit);
        QCOMPARE(pipeline->rateLimiter()->snapshot(scheduler.now()).tokensAvailable, tokens);

        FailingCall call(scheduler);
        for (int i = 0; i < threshold; ++i) {
            pipeline->execute(call);
            scheduler.runAll();
            QCOMPARE(enumName(call.result->kind), enumName(OutcomeKind::Failure));
        }
        QCOMPARE(call.runs, threshold * attempts); // each call retried up to max_attempts
        QCOMPARE(enumName(pipeline->circuitBreaker()->state()), enumName(BreakerState::Open));
        pipeline->execute(call);
        QCOMPARE(enumName(call.result->kind), enumName(OutcomeKind::BreakerOpen));
        const auto next = pipeline->circuitBreaker()->snapshot().nextAttemptAt;
        QVERIFY(next);
        QCOMPARE(*next - scheduler.now(), Duration(std::chrono::seconds(recoverySeconds)));
        QCOMPARE(pipeline->stats().circuitBreakerOpens, quint64(1));
    }

    void invalidConfigBuildsNothing() {
        auto config = Profiles::load(QStringLiteral("production"));
        QVERIFY(config);
        PolicyConfig broken = config->policies.front();
        broken.name = QStringLiteral("payments");
        broken.pipeline.retry->maxAttempts = 0;
        config->policies.push_back(broken);
        config->sortPolicies();
        SimulatedScheduler scheduler;
        const PipelineSet set = PipelineFactory::buildAll(*config, scheduler);
        QVERIFY(!set.ok());
        QVERIFY(set.pipelines.empty());
        QCOMPARE(set.errors.size(), 1);
        QCOMPARE(set.errors.front().path, QStringLiteral("policies.payments.retry.max_attempts"));
    }
};

QTEST_GUILESS_MAIN(tst_PipelineFactory)
#include "tst_pipelinefactory.moc"
