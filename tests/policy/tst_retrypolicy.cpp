// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/httpclassification.h"
#include "policy/retrypolicy.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <memory>
#include <thread>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// No jitter and no budget unless a test asks: delays are exact.
RetryOptions plainOptions() {
    RetryOptions o;
    o.jitter = JitterKind::None;
    o.initialDelay = 100ms;
    o.budget = RetryBudgetKind::None;
    return o;
}

const Outcome unavailable = Outcome::failure(ErrorCategory::ServiceUnavailable, true);

QString name(RetryStop stop) {
    return QString::fromLatin1(toString(stop));
}

// One call of the load simulation: fails every attempt and retries as the policy says.
struct FailingCall final : TimerTask {
    FailingCall(RetryPolicy& p, SimulatedScheduler& s, int& total)
        : policy(p)
        , scheduler(s)
        , attempts(total) {}
    void fire() override {
        if (made == 0)
            policy.onCallStarted(scheduler.now());
        ++made;
        ++attempts;
        const RetryDecision d = policy.decide(unavailable, made, previous, scheduler.now());
        if (d.retry) {
            previous = d.delay;
            scheduler.schedule(*this, d.delay);
        }
    }
    RetryPolicy& policy;
    SimulatedScheduler& scheduler;
    int& attempts;
    std::uint32_t made = 0;
    Duration previous{};
};

int simulateFailingCalls(const RetryOptions& options, int calls) {
    RetryPolicy policy(options, 7);
    SimulatedScheduler scheduler;
    int attempts = 0;
    std::vector<std::unique_ptr<FailingCall>> pending;
    for (int i = 0; i < calls; ++i) {
        pending.push_back(std::make_unique<FailingCall>(policy, scheduler, attempts));
        scheduler.schedule(*pending.back(), std::chrono::milliseconds(i)); // one call per millisecond
    }
    scheduler.runAll();
    return attempts;
}
} // namespace

