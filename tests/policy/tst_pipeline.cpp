// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/pipeline.h"
#include "policy/simulatedscheduler.h"

#include "support/enumname.h"

#include <QLocale>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// One scripted attempt: what it returns and how long it takes (zero: completes inside runAttempt).
struct Step {
    Outcome outcome;
    Duration latency = Duration::zero();
};

Outcome fail() {
    return Outcome::failure(ErrorCategory::ServiceUnavailable, true);
}
Outcome business() {
    return Outcome::failure(ErrorCategory::BusinessLogic, false);
}

class ScriptedCall final : public Execution {
public:
    ScriptedCall(SimulatedScheduler& scheduler, std::vector<Step> script)
        : m_scheduler(scheduler)
        , m_script(std::move(script)) {
        m_reply.call = this;
    }
    ~ScriptedCall() override { m_scheduler.cancel(m_reply); }

    int runs = 0;
    int abandoned = 0;
    std::optional<Outcome> result;
    TimePoint finishedAt{};

protected:
    void runAttempt(Token token) override {
        const Step step = m_script[std::min<std::size_t>(runs, m_script.size() - 1)];
        ++runs;
        if (step.latency == Duration::zero()) {
            complete(token, step.outcome);
            return;
        }
        m_reply.token = token;
        m_reply.outcome = step.outcome;
        m_scheduler.schedule(m_reply, step.latency);
    }
    void finished(const Outcome& outcome) override {
        result = outcome;
        finishedAt = m_scheduler.now();
    }
    void abandonAttempt(Token) noexcept override {
        ++abandoned;
        // A real operation would abort its request; this one still answers late, which must be ignored.
    }

private:
    struct Reply final : TimerTask {
        void fire() override { call->complete(token, outcome); }
        ScriptedCall* call = nullptr;
        Token token = 0;
        Outcome outcome;
    };
    SimulatedScheduler& m_scheduler;
    std::vector<Step> m_script;
    Reply m_reply;
};

PipelineOptions plainRetry(std::uint32_t attempts) {
    PipelineOptions o;
    o.rateLimit.reset();
    o.bulkhead.reset();
    o.circuitBreaker.reset();
    o.retry->maxAttempts = attempts;
    o.retry->jitter = JitterKind::None;
    o.retry->backoff = BackoffKind::Exponential;
    o.retry->initialDelay = 1s;
    o.retry->multiplier = 2;
    o.retry->budget = RetryBudgetKind::None;
    o.timeout->perAttempt = 30s;
    return o;
}

struct EventLog final : PipelineListener {
    void onPipelineEvent(const PipelineEvent& event) noexcept override { kinds.push_back(event.kind); }
    std::vector<PipelineEventKind> kinds;
};
} // namespace

Q_DECLARE_METATYPE(std::vector<Step>)
Q_DECLARE_METATYPE(OutcomeKind)

class tst_Pipeline : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void retryFlow_data() {
        QTest::addColumn<std::vector<Step>>("script");
        QTest::addColumn<OutcomeKind>("kind");
        QTest::addColumn<int>("runs");
        QTest::addColumn<qint64>("finishedAtMs");
        QTest::addColumn<quint64>("retries");
        QTest::addColumn<quint64>("timeouts");

