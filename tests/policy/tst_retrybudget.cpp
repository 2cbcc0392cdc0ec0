// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/manualclock.h"
#include "policy/retrybudget.h"

#include <QLocale>
#include <QTest>

#include <cmath>
#include <thread>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
RetryOptions ratioOptions(double ratio, std::uint32_t minPerSecond, Duration window = 10s) {
    RetryOptions o;
    o.budget = RetryBudgetKind::Ratio;
    o.budgetRatio = ratio;
    o.budgetMinRetriesPerSecond = minPerSecond;
    o.budgetWindow = window;
    return o;
}

RetryOptions tokenOptions(double max = 100, double ratio = 0.1) {
    RetryOptions o;
    o.budget = RetryBudgetKind::Tokens;
    o.budgetTokenMax = max;
    o.budgetTokenRatio = ratio;
    return o;
}

// Asks for retries until the first denial; returns how many were granted.
int grantedUntilDenied(RetryBudget& budget, TimePoint now, int limit = 100000) {
    for (int i = 0; i < limit; ++i)
        if (!budget.tryRetry(now, budget.onRetryableFailure()))
            return i;
    return limit;
}

// Runs fn(thread) on `threads` threads at once.
template <typename F> void onThreads(int threads, F fn) {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(fn, t);
    for (auto& thread : pool)
        thread.join();
}
} // namespace

