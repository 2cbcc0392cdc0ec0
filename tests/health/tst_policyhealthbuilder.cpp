// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthnames.h"
#include "health/policyhealthbuilder.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <memory>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
const TimePoint start{1000s};
const QDateTime wallNow = QDateTime(QDate(2026, 11, 29), QTime(2, 30), Qt::UTC);

// One call whose every attempt gives `outcome` after `latency` (zero: inline).
class Call final : public Execution {
public:
    Call(SimulatedScheduler& scheduler, Outcome outcome, Duration latency = Duration::zero())
        : m_scheduler(scheduler)
        , m_outcome(outcome)
        , m_latency(latency) {
        m_reply.call = this;
    }
    ~Call() override { m_scheduler.cancel(m_reply); }
    std::optional<Outcome> result;

protected:
    void runAttempt(Token token) override {
        if (m_latency == Duration::zero()) {
            complete(token, m_outcome);
            return;
        }
        m_reply.token = token;
        m_scheduler.schedule(m_reply, m_latency);
    }
    void finished(const Outcome& outcome) override { result = outcome; }

private:
    struct Reply final : TimerTask {
        void fire() override { call->complete(token, call->m_outcome); }
        Call* call = nullptr;
        Token token = 0;
    };
    SimulatedScheduler& m_scheduler;
    Outcome m_outcome;
    Duration m_latency;
    Reply m_reply;
};

Outcome fail() {
    return Outcome::failure(ErrorCategory::ServiceUnavailable, true);
}

PipelineOptions options() {
    PipelineOptions o;
    o.bulkhead->maxConcurrent = 1;
    o.bulkhead->maxQueued = 2;
    o.bulkhead->maxQueueWait = 30s;
    o.circuitBreaker->failureThreshold = 3;
    o.circuitBreaker->openDuration = 60s;
    o.retry->maxAttempts = 2;
    o.retry->backoff = BackoffKind::Constant;
    o.retry->initialDelay = 1s;
    o.retry->jitter = JitterKind::None;
    o.retry->budget = RetryBudgetKind::Tokens;
    o.retry->budgetTokenMax = 100;
    return o;
}
} // namespace