        QTest::newRow("inline success") << std::vector<Step>{{Outcome::success()}} << OutcomeKind::Success
                                        << 1 << qint64(0) << quint64(0) << quint64(0);
        QTest::newRow("two failures then success, backoff 1 s + 2 s")
            << std::vector<Step>{{fail()}, {fail()}, {Outcome::success()}} << OutcomeKind::Success << 3
            << qint64(3000) << quint64(2) << quint64(0);
        QTest::newRow("attempts exhausted") << std::vector<Step>{{fail()}} << OutcomeKind::Failure << 3
                                            << qint64(3000) << quint64(2) << quint64(0);
        QTest::newRow("business error not retried") << std::vector<Step>{{business()}} << OutcomeKind::Failure
                                                    << 1 << qint64(0) << quint64(0) << quint64(0);
        QTest::newRow("async success after 250 ms")
            << std::vector<Step>{{Outcome::success(), 250ms}} << OutcomeKind::Success << 1 << qint64(250)
            << quint64(0) << quint64(0);
        QTest::newRow("every attempt times out at 30 s")
            << std::vector<Step>{{Outcome::success(), 40s}} << OutcomeKind::TimedOut << 3
            << qint64(30000 + 1000 + 30000 + 2000 + 30000) << quint64(2) << quint64(3);
        QTest::newRow("slow first attempt times out, second is quick")
            << std::vector<Step>{{Outcome::success(), 31s}, {Outcome::success(), 10ms}}
            << OutcomeKind::Success << 2 << qint64(30000 + 1000 + 10) << quint64(1) << quint64(1);
    }
    void retryFlow() {
        QFETCH(std::vector<Step>, script);
        QFETCH(OutcomeKind, kind);
        QFETCH(int, runs);
        QFETCH(qint64, finishedAtMs);
        QFETCH(quint64, retries);
        QFETCH(quint64, timeouts);

        SimulatedScheduler scheduler;
        Pipeline pipeline(plainRetry(3), scheduler, 42);
        ScriptedCall call(scheduler, script);
        pipeline.execute(call);
        scheduler.runAll();

        QVERIFY(call.result.has_value());
        QCOMPARE(enumName(call.result->kind), enumName(kind));
        QCOMPARE(call.runs, runs);
        QCOMPARE(call.attempts(), std::uint32_t(runs));
        QCOMPARE(call.finishedAt, TimePoint{} + std::chrono::milliseconds(finishedAtMs));
        const PipelineStats stats = pipeline.stats();
        QCOMPARE(stats.total, quint64(1));
        QCOMPARE(stats.successful, quint64(kind == OutcomeKind::Success ? 1 : 0));
        QCOMPARE(stats.failed, quint64(kind == OutcomeKind::Success ? 0 : 1));
        QCOMPARE(stats.retries, retries);
        QCOMPARE(stats.timeouts, timeouts);
        QCOMPARE(quint64(call.abandoned), timeouts);
        if (kind == OutcomeKind::TimedOut)
            QVERIFY(call.result->mayHaveSucceeded);
        QCOMPARE(scheduler.pending(), std::size_t(0));
    }

    void breakerOpensAndRejectsWithoutRunning() {
        SimulatedScheduler scheduler;
        PipelineOptions o = plainRetry(1);
        o.circuitBreaker = CircuitBreakerOptions{};
        o.circuitBreaker->failureThreshold = 3;
        o.circuitBreaker->openDuration = 60s;
        Pipeline pipeline(o, scheduler);
        ScriptedCall failing(scheduler, {{fail()}});
        for (int i = 0; i < 3; ++i)
            pipeline.execute(failing);
        QCOMPARE(failing.runs, 3);
        ScriptedCall next(scheduler, {{Outcome::success()}});
        pipeline.execute(next);
        QCOMPARE(next.runs, 0);
        QCOMPARE(enumName(next.result->kind), enumName(OutcomeKind::BreakerOpen));
        QCOMPARE(enumName(next.result->category), enumName(ErrorCategory::ServiceUnavailable));
        QCOMPARE(next.result->retryAfter, std::optional<Duration>(60s));
        QCOMPARE(pipeline.stats().circuitBreakerOpens, quint64(1));
        QCOMPARE(pipeline.stats().breakerRejections, quint64(1));
        scheduler.advance(60s);
        pipeline.execute(next); // the half-open trial
        QCOMPARE(next.runs, 1);
        QCOMPARE(enumName(next.result->kind), enumName(OutcomeKind::Success));
        QCOMPARE(enumName(pipeline.circuitBreaker()->state()), enumName(BreakerState::Closed));
    }

    void rateLimitRejectsBeyondBurst() {
        SimulatedScheduler scheduler;
        PipelineOptions o = plainRetry(1);
        o.rateLimit = RateLimiterOptions{};
        o.rateLimit->requestsPerSecond = 8;
        o.rateLimit->burst = 15;
        Pipeline pipeline(o, scheduler);
        ScriptedCall call(scheduler, {{Outcome::success()}});
        for (int i = 0; i < 15; ++i) {
            pipeline.execute(call);
            QCOMPARE(enumName(call.result->kind), enumName(OutcomeKind::Success));
        }
        pipeline.execute(call);
        QCOMPARE(enumName(call.result->kind), enumName(OutcomeKind::RateLimited));
        QCOMPARE(enumName(call.result->category), enumName(ErrorCategory::RateLimit));
        QCOMPARE(call.result->retryAfter, std::optional<Duration>(125ms));
        QCOMPARE(call.runs, 15);
        QCOMPARE(pipeline.stats().rateLimitHits, quint64(1));
        scheduler.advance(125ms);
        pipeline.execute(call);
        QCOMPARE(enumName(call.result->kind), enumName(OutcomeKind::Success));
    }

    void bulkheadQueuesThenRejects() {
        SimulatedScheduler scheduler;
        PipelineOptions o = plainRetry(1);
        o.bulkhead = BulkheadOptions{2, 1, 5s};
        Pipeline pipeline(o, scheduler);
        std::vector<std::unique_ptr<ScriptedCall>> calls;
        for (int i = 0; i < 4; ++i)
            calls.push_back(
                std::make_unique<ScriptedCall>(scheduler, std::vector<Step>{{Outcome::success(), 1s}}));
        for (auto& c : calls)
            pipeline.execute(*c);
        QCOMPARE(calls[0]->runs, 1);
        QCOMPARE(calls[1]->runs, 1);
        QCOMPARE(calls[2]->runs, 0); // queued
        QCOMPARE(enumName(calls[3]->result->kind), enumName(OutcomeKind::BulkheadFull));
        QCOMPARE(enumName(calls[3]->result->category), enumName(ErrorCategory::SystemBusy));
        QCOMPARE(pipeline.bulkhead()->snapshot().queued, 1u);
        scheduler.advance(1s);
        QCOMPARE(calls[2]->runs, 1); // took the freed slot
        scheduler.runAll();
        QCOMPARE(enumName(calls[2]->result->kind), enumName(OutcomeKind::Success));
        QCOMPARE(calls[2]->finishedAt, TimePoint{} + 2s);
        QCOMPARE(pipeline.bulkhead()->snapshot().active, 0u);
    }

    void queueTimeout() {
        SimulatedScheduler scheduler;
        PipelineOptions o = plainRetry(1);
        o.bulkhead = BulkheadOptions{1, 1, 5s};
        Pipeline pipeline(o, scheduler);
        ScriptedCall slow(scheduler, {{Outcome::success(), 20s}});
        ScriptedCall waiting(scheduler, {{Outcome::success()}});
        pipeline.execute(slow);
        pipeline.execute(waiting);
        scheduler.advance(5s - 1ns);
        QVERIFY(!waiting.result);
        scheduler.advance(1ns);
        QCOMPARE(enumName(waiting.result->kind), enumName(OutcomeKind::QueueTimeout));
        QCOMPARE(waiting.runs, 0);
        QCOMPARE(pipeline.stats().queueTimeouts, quint64(1));
        scheduler.runAll();
        QCOMPARE(enumName(slow.result->kind), enumName(OutcomeKind::Success));
    }

    void retryOutsideBreakerSeesEachAttempt() {
        SimulatedScheduler scheduler;
        PipelineOptions o = plainRetry(5);
        o.circuitBreaker = CircuitBreakerOptions{};
        o.circuitBreaker->failureThreshold = 3;
        o.order = {Stage::RateLimit, Stage::Bulkhead, Stage::Retry, Stage::CircuitBreaker, Stage::Timeout};
        o.retry->maxRetryAfter = 1s;
        Pipeline pipeline(o, scheduler);
        ScriptedCall call(scheduler, {{fail()}});
        pipeline.execute(call);
        scheduler.runAll();
        QCOMPARE(call.runs, 3); // attempts 4 and 5 met the open breaker
        QCOMPARE(call.attempts(), 5u);
        QCOMPARE(enumName(call.result->kind), enumName(OutcomeKind::BreakerOpen));
    }

    void overallDeadlineStopsRetries() {
        SimulatedScheduler scheduler;
        PipelineOptions o = plainRetry(10);
        o.timeout->overall = 4s;
        o.timeout->perAttempt = 0s;
        Pipeline pipeline(o, scheduler);
        ScriptedCall call(scheduler, {{fail(), 500ms}});
        pipeline.execute(call);
        scheduler.runAll();
        // 0.5 + 1 + 0.5 = 2.0; the next attempt, after 2 s, would start at the 4 s deadline.
        QCOMPARE(call.runs, 2);
        QCOMPARE(enumName(call.result->kind), enumName(OutcomeKind::Failure));
        QCOMPARE(call.finishedAt, TimePoint{} + 2s);
    }

    void listenerSeesEvents() {
        SimulatedScheduler scheduler;
        Pipeline pipeline(plainRetry(2), scheduler, 1);
        EventLog log;
        const ListenerHandle handle = pipeline.addListener(log);
        ScriptedCall call(scheduler, {{fail()}, {Outcome::success()}});
        pipeline.execute(call);
        scheduler.runAll();
        QCOMPARE(log.kinds,
                 (std::vector<PipelineEventKind>{PipelineEventKind::Retrying, PipelineEventKind::Completed}));
    }

    void secondListenerDoesNotReplaceTheFirst() {
        SimulatedScheduler scheduler;
        Pipeline pipeline(plainRetry(2), scheduler, 1);
        EventLog first;
        EventLog second;
        ListenerHandle firstHandle = pipeline.addListener(first);
        ListenerHandle secondHandle = pipeline.addListener(second);
        ScriptedCall call(scheduler, {{fail()}, {Outcome::success()}});
        pipeline.execute(call);
        scheduler.runAll();
        const std::vector<PipelineEventKind> oneCall{PipelineEventKind::Retrying,
                                                     PipelineEventKind::Completed};
        QCOMPARE(first.kinds, oneCall);
        QCOMPARE(second.kinds, oneCall);

        firstHandle.reset(); // only the first goes deaf
        ScriptedCall next(scheduler, {{Outcome::success()}});
        pipeline.execute(next);
        scheduler.runAll();
        QCOMPARE(first.kinds, oneCall);
        QCOMPARE(second.kinds,
                 (std::vector<PipelineEventKind>{PipelineEventKind::Retrying, PipelineEventKind::Completed,
                                                 PipelineEventKind::Completed}));
    }

    void defaultPipelineSuccessPath() {
        SimulatedScheduler scheduler;
        Pipeline pipeline(PipelineOptions{}, scheduler);
        ScriptedCall call(scheduler, {{Outcome::success()}});
        for (int i = 0; i < 10; ++i)
            pipeline.execute(call);
        QCOMPARE(pipeline.stats().successful, quint64(10));
        QCOMPARE(scheduler.pending(), std::size_t(0)); // no timer armed for inline operations
    }

    // 8 threads through one pipeline, operations completing on the calling thread or on a worker:
    // every call finishes exactly once and the counts add up.
    void concurrentCalls() {
        SimulatedScheduler scheduler;
        PipelineOptions o;
        o.rateLimit->requestsPerSecond = 1e9;
        o.rateLimit->burst = 1000000;
        o.bulkhead = BulkheadOptions{4, 0, 0s};
        o.retry->maxAttempts = 2;
        o.retry->initialDelay = 0s;
        o.retry->jitter = JitterKind::None;
        o.circuitBreaker->failureThreshold = 1000000;
        o.retry->budget =
            RetryBudgetKind::None; // a third of first attempts fail: more than any budget allows
        Pipeline pipeline(o, scheduler);
        std::atomic<int> active{0};
        std::atomic<int> maxActive{0};
        std::atomic<int> finished{0};

        struct Call final : Execution {
            std::atomic<int>* active;
            std::atomic<int>* maxActive;
            std::atomic<int>* finishedCount;
            int n = 0;
            void runAttempt(Token token) override {
                const int now = active->fetch_add(1) + 1;
                int seen = maxActive->load();
                while (now > seen && !maxActive->compare_exchange_weak(seen, now)) {
                }
                ++n;
                active->fetch_sub(1);
                complete(token,
                         n % 3 == 0 ? Outcome::failure(ErrorCategory::Timeout, true) : Outcome::success());
            }
            void finished(const Outcome&) override { finishedCount->fetch_add(1); }
        };
        constexpr int threads = 8;
        constexpr int perThread = 5000;
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&] {
                Call call;
                call.active = &active;
                call.maxActive = &maxActive;
                call.finishedCount = &finished;
                for (int i = 0; i < perThread; ++i)
                    pipeline.execute(call);
            });
        }
        for (auto& w : workers)
            w.join();
        const PipelineStats s = pipeline.stats();
        QCOMPARE(finished.load(), threads * perThread);
        QCOMPARE(s.total, quint64(threads * perThread));
        QCOMPARE(s.successful + s.failed, s.total);
        QCOMPARE(s.failed, s.bulkheadRejections);
        QVERIFY(maxActive.load() <= 4);
        QCOMPARE(pipeline.bulkhead()->snapshot().active, 0u);
    }
};

QTEST_GUILESS_MAIN(tst_Pipeline)
#include "tst_pipeline.moc"