class tst_RetryBudget : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void ratioAllowance_data() {
        QTest::addColumn<double>("ratio");
        QTest::addColumn<uint>("minPerSecond");
        QTest::addColumn<qint64>("windowMs");
        QTest::addColumn<int>("calls");
        QTest::addColumn<int>("expectedRetries");
        QTest::newRow("floor only") << 0.2 << 10u << 10000LL << 0 << 100;
        QTest::newRow("ratio only") << 0.2 << 0u << 10000LL << 1000 << 200;
        QTest::newRow("ratio plus floor") << 0.2 << 10u << 10000LL << 1000 << 300;
        QTest::newRow("fractional allowance rounds up") << 0.25 << 0u << 10000LL << 10 << 3;
        QTest::newRow("short window floor") << 0.1 << 10u << 2000LL << 50 << 25;
        QTest::newRow("nothing") << 0.0 << 0u << 10000LL << 1000 << 0;
        QTest::newRow("negative ratio is zero") << -1.0 << 1u << 10000LL << 1000 << 10;
        QTest::newRow("NaN ratio is zero") << std::nan("") << 1u << 10000LL << 1000 << 10;
    }
    void ratioAllowance() {
        QFETCH(double, ratio);
        QFETCH(uint, minPerSecond);
        QFETCH(qint64, windowMs);
        QFETCH(int, calls);
        QFETCH(int, expectedRetries);
        RetryBudget budget(ratioOptions(ratio, minPerSecond, std::chrono::milliseconds(windowMs)));
        const TimePoint now{5s};
        for (int i = 0; i < calls; ++i)
            budget.onCall(now);
        QCOMPARE(budget.snapshot(now).available, double(expectedRetries));
        QCOMPARE(grantedUntilDenied(budget, now), expectedRetries);
        const RetryBudgetSnapshot s = budget.snapshot(now);
        QCOMPARE(s.kind, RetryBudgetKind::Ratio);
        QCOMPARE(s.available, 0.0);
        QCOMPARE(s.calls, std::uint64_t(calls));
        QCOMPARE(s.retries, std::uint64_t(expectedRetries));
        QCOMPARE(s.denied, std::uint64_t(1));
    }

    // Buckets of window/10: a bucket counts while it is less than a full window old.
    void ratioWindowSlides() {
        ManualClock clock(TimePoint{} + 100s);
        RetryBudget budget(ratioOptions(0.5, 0));
        for (int i = 0; i < 100; ++i)
            budget.onCall(clock.now());
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 50);

        clock.advance(5s); // half a window: calls and retries both still count
        QCOMPARE(budget.snapshot(clock.now()).available, 0.0);
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 0);
        for (int i = 0; i < 10; ++i)
            budget.onCall(clock.now());
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 5);

        clock.advance(4999ms); // 9.999 s after the first batch: still in the window
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 0);
        clock.advance(1ms); // exactly one window later: the first batch has left, the second not
        QCOMPARE(budget.snapshot(clock.now()).available, 0.0);
        clock.advance(5s); // the second batch has left too: the budget has recovered
        QCOMPARE(budget.snapshot(clock.now()).available, 0.0); // no traffic, no floor: nothing to spend
        budget.onCall(clock.now());
        budget.onCall(clock.now());
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 1);
        QCOMPARE(budget.snapshot(clock.now()).retries, std::uint64_t(56));
    }

    void ratioRecoversAfterWindow() {
        ManualClock clock;
        RetryBudget budget(ratioOptions(0.2, 10));
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 100);
        clock.advance(9s);
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 0);
        clock.advance(1s);
        QCOMPARE(budget.snapshot(clock.now()).available, 100.0);
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 100);
        // Long idle gaps and a clock before the epoch work the same way.
        clock.setNow(TimePoint{} - 1000h);
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 100);
        clock.advance(10s);
        QCOMPARE(grantedUntilDenied(budget, clock.now()), 100);
    }

    void tokensThrottle() {
        RetryBudget budget(tokenOptions());
        QCOMPARE(budget.snapshot({}).available, 100.0);
        // A failure takes a token; retries only while more than half (50) is left after it: 99..51.
        QCOMPARE(grantedUntilDenied(budget, {}), 49);
        QCOMPARE(budget.snapshot({}).available, 50.0);
        for (int i = 0; i < 200; ++i)
            budget.onRetryableFailure();
        QCOMPARE(budget.snapshot({}).available, 0.0); // never negative

        // Successes refill by 0.1: 510 of them give 51, and the next failure leaves exactly 50: denied.
        for (int i = 0; i < 510; ++i)
            budget.onSuccess();
        QCOMPARE(budget.snapshot({}).available, 51.0);
        QVERIFY(!budget.tryRetry({}, budget.onRetryableFailure()));
        for (int i = 0; i < 20; ++i)
            budget.onSuccess();
        QCOMPARE(budget.snapshot({}).available, 52.0);
        QVERIFY(budget.tryRetry({}, budget.onRetryableFailure()));
        for (int i = 0; i < 5000; ++i)
            budget.onSuccess();
        QCOMPARE(budget.snapshot({}).available, 100.0); // capped at max
        const RetryBudgetSnapshot s = budget.snapshot({});
        QCOMPARE(s.kind, RetryBudgetKind::Tokens);
        QCOMPARE(s.retries, std::uint64_t(50));
        QCOMPARE(s.denied, std::uint64_t(2));
    }

    void tokensFractionalRatio() {
        RetryBudget budget(tokenOptions(10, 0.125));
        for (int i = 0; i < 10; ++i)
            budget.onRetryableFailure();
        for (int i = 0; i < 3; ++i)
            budget.onSuccess();
        QCOMPARE(budget.snapshot({}).available, 0.375);
    }

    void noneAlwaysGrants() {
        RetryOptions o;
        o.budget = RetryBudgetKind::None;
        RetryBudget budget(o);
        QCOMPARE(grantedUntilDenied(budget, {}, 5000), 5000);
        QVERIFY(std::isinf(budget.snapshot({}).available));
        QCOMPARE(budget.snapshot({}).retries, std::uint64_t(5000));
    }

    // Reserve-then-check keeps the ratio exact under contention: 8 threads ask for 8000 retries against
    // an allowance of 0.2 * 8000 + 100, and exactly 1700 are granted.
    void ratioExactUnderContention() {
        RetryBudget budget(ratioOptions(0.2, 10));
        const TimePoint now{1s};
        constexpr int threads = 8, perThread = 1000;
        onThreads(threads, [&](int) {
            for (int i = 0; i < perThread; ++i)
                budget.onCall(now);
        });
        std::atomic<int> granted{0};
        onThreads(threads, [&](int) {
            for (int i = 0; i < perThread; ++i)
                if (budget.tryRetry(now, budget.onRetryableFailure()))
                    granted.fetch_add(1);
        });
        const RetryBudgetSnapshot s = budget.snapshot(now);
        QCOMPARE(granted.load(), 1700);
        QCOMPARE(s.calls, std::uint64_t(threads * perThread));
        QCOMPARE(s.retries, std::uint64_t(1700));
        QCOMPARE(s.denied, std::uint64_t(threads * perThread - 1700));
        QCOMPARE(s.available, 0.0);
    }

    // Each withdrawal judges its own result, so exactly the tokens 99..51 grant a retry.
    void tokensExactUnderContention() {
        RetryBudget budget(tokenOptions());
        constexpr int threads = 8, perThread = 1000;
        onThreads(threads, [&](int t) {
            for (int i = 0; i < perThread; ++i) {
                budget.tryRetry({}, budget.onRetryableFailure());
                if (t == 0 && i % 10 == 0)
                    budget.onSuccess(); // concurrent refills must not corrupt the count
            }
        });
        const RetryBudgetSnapshot s = budget.snapshot({});
        QCOMPARE(s.retries + s.denied, std::uint64_t(threads * perThread));
        QVERIFY(s.retries >= 49);
        QVERIFY(s.retries <= 49 + 10); // 100 refills of 0.1 buy back at most 10 grants
        QVERIFY(s.available >= 0.0 && s.available <= 10.0);
    }
};

QTEST_GUILESS_MAIN(tst_RetryBudget)
#include "tst_retrybudget.moc"