class tst_RetryPolicy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void stopNames() {
        QCOMPARE(name(RetryStop::Retrying), "retrying");
        QCOMPARE(name(RetryStop::Succeeded), "succeeded");
        QCOMPARE(name(RetryStop::NotRetryable), "not_retryable");
        QCOMPARE(name(RetryStop::AttemptsExhausted), "attempts_exhausted");
        QCOMPARE(name(RetryStop::BudgetExhausted), "budget_exhausted");
        QCOMPARE(name(RetryStop::RetryAfterTooLong), "retry_after_too_long");
    }

    void decide_data() {
        QTest::addColumn<Outcome>("outcome");
        QTest::addColumn<uint>("attemptsMade");
        QTest::addColumn<bool>("rejectAboveCap");
        QTest::addColumn<QString>("expectedStop");
        QTest::addColumn<qint64>("expectedDelayMs");
        const auto row = [](const char* n, Outcome o, uint attempts, bool reject, const char* stop,
                            qint64 ms) {
            QTest::newRow(n) << o << attempts << reject << QString::fromLatin1(stop) << ms;
        };
        row("success", Outcome::success(), 1, false, "succeeded", 0);
        row("HTTP 200", classifyHttpStatus(200), 2, false, "succeeded", 0);
        row("HTTP 404", classifyHttpStatus(404), 1, false, "not_retryable", 0);
        row("canRetry false", Outcome::failure(ErrorCategory::ServiceUnavailable, false), 1, false,
            "not_retryable", 0);
        row("category not in set", Outcome::failure(ErrorCategory::Unknown, true), 1, false, "not_retryable",
            0);
        row("cancelled", Outcome::cancelled(), 1, false, "not_retryable", 0);
        row("first failure", unavailable, 1, false, "retrying", 100);
        row("second failure", unavailable, 2, false, "retrying", 200);
        row("last attempt", unavailable, 3, false, "attempts_exhausted", 0);
        row("beyond last attempt", unavailable, 9, false, "attempts_exhausted", 0);
        row("timed out", Outcome::timedOut(), 1, false, "retrying", 100);
        row("network reset", classifyNetworkError(NetworkError::ConnectionReset), 1, false, "retrying",
            15000);
        row("bulkhead full", Outcome::bulkheadFull(), 2, false, "retrying", 5000);
        row("HTTP 503 hint", classifyHttpStatus(503, 3s), 1, false, "retrying", 3000);
        row("breaker open, capped", Outcome::breakerOpen(), 1, false, "retrying", 30000);
        row("breaker open, rejected", Outcome::breakerOpen(), 1, true, "retry_after_too_long", 0);
        row("at cap, not rejected", Outcome::rateLimited(30s), 1, true, "retrying", 30000);
        row("exhausted before hint", Outcome::breakerOpen(), 3, true, "attempts_exhausted", 0);
    }
    void decide() {
        QFETCH(Outcome, outcome);
        QFETCH(uint, attemptsMade);
        QFETCH(bool, rejectAboveCap);
        QFETCH(QString, expectedStop);
        QFETCH(qint64, expectedDelayMs);
        RetryOptions o = plainOptions();
        o.rejectRetryAfterAboveCap = rejectAboveCap;
        RetryPolicy policy(o, 1);
        const RetryDecision d = policy.decide(outcome, attemptsMade, 0ms, TimePoint{});
        QCOMPARE(name(d.stop), expectedStop);
        QCOMPARE(d.retry, expectedStop == "retrying");
        QCOMPARE(d.delay, Duration(std::chrono::milliseconds(expectedDelayMs)));
    }

    void retryAfter_data() {
        QTest::addColumn<bool>("honour");
        QTest::addColumn<qint64>("hintMs");
        QTest::addColumn<qint64>("maxRetryAfterMs");
        QTest::addColumn<qint64>("expectedDelayMs");
        // The computed delay is 400 ms (third attempt failed, exponential from 100 ms).
        QTest::newRow("longer hint wins") << true << 2000LL << 30000LL << 2000LL;
        QTest::newRow("shorter hint loses") << true << 50LL << 30000LL << 400LL;
        QTest::newRow("hint above cap is capped") << true << 60000LL << 30000LL << 30000LL;
        QTest::newRow("hint above maxDelay honoured") << true << 20000LL << 30000LL << 20000LL;
        QTest::newRow("small cap") << true << 5000LL << 1000LL << 1000LL;
        QTest::newRow("cap below computed") << true << 5000LL << 100LL << 400LL;
        QTest::newRow("negative hint") << true << -500LL << 30000LL << 400LL;
        QTest::newRow("ignored") << false << 2000LL << 30000LL << 400LL;
    }
    void retryAfter() {
        QFETCH(bool, honour);
        QFETCH(qint64, hintMs);
        QFETCH(qint64, maxRetryAfterMs);
        QFETCH(qint64, expectedDelayMs);
        RetryOptions o = plainOptions();
        o.maxAttempts = 5;
        o.honourRetryAfter = honour;
        o.maxRetryAfter = std::chrono::milliseconds(maxRetryAfterMs);
        o.rejectRetryAfterAboveCap = !honour; // an ignored hint must not veto either
        RetryPolicy policy(o, 1);
        const Outcome failure =
            Outcome::failure(ErrorCategory::RateLimit, true, Duration(std::chrono::milliseconds(hintMs)));
        const RetryDecision d = policy.decide(failure, 3, 0ms, TimePoint{});
        QCOMPARE(name(d.stop), QString("retrying"));
        QCOMPARE(d.delay, Duration(std::chrono::milliseconds(expectedDelayMs)));
    }

    void jitterIsSeededAndDeterministic() {
        RetryOptions o = plainOptions();
        o.jitter = JitterKind::Full;
        o.maxAttempts = 1000;
        RetryPolicy a(o, 99), b(o, 99), c(o, 100);
        int differ = 0;
        for (std::uint32_t n = 1; n < 200; ++n) {
            const Duration da = a.decide(unavailable, 2, 0ms, {}).delay;
            QCOMPARE(b.decide(unavailable, 2, 0ms, {}).delay, da);
            QVERIFY(da >= 0ms && da <= 200ms);
            differ += c.decide(unavailable, 2, 0ms, {}).delay != da;
        }
        QVERIFY(differ > 190);
        // seed 0 draws from random_device: two such policies practically never agree for long.
        RetryPolicy r1(o), r2(o);
        int same = 0;
        for (int i = 0; i < 20; ++i)
            same += r1.decide(unavailable, 2, 0ms, {}).delay == r2.decide(unavailable, 2, 0ms, {}).delay;
        QVERIFY(same < 20);
    }

    void budgetExhaustedStops() {
        RetryOptions o = plainOptions();
        o.budget = RetryBudgetKind::Ratio;
        o.budgetRatio = 0.5;
        o.budgetMinRetriesPerSecond = 0;
        ManualClock clock;
        RetryPolicy policy(o, 1);
        policy.onCallStarted(clock.now());
        policy.onCallStarted(clock.now());
        QCOMPARE(name(policy.decide(unavailable, 1, 0ms, clock.now()).stop), QString("retrying"));
        // Refusals for other reasons are checked first and spend nothing.
        QCOMPARE(name(policy.decide(unavailable, 3, 0ms, clock.now()).stop), QString("attempts_exhausted"));
        QCOMPARE(name(policy.decide(classifyHttpStatus(400), 1, 0ms, clock.now()).stop),
                 QString("not_retryable"));
        const RetryDecision denied = policy.decide(unavailable, 1, 0ms, clock.now());
        QCOMPARE(name(denied.stop), QString("budget_exhausted"));
        QCOMPARE(denied.delay, Duration::zero());
        RetryBudgetSnapshot s = policy.budget(clock.now());
        QCOMPARE(s.calls, std::uint64_t(2));
        QCOMPARE(s.retries, std::uint64_t(1));
        QCOMPARE(s.denied, std::uint64_t(1));
        clock.advance(o.budgetWindow);
        policy.onCallStarted(clock.now());
        policy.onCallStarted(clock.now());
        QCOMPARE(name(policy.decide(unavailable, 1, 0ms, clock.now()).stop), QString("retrying"));
    }

    void tokenBudgetThroughPolicy() {
        RetryOptions o = plainOptions();
        o.budget = RetryBudgetKind::Tokens;
        o.budgetTokenMax = 10;
        o.budgetTokenRatio = 1;
        RetryPolicy policy(o, 1);
        // 9, 8, 7, 6 leave more than half; 5 does not.
        for (int i = 0; i < 4; ++i)
            QVERIFY(policy.decide(unavailable, 1, 0ms, {}).retry);
        QCOMPARE(name(policy.decide(unavailable, 1, 0ms, {}).stop), QString("budget_exhausted"));
        QCOMPARE(policy.budget({}).available, 5.0);
        // Business errors neither take nor give; a success seen by decide() refills, as does onSuccess().
        policy.decide(classifyHttpStatus(404), 1, 0ms, {});
        QCOMPARE(policy.budget({}).available, 5.0);
        QCOMPARE(name(policy.decide(classifyHttpStatus(200), 1, 0ms, {}).stop), QString("succeeded"));
        policy.onSuccess();
        QCOMPARE(policy.budget({}).available, 7.0);
        QVERIFY(policy.decide(unavailable, 1, 0ms, {}).retry);
    }

    // The point of a budget: 1000 calls to a dead dependency, maxAttempts 3.
    void failingDependencyLoadIsBounded_data() {
        QTest::addColumn<int>("budget");
        QTest::addColumn<int>("maxTotal");
        QTest::addColumn<int>("minTotal");
        // Every attempt lands within one 10 s window: calls * (1 + 0.2) + 10/s * 10 s. Demand always
        // exceeds the allowance, so the allowance is spent exactly.
        QTest::newRow("ratio") << int(RetryBudgetKind::Ratio) << 1300 << 1300;
        // Tokens: only the 49 failures that leave more than half of the 100 tokens earn a retry.
        QTest::newRow("tokens") << int(RetryBudgetKind::Tokens) << 1049 << 1049;
        QTest::newRow("no budget") << int(RetryBudgetKind::None) << 3000 << 3000;
    }
    void failingDependencyLoadIsBounded() {
        QFETCH(int, budget);
        QFETCH(int, maxTotal);
        QFETCH(int, minTotal);
        RetryOptions o; // the guide's production numbers: 3 attempts, 1 s .. 10 s, full jitter
        o.budget = RetryBudgetKind(budget);
        const int attempts = simulateFailingCalls(o, 1000);
        QVERIFY2(attempts <= maxTotal && attempts >= minTotal, qPrintable(QString::number(attempts)));
    }

    // 8 threads share one policy; whatever the interleaving, the books balance and the bound holds.
    void concurrentDecisions() {
        RetryOptions o;
        RetryPolicy policy(o, 5);
        constexpr int threads = 8, perThread = 2000;
        std::atomic<int> retried{0}, denied{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&] {
                for (int i = 0; i < perThread; ++i) {
                    policy.onCallStarted(TimePoint{});
                    const RetryDecision d = policy.decide(unavailable, 1, 0ms, TimePoint{});
                    (d.retry ? retried : denied).fetch_add(1);
                    if (d.retry && (d.delay < 0ms || d.delay > 1s))
                        denied.fetch_add(1000000); // out-of-range jitter poisons the totals
                }
            });
        for (auto& thread : pool)
            thread.join();
        const RetryBudgetSnapshot s = policy.budget(TimePoint{});
        QCOMPARE(s.calls, std::uint64_t(threads * perThread));
        QCOMPARE(s.retries, std::uint64_t(retried.load()));
        QCOMPARE(s.denied, std::uint64_t(denied.load()));
        QCOMPARE(s.retries + s.denied, std::uint64_t(threads * perThread));
        QVERIFY(retried.load() <= 0.2 * threads * perThread + 100);
        QVERIFY(retried.load() >= 100); // the floor is always there
    }
};

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_retrypolicy.moc"