class tst_PolicyHealthBuilder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // Three failing calls (each retried once) open the breaker; a fourth is rejected by it.
    void openBreaker() {
        SimulatedScheduler scheduler(start);
        Pipeline pipeline(options(), scheduler, 7);
        std::vector<std::unique_ptr<Call>> calls;
        for (int i = 0; i < 4; ++i) {
            calls.push_back(std::make_unique<Call>(scheduler, fail()));
            pipeline.execute(*calls.back());
            scheduler.advance(1s);
        }
        QVERIFY(calls[3]->result && calls[3]->result->kind == OutcomeKind::BreakerOpen);
        scheduler.advance(9s); // now = start + 13 s; the breaker opened at start + 3 s
        const TimePoint now = scheduler.now();

        const PolicyHealth p = PolicyHealthBuilder::build(QStringLiteral("payments"), pipeline, now, wallNow);
        QCOMPARE(p.name, QStringLiteral("payments"));
        QVERIFY(p.circuitBreaker && p.bulkhead && p.rateLimiter && p.retry);

        const BreakerHealth& b = *p.circuitBreaker;
        QCOMPARE(breakerStateName(b.state), QStringLiteral("open"));
        QCOMPARE(b.manual, false);
        QCOMPARE(b.failureCount, pipeline.circuitBreaker()->snapshot().failureCount);
        QCOMPARE(b.failureRate, 0.0);
        QCOMPARE(b.slowCallRate, 0.0);
        QCOMPARE(b.bufferedCalls, 0u);
        QCOMPARE(b.rejectedCalls, 1u);
        QCOMPARE(b.opens, 1u);
        QCOMPARE(b.lastFailureTime, std::optional<QDateTime>(wallNow.addSecs(-10)));
        QCOMPARE(b.nextAttemptTime, std::optional<QDateTime>(wallNow.addSecs(50)));
        QVERIFY(!b.manualUntil);

        const BulkheadHealth& h = *p.bulkhead;
        QCOMPARE(h.activeRequests, 0u);
        QCOMPARE(h.queuedRequests, 0u);
        QCOMPARE(h.capacity, 1u);
        QCOMPARE(h.queueLimit, std::optional<std::uint32_t>(2));
        QCOMPARE(h.rejectionCount, 0u);

        const RateLimiterHealth& r = *p.rateLimiter;
        QCOMPARE(r.tokensAvailable, 15.0); // refilled: 4 tokens taken 10 s ago at 8/s
        QCOMPARE(r.maxTokens, std::optional<double>(15.0));
        QCOMPARE(r.requestsPerSecond, 8.0);
        QCOMPARE(r.multiplier, std::optional<double>(1.0));
        QCOMPARE(r.rejected, std::optional<std::uint64_t>(0));

        const RetryHealth& t = *p.retry;
        QCOMPARE(t.maxAttempts, 2u);
        QCOMPARE(t.retries, 3u);
        QVERIFY(t.budgetAvailable);
        QCOMPARE(*t.budgetAvailable, pipeline.retryPolicy()->budget(now).available);
        QVERIFY(*t.budgetAvailable < 100.0);
        QCOMPARE(t.budgetDenied, 0u);

        const PolicyStatistics& s = p.statistics;
        QCOMPARE(s.totalOperations, 4u);
        QCOMPARE(s.successfulOperations, 0u);
        QCOMPARE(s.failedOperations, 4u);
        QCOMPARE(s.circuitBreakerOpens, 1u);
        QCOMPARE(s.rateLimitHits, 0u);
        QCOMPARE(s.timeouts, 0u);
        QCOMPARE(s.retries, 3u);
    }

    // One slow call inside, two waiting, a fourth turned away; a fifth burst call is rate limited.
    void queuedBulkhead() {
        PipelineOptions o = options();
        o.rateLimit->burst = 4;
        o.rateLimit->requestsPerSecond = 1;
        SimulatedScheduler scheduler(start);
        Pipeline pipeline(o, scheduler, 7);
        std::vector<std::unique_ptr<Call>> calls;
        for (int i = 0; i < 5; ++i) {
            calls.push_back(std::make_unique<Call>(scheduler, Outcome::success(), 20s));
            pipeline.execute(*calls.back());
        }
        QVERIFY(calls[3]->result && calls[3]->result->kind == OutcomeKind::BulkheadFull);
        QVERIFY(calls[4]->result && calls[4]->result->kind == OutcomeKind::RateLimited);
        scheduler.advance(500ms);
        const PolicyHealth p =
            PolicyHealthBuilder::build(QStringLiteral("slow"), pipeline, scheduler.now(), wallNow);
        QCOMPARE(p.bulkhead->activeRequests, 1u);
        QCOMPARE(p.bulkhead->queuedRequests, 2u);
        QCOMPARE(p.bulkhead->capacity, 1u);
        QCOMPARE(p.bulkhead->queueLimit, std::optional<std::uint32_t>(2));
        QCOMPARE(p.bulkhead->rejectionCount, 1u);
        QCOMPARE(p.rateLimiter->tokensAvailable, 0.5);
        QCOMPARE(p.rateLimiter->maxTokens, std::optional<double>(4.0));
        QCOMPARE(p.rateLimiter->requestsPerSecond, 1.0);
        QCOMPARE(p.rateLimiter->rejected, std::optional<std::uint64_t>(1));
        QCOMPARE(breakerStateName(p.circuitBreaker->state), QStringLiteral("closed"));
        QVERIFY(!p.circuitBreaker->lastFailureTime && !p.circuitBreaker->nextAttemptTime);
        QCOMPARE(p.statistics.totalOperations, 5u);
        QCOMPARE(p.statistics.failedOperations, 2u);
        QCOMPARE(p.statistics.rateLimitHits, 1u);
        // Let every call finish before the calls (and then the pipeline) go away.
        scheduler.runAll();
        for (const auto& call : calls)
            QVERIFY(call->result);
    }

    void isolatedWithTtl() {
        SimulatedScheduler scheduler(start);
        Pipeline pipeline(options(), scheduler, 7);
        pipeline.circuitBreaker()->isolate(300s, "maintenance");
        scheduler.advance(100s);
        const PolicyHealth p =
            PolicyHealthBuilder::build(QStringLiteral("x"), pipeline, scheduler.now(), wallNow);
        QCOMPARE(breakerStateName(p.circuitBreaker->state), QStringLiteral("isolated"));
        QCOMPARE(p.circuitBreaker->manual, true);
        QCOMPARE(p.circuitBreaker->manualUntil, std::optional<QDateTime>(wallNow.addSecs(200)));
        QCOMPARE(p.circuitBreaker->opens, 0u);
    }

    void stagesOff() {
        PipelineOptions o;
        o.rateLimit.reset();
        o.bulkhead.reset();
        o.circuitBreaker.reset();
        o.retry.reset();
        SimulatedScheduler scheduler(start);
        Pipeline pipeline(o, scheduler);
        Call call(scheduler, Outcome::success());
        pipeline.execute(call);
        const PolicyHealth p =
            PolicyHealthBuilder::build(QStringLiteral("bare"), pipeline, scheduler.now(), wallNow);
        QVERIFY(!p.circuitBreaker && !p.bulkhead && !p.rateLimiter && !p.retry);
        QCOMPARE(p.statistics.totalOperations, 1u);
        QCOMPARE(p.statistics.successfulOperations, 1u);
    }

    void noBudgetIsNull() {
        PipelineOptions o = options();
        o.retry->budget = RetryBudgetKind::None;
        SimulatedScheduler scheduler(start);
        Pipeline pipeline(o, scheduler);
        const PolicyHealth p =
            PolicyHealthBuilder::build(QStringLiteral("x"), pipeline, scheduler.now(), wallNow);
        QVERIFY(p.retry);
        QVERIFY(!p.retry->budgetAvailable);
    }
};

QTEST_GUILESS_MAIN(tst_PolicyHealthBuilder)
#include "tst_policyhealthbuilder.moc"
