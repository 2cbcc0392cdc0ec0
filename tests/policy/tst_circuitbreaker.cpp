// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/circuitbreaker.h"
#include "policy/manualclock.h"

#include <QLocale>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
const TimePoint kStart = TimePoint{} + 1000s;

QByteArray name(BreakerState s) {
    return QByteArray(toString(s).data(), qsizetype(toString(s).size()));
}
QByteArray name(TransitionReason r) {
    return QByteArray(toString(r).data(), qsizetype(toString(r).size()));
}

// One call, by letter: S success, F failure (service_unavailable), T timed out, B business_logic,
// R rejected downstream (bulkhead full), C cancelled.
Outcome outcomeFor(char c) {
    switch (c) {
    case 'F':
        return Outcome::failure(ErrorCategory::ServiceUnavailable, true);
    case 'T':
        return Outcome::timedOut();
    case 'B':
        return Outcome::failure(ErrorCategory::BusinessLogic, false);
    case 'R':
        return Outcome::bulkheadFull();
    case 'C':
        return Outcome::cancelled();
    default:
        return Outcome::success();
    }
}

struct Fixture {
    explicit Fixture(const CircuitBreakerOptions& options)
        : breaker(options, clock) {
        recording =
            breaker.addTransitionListener([this](const BreakerTransition& t) { transitions.push_back(t); });
    }
    // Runs the calls in order; returns how many were admitted.
    int run(const QByteArray& calls, Duration elapsed = 1ms) {
        int admitted = 0;
        for (const char c : calls) {
            const auto permit = breaker.tryAcquire();
            if (!permit.permitted)
                continue;
            ++admitted;
            breaker.record(permit, outcomeFor(c), elapsed);
        }
        return admitted;
    }
    void openWithFailures() {
        while (breaker.state() == BreakerState::Closed)
            run("F");
    }
    ManualClock clock{kStart};
    CircuitBreaker breaker;
    std::vector<BreakerTransition> transitions;
    ListenerHandle recording; // fills transitions
};

CircuitBreakerOptions consecutive(std::uint32_t threshold, Duration open = 30s) {
    CircuitBreakerOptions o;
    o.failureThreshold = threshold;
    o.openDuration = open;
    return o;
}

CircuitBreakerOptions countWindow(std::uint32_t size, std::uint32_t minimum, double rate) {
    CircuitBreakerOptions o;
    o.mode = BreakerMode::CountWindow;
    o.windowSize = size;
    o.minimumThroughput = minimum;
    o.failureRateThreshold = rate;
    return o;
}
} // namespace

class tst_CircuitBreaker : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void names() {
        QCOMPARE(name(BreakerState::Closed), "closed");
        QCOMPARE(name(BreakerState::Open), "open");
        QCOMPARE(name(BreakerState::HalfOpen), "half_open");
        QCOMPARE(name(BreakerState::Isolated), "isolated");
        QCOMPARE(name(BreakerState::Disabled), "disabled");
        const std::vector<QByteArray> reasons{"failure_threshold",     "failure_rate",     "slow_call_rate",
                                              "open_duration_elapsed", "trials_succeeded", "trial_failed",
                                              "half_open_timeout",     "manual_isolate",   "manual_disable",
                                              "manual_auto",           "ttl_expired",      "reset"};
        for (std::size_t i = 0; i < reasons.size(); ++i)
            QCOMPARE(name(static_cast<TransitionReason>(i)), reasons[i]);
    }

    void consecutiveThreshold_data() {
        QTest::addColumn<int>("threshold");
        QTest::addColumn<QByteArray>("calls");
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<int>("failureCount");
        QTest::newRow("N-1 failures stay closed") << 3 << QByteArray("FF") << QByteArray("closed") << 2;
        QTest::newRow("N failures open") << 3 << QByteArray("FFF") << QByteArray("open") << 3;
        QTest::newRow("success resets the run") << 3 << QByteArray("FFSFF") << QByteArray("closed") << 2;
        QTest::newRow("run after reset opens") << 3 << QByteArray("FFSFFF") << QByteArray("open") << 3;
        QTest::newRow("timeouts are failures") << 2 << QByteArray("TT") << QByteArray("open") << 2;
        QTest::newRow("business error resets the run")
            << 3 << QByteArray("FFBF") << QByteArray("closed") << 1;
        QTest::newRow("rejections are not counted") << 3 << QByteArray("FFRCF") << QByteArray("open") << 3;
        QTest::newRow("threshold 1") << 1 << QByteArray("F") << QByteArray("open") << 1;
        QTest::newRow("open rejects the rest") << 2 << QByteArray("FFFFS") << QByteArray("open") << 2;
    }
    void consecutiveThreshold() {
        QFETCH(int, threshold);
        QFETCH(QByteArray, calls);
        QFETCH(QByteArray, state);
        QFETCH(int, failureCount);
        Fixture f(consecutive(std::uint32_t(threshold)));
        f.run(calls);
        const auto s = f.breaker.snapshot();
        QCOMPARE(name(s.state), state);
        QCOMPARE(int(s.failureCount), failureCount);
        QCOMPARE(s.opens, state == "open" ? 1u : 0u);
        QCOMPARE(f.transitions.size(), state == "open" ? 1u : 0u);
        if (state == "open") {
            QCOMPARE(name(f.transitions[0].reason), "failure_threshold");
            QCOMPARE(name(f.transitions[0].from), "closed");
            QCOMPARE(f.transitions[0].at, kStart);
        }
    }

    void countWindowRatio_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("minimum");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QByteArray>("calls");
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<int>("buffered");
        QTest::addColumn<double>("failureRate");
        QTest::newRow("below minimum throughput")
            << 10 << 5 << 0.5 << QByteArray("FFFF") << QByteArray("closed") << 4 << 1.0;
        QTest::newRow("minimum throughput reached")
            << 10 << 5 << 0.5 << QByteArray("FFFFF") << QByteArray("open") << 5 << 1.0;
        QTest::newRow("rate below threshold")
            << 10 << 4 << 0.5 << QByteArray("SSSF") << QByteArray("closed") << 4 << 0.25;
        QTest::newRow("rate equal to threshold")
            << 10 << 4 << 0.5 << QByteArray("SSFF") << QByteArray("open") << 4 << 0.5;
        QTest::newRow("success can complete the minimum")
            << 10 << 4 << 0.5 << QByteArray("FFFS") << QByteArray("open") << 4 << 0.75;
        QTest::newRow("old calls leave the ring")
            << 4 << 4 << 0.75 << QByteArray("FFSSSFF") << QByteArray("closed") << 4 << 0.5;
        QTest::newRow("ring trips on newest calls")
            << 4 << 4 << 0.75 << QByteArray("FFSSSFFF") << QByteArray("open") << 4 << 0.75;
        QTest::newRow("business errors are successes")
            << 10 << 4 << 0.5 << QByteArray("BBBF") << QByteArray("closed") << 4 << 0.25;
        QTest::newRow("rejections are not buffered")
            << 10 << 4 << 0.5 << QByteArray("RRCRF") << QByteArray("closed") << 1 << 1.0;
    }
    void countWindowRatio() {
        QFETCH(int, size);
        QFETCH(int, minimum);
        QFETCH(double, rate);
        QFETCH(QByteArray, calls);
        QFETCH(QByteArray, state);
        QFETCH(int, buffered);
        QFETCH(double, failureRate);
        Fixture f(countWindow(std::uint32_t(size), std::uint32_t(minimum), rate));
        f.run(calls);
        const auto s = f.breaker.snapshot();
        QCOMPARE(name(s.state), state);
        QCOMPARE(int(s.bufferedCalls), buffered);
        QCOMPARE(s.failureRate, failureRate);
        QCOMPARE(f.transitions.size(), state == "open" ? 1u : 0u);
        if (state == "open")
            QCOMPARE(name(f.transitions[0].reason), "failure_rate");
    }

    void timeWindowRollOver_data() {
        QTest::addColumn<qint64>("gapMs");
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<int>("buffered");
        // Two failures at t0, then one more after the gap; 10 s span in 1 s buckets, minimum 3 calls.
        QTest::newRow("same bucket") << qint64(0) << QByteArray("open") << 3;
        QTest::newRow("last bucket of the span") << qint64(9999) << QByteArray("open") << 3;
        QTest::newRow("aged out exactly at the span") << qint64(10000) << QByteArray("closed") << 1;
        QTest::newRow("long idle") << qint64(3600000) << QByteArray("closed") << 1;
    }
    void timeWindowRollOver() {
        QFETCH(qint64, gapMs);
        QFETCH(QByteArray, state);
        QFETCH(int, buffered);
        CircuitBreakerOptions o;
        o.mode = BreakerMode::TimeWindow;
        o.windowDuration = 10s;
        o.windowBuckets = 10;
        o.minimumThroughput = 3;
        o.failureRateThreshold = 0.5;
        Fixture f(o);
        f.run("FF");
        QCOMPARE(f.breaker.snapshot().bufferedCalls, 2u);
        f.clock.advance(std::chrono::milliseconds(gapMs));
        f.run("F");
        const auto s = f.breaker.snapshot();
        QCOMPARE(name(s.state), state);
        QCOMPARE(int(s.bufferedCalls), buffered);
        QCOMPARE(s.failureCount, std::uint32_t(buffered));
    }

    void timeWindowAgesOutWithoutCalls() {
        CircuitBreakerOptions o;
        o.mode = BreakerMode::TimeWindow;
        o.windowDuration = 10s;
        o.windowBuckets = 10;
        o.minimumThroughput = 100;
        Fixture f(o);
        f.run("FS");
        f.clock.advance(5s);
        f.run("SS");
        QCOMPARE(f.breaker.snapshot().bufferedCalls, 4u);
        f.clock.advance(5s); // the first bucket leaves the span
        auto s = f.breaker.snapshot();
        QCOMPARE(s.bufferedCalls, 2u);
        QCOMPARE(s.failureCount, 0u);
        QCOMPARE(s.failureRate, 0.0);
        f.clock.advance(5s);
        QCOMPARE(f.breaker.snapshot().bufferedCalls, 0u);
    }

    void slowCallRate_data() {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<std::vector<int>>("elapsedMs");
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<double>("slowRate");
        QTest::newRow("half slow opens")
            << 0.5 << std::vector<int>{1000, 999, 1000, 10} << QByteArray("open") << 0.5;
        QTest::newRow("1 ns short is fast")
            << 0.5 << std::vector<int>{1000, 999, 999, 10} << QByteArray("closed") << 0.25;
        QTest::newRow("threshold above 1 disables")
            << 1.1 << std::vector<int>{5000, 5000, 5000, 5000} << QByteArray("closed") << 1.0;
        QTest::newRow("all slow at 1.0")
            << 1.0 << std::vector<int>{1000, 1000, 1000, 1000} << QByteArray("open") << 1.0;
    }
    void slowCallRate() {
        QFETCH(double, threshold);
        QFETCH(std::vector<int>, elapsedMs);
        QFETCH(QByteArray, state);
        QFETCH(double, slowRate);
        auto o = countWindow(10, 4, 1.1);
        o.slowCallDuration = 1s;
        o.slowCallRateThreshold = threshold;
        Fixture f(o);
        for (const int ms : elapsedMs) {
            const auto permit = f.breaker.tryAcquire();
            QVERIFY(permit.permitted);
            f.breaker.record(permit, Outcome::success(),
                             ms == 999 ? 1s - 1ns : std::chrono::milliseconds(ms));
        }
        const auto s = f.breaker.snapshot();
        QCOMPARE(name(s.state), state);
        QCOMPARE(s.slowCallRate, slowRate);
        QCOMPARE(s.failureRate, 0.0);
        if (state == "open") {
            QCOMPARE(f.transitions.size(), 1u);
            QCOMPARE(name(f.transitions[0].reason), "slow_call_rate");
        }
    }

    void openToHalfOpenExactlyOnTime_data() {
        QTest::addColumn<QByteArray>("via");
        QTest::newRow("tryAcquire") << QByteArray("tryAcquire");
        QTest::newRow("state") << QByteArray("state");
        QTest::newRow("snapshot") << QByteArray("snapshot");
    }
    void openToHalfOpenExactlyOnTime() {
        QFETCH(QByteArray, via);
        Fixture f(consecutive(1, 30s));
        f.run("F");
        auto observe = [&] {
            if (via == "tryAcquire")
                return f.breaker.tryAcquire().permitted ? BreakerState::HalfOpen : BreakerState::Open;
            if (via == "state")
                return f.breaker.state();
            return f.breaker.snapshot().state;
        };
        f.clock.advance(30s - 1ns);
        QCOMPARE(name(observe()), "open");
        const auto rejected = f.breaker.tryAcquire();
        QVERIFY(!rejected.permitted);
        QCOMPARE(rejected.retryAfter, 1ns);
        f.clock.advance(1ns);
        QCOMPARE(name(observe()), "half_open");
        QCOMPARE(f.transitions.size(), 2u);
        QCOMPARE(name(f.transitions[1].from), "open");
        QCOMPARE(name(f.transitions[1].to), "half_open");
        QCOMPARE(name(f.transitions[1].reason), "open_duration_elapsed");
        QCOMPARE(f.transitions[1].at, kStart + 30s);
    }

    void halfOpenAdmitsExactlyNTrials_data() {
        QTest::addColumn<int>("trials");
        QTest::newRow("1") << 1;
        QTest::newRow("3") << 3;
        QTest::newRow("5") << 5;
    }
    void halfOpenAdmitsExactlyNTrials() {
        QFETCH(int, trials);
        auto o = consecutive(1, 10s);
        o.halfOpenTrials = std::uint32_t(trials);
        Fixture f(o);
        f.run("F");
        f.clock.advance(10s);
        std::vector<BreakerPermit> permits;
        for (int i = 0; i < trials; ++i) {
            permits.push_back(f.breaker.tryAcquire());
            QVERIFY(permits.back().permitted);
            QVERIFY(permits.back().trial);
        }
        const auto extra = f.breaker.tryAcquire();
        QVERIFY(!extra.permitted);
        QCOMPARE(extra.retryAfter, Duration(10s));
        QCOMPARE(f.breaker.snapshot().trialsInFlight, std::uint32_t(trials));
        for (int i = 0; i < trials; ++i) {
            QCOMPARE(name(f.breaker.state()), "half_open"); // closes only once every trial succeeded
            f.breaker.record(permits[std::size_t(i)], Outcome::success(), 1ms);
        }
        QCOMPARE(name(f.breaker.state()), "closed");
        QCOMPARE(name(f.transitions.back().reason), "trials_succeeded");
        QCOMPARE(f.breaker.snapshot().rejectedCalls, 1u);
        QVERIFY(f.breaker.tryAcquire().permitted);
    }

    void halfOpenTrialsUnderConcurrency() {
        constexpr int kThreads = 8;
        constexpr std::uint32_t kTrials = 3;
        auto o = consecutive(1, 1s);
        o.halfOpenTrials = kTrials;
        Fixture f(o);
        for (int round = 0; round < 25; ++round) {
            f.run("F");
            QCOMPARE(name(f.breaker.state()), "open");
            f.clock.advance(1s);
            std::atomic<int> ready{0};
            std::vector<BreakerPermit> got(kThreads);
            std::vector<std::thread> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&, t] {
                    ready.fetch_add(1);
                    while (ready.load() < kThreads) {
                    }
                    got[std::size_t(t)] = f.breaker.tryAcquire();
                });
            }
            for (auto& thread : threads)
                thread.join();
            std::uint32_t permitted = 0;
            for (const auto& p : got) {
                permitted += p.permitted;
                if (p.permitted) {
                    QVERIFY(p.trial);
                    f.breaker.record(p, Outcome::success(), 1ms);
                }
            }
            QCOMPARE(permitted, kTrials);
            QCOMPARE(name(f.breaker.state()), "closed");
        }
    }

    void trialFailureBacksOffUpToCap() {
        auto o = consecutive(1, 10s);
        o.backoffMultiplier = 2.0;
        o.maxOpenDuration = 35s;
        Fixture f(o);
        f.run("F");
        const std::vector<Duration> expected{10s, 20s, 35s, 35s};
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto opened = f.clock.now();
            auto s = f.breaker.snapshot();
            QCOMPARE(name(s.state), "open");
            QCOMPARE(s.currentOpenDuration, expected[i]);
            QCOMPARE(s.nextAttemptAt, std::optional<TimePoint>(opened + expected[i]));
            QCOMPARE(s.opens, std::uint64_t(i + 1));
            f.clock.advance(expected[i] - 1ns);
            QCOMPARE(name(f.breaker.state()), "open");
            f.clock.advance(1ns);
            const auto trial = f.breaker.tryAcquire();
            QVERIFY(trial.trial);
            f.breaker.record(trial, Outcome::failure(ErrorCategory::Timeout, true), 1ms);
            QCOMPARE(name(f.transitions.back().reason), "trial_failed");
            QCOMPARE(name(f.transitions.back().from), "half_open");
        }
        // A close forgets the backoff: the next open lasts the base duration again.
        f.clock.advance(35s);
        f.breaker.record(f.breaker.tryAcquire(), Outcome::success(), 1ms);
        QCOMPARE(name(f.breaker.state()), "closed");
        QCOMPARE(f.breaker.snapshot().currentOpenDuration, Duration(10s));
        f.run("F");
        QCOMPARE(f.breaker.snapshot().nextAttemptAt, std::optional<TimePoint>(f.clock.now() + 10s));
    }

    void halfOpenMaxWait() {
        auto o = consecutive(1, 10s);
        o.halfOpenTrials = 2;
        o.halfOpenMaxWait = 5s;
        o.backoffMultiplier = 3.0;
        Fixture f(o);
        f.run("F");
        f.clock.advance(10s);
        const auto first = f.breaker.tryAcquire();
        const auto second = f.breaker.tryAcquire();
        QVERIFY(first.trial && second.trial);
        const auto busy = f.breaker.tryAcquire();
        QVERIFY(!busy.permitted);
        QCOMPARE(busy.retryAfter, Duration(5s));
        f.breaker.record(first, Outcome::success(), 1ms);
        f.clock.advance(5s - 1ns);
        QCOMPARE(name(f.breaker.state()), "half_open");
        f.clock.advance(1ns);
        QCOMPARE(name(f.breaker.state()), "open");
        QCOMPARE(name(f.transitions.back().reason), "half_open_timeout");
        QCOMPARE(f.transitions.back().at, kStart + 15s);
        QCOMPARE(f.breaker.snapshot().currentOpenDuration, Duration(30s));
        // The late trial belongs to the half-open period that is over: it cannot close the breaker.
        f.breaker.record(second, Outcome::success(), 1ms);
        QCOMPARE(name(f.breaker.state()), "open");
        QCOMPARE(f.transitions.size(), 3u);
        // Nor can it fail the next half-open period.
        f.clock.advance(30s);
        QCOMPARE(name(f.breaker.state()), "half_open");
        f.breaker.record(second, Outcome::failure(ErrorCategory::ServiceUnavailable, true), 1ms);
        QCOMPARE(name(f.breaker.state()), "half_open");
        QCOMPARE(f.transitions.size(), 4u);
    }

    void succeededTrialsKeepTheirSlots() {
        auto o = consecutive(1, 10s);
        o.halfOpenTrials = 3;
        Fixture f(o);
        f.run("F");
        f.clock.advance(10s);
        for (int i = 0; i < 2; ++i) {
            const auto trial = f.breaker.tryAcquire();
            QVERIFY(trial.trial);
            f.breaker.record(trial, Outcome::success(), 1ms);
        }
        const auto last = f.breaker.tryAcquire();
        QVERIFY(last.trial);
        QVERIFY(!f.breaker.tryAcquire().permitted); // 2 succeeded + 1 in flight: no fourth trial
        QCOMPARE(f.breaker.snapshot().trialsInFlight, 1u);
        f.breaker.record(last, Outcome::success(), 1ms);
        QCOMPARE(name(f.breaker.state()), "closed");
    }

    void releasedTrialGivesSlotBack_data() {
        QTest::addColumn<QByteArray>("how");
        QTest::newRow("release") << QByteArray("release");
        QTest::newRow("record cancelled") << QByteArray("cancelled");
        QTest::newRow("record rejected downstream") << QByteArray("rejected");
    }
    void releasedTrialGivesSlotBack() {
        QFETCH(QByteArray, how);
        Fixture f(consecutive(1, 10s));
        f.run("F");
        f.clock.advance(10s);
        const auto trial = f.breaker.tryAcquire();
        QVERIFY(trial.trial);
        QVERIFY(!f.breaker.tryAcquire().permitted);
        if (how == "release")
            f.breaker.release(trial);
        else
            f.breaker.record(trial, how == "cancelled" ? Outcome::cancelled() : Outcome::rateLimited(), 1ms);
        QCOMPARE(name(f.breaker.state()), "half_open");
        QCOMPARE(f.breaker.snapshot().trialsInFlight, 0u);
        const auto again = f.breaker.tryAcquire();
        QVERIFY(again.permitted && again.trial);
        QVERIFY(!f.breaker.tryAcquire().permitted);
        f.breaker.record(again, Outcome::success(), 1ms);
        QCOMPARE(name(f.breaker.state()), "closed");
    }

    void manualOverrideTtl_data() {
        QTest::addColumn<bool>("isolate");
        QTest::addColumn<qint64>("ttlMs");
        QTest::newRow("isolate 1 s") << true << qint64(1000);
        QTest::newRow("isolate 90 s") << true << qint64(90000);
        QTest::newRow("disable 1 s") << false << qint64(1000);
        QTest::newRow("disable 90 s") << false << qint64(90000);
    }
    void manualOverrideTtl() {
        QFETCH(bool, isolate);
        QFETCH(qint64, ttlMs);
        const Duration ttl = std::chrono::milliseconds(ttlMs);
        Fixture f(consecutive(2));
        if (isolate)
            f.breaker.isolate(ttl, "maintenance");
        else
            f.breaker.disable(ttl, "noisy");
        auto s = f.breaker.snapshot();
        QCOMPARE(name(s.state), isolate ? "isolated" : "disabled");
        QVERIFY(s.manual);
        QCOMPARE(s.manualUntil, std::optional<TimePoint>(kStart + ttl));
        QCOMPARE(s.nextAttemptAt, isolate ? std::optional<TimePoint>(kStart + ttl) : std::nullopt);
        QCOMPARE(f.transitions.back().note, std::string(isolate ? "maintenance" : "noisy"));
        QCOMPARE(name(f.transitions.back().reason), isolate ? "manual_isolate" : "manual_disable");
        const auto permit = f.breaker.tryAcquire();
        QCOMPARE(permit.permitted, !isolate);
        if (isolate)
            QCOMPARE(permit.retryAfter, ttl);
        // Disabled never trips, though it still counts.
        QCOMPARE(f.run("FFFFF"), isolate ? 0 : 5);
        QCOMPARE(f.breaker.snapshot().failureCount, isolate ? 0u : 5u);
        QCOMPARE(f.breaker.snapshot().opens, 0u);
        f.clock.advance(ttl - 1ns);
        QCOMPARE(name(f.breaker.state()), isolate ? "isolated" : "disabled");
        f.clock.advance(1ns);
        QCOMPARE(name(f.breaker.state()), "closed");
        QCOMPARE(name(f.transitions.back().reason), "ttl_expired");
        QCOMPARE(f.transitions.back().at, kStart + ttl);
        s = f.breaker.snapshot();
        QVERIFY(!s.manual);
        QCOMPARE(s.manualUntil, std::nullopt);
        QCOMPARE(s.failureCount, 0u);
        QCOMPARE(f.transitions.size(), 2u);
    }

    void manualWithoutTtl() {
        Fixture f(consecutive(2));
        f.breaker.isolate();
        const auto rejected = f.breaker.tryAcquire();
        QVERIFY(!rejected.permitted);
        QCOMPARE(rejected.retryAfter, Duration(60s));
        f.clock.advance(24h);
        QCOMPARE(name(f.breaker.state()), "isolated");
        QCOMPARE(f.breaker.snapshot().nextAttemptAt, std::nullopt);
        f.breaker.isolate(); // same override again: no state change, no transition
        QCOMPARE(f.transitions.size(), 1u);
        f.breaker.disable();
        f.breaker.automatic("done");
        QCOMPARE(name(f.breaker.state()), "closed");
        f.breaker.automatic(); // already automatic and closed: nothing to report
        QCOMPARE(f.transitions.size(), 3u);
        QCOMPARE(name(f.transitions[1].from), "isolated");
        QCOMPARE(name(f.transitions[1].to), "disabled");
        QCOMPARE(name(f.transitions[2].reason), "manual_auto");
        QCOMPARE(f.transitions[2].note, std::string("done"));
        QCOMPARE(f.breaker.snapshot().opens, 0u);
        QCOMPARE(f.breaker.snapshot().rejectedCalls, 1u);
    }

    void resetClosesAndClearsWindow() {
        auto o = countWindow(10, 3, 0.5);
        o.backoffMultiplier = 2.0;
        Fixture f(o);
        f.run("SF");
        const auto inFlight = f.breaker.tryAcquire();
        f.breaker.reset(); // closed already: no transition, but the window starts over
        QCOMPARE(f.transitions.size(), 0u);
        QCOMPARE(f.breaker.snapshot().bufferedCalls, 0u);
        f.breaker.record(inFlight, Outcome::failure(ErrorCategory::Unknown, true), 1ms);
        QCOMPARE(f.breaker.snapshot().bufferedCalls, 0u); // issued before the reset
        f.run("FFF");
        QCOMPARE(name(f.breaker.state()), "open");
        f.breaker.reset();
        QCOMPARE(name(f.breaker.state()), "closed");
        QCOMPARE(name(f.transitions.back().reason), "reset");
        QCOMPARE(f.breaker.snapshot().bufferedCalls, 0u);
    }

    void failureCategories_data() {
        QTest::addColumn<int>("category");
        QTest::addColumn<bool>("counted");
        QTest::newRow("service_unavailable") << int(ErrorCategory::ServiceUnavailable) << true;
        QTest::newRow("timeout") << int(ErrorCategory::Timeout) << true;
        QTest::newRow("unknown") << int(ErrorCategory::Unknown) << true;
        QTest::newRow("business_logic") << int(ErrorCategory::BusinessLogic) << false;
        QTest::newRow("rate_limit") << int(ErrorCategory::RateLimit) << false;
        QTest::newRow("system_busy") << int(ErrorCategory::SystemBusy) << false;
    }
    void failureCategories() {
        QFETCH(int, category);
        QFETCH(bool, counted);
        Fixture f(countWindow(10, 1, 0.5));
        f.breaker.record(f.breaker.tryAcquire(), Outcome::failure(ErrorCategory(category), false), 1ms);
        const auto s = f.breaker.snapshot();
        QCOMPARE(s.bufferedCalls, 1u); // the service answered either way
        QCOMPARE(s.failureCount, counted ? 1u : 0u);
        QCOMPARE(name(s.state), counted ? "open" : "closed");
        QCOMPARE(s.lastFailureAt.has_value(), counted);
    }

    void staleGenerationDoesNotMoveState_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("consecutive") << int(BreakerMode::ConsecutiveFailures);
        QTest::newRow("count window") << int(BreakerMode::CountWindow);
        QTest::newRow("time window") << int(BreakerMode::TimeWindow);
    }
    void staleGenerationDoesNotMoveState() {
        QFETCH(int, mode);
        CircuitBreakerOptions o;
        o.mode = BreakerMode(mode);
        o.failureThreshold = 2;
        o.minimumThroughput = 2;
        o.failureRateThreshold = 0.5;
        o.openDuration = 10s;
        Fixture f(o);
        const auto early = f.breaker.tryAcquire(); // a slow call of the first closed period
        const auto late = f.breaker.tryAcquire();
        f.run("FF");
        QCOMPARE(name(f.breaker.state()), "open");
        f.clock.advance(10s);
        const auto trial = f.breaker.tryAcquire();
        QVERIFY(trial.trial);
        f.breaker.record(early, Outcome::failure(ErrorCategory::ServiceUnavailable, true), 20s);
        QCOMPARE(name(f.breaker.state()), "half_open"); // not a trial failure
        f.breaker.record(trial, Outcome::success(), 1ms);
        QCOMPARE(name(f.breaker.state()), "closed");
        // A straggler cannot start the new period's run or window either.
        f.breaker.record(late, Outcome::failure(ErrorCategory::ServiceUnavailable, true), 20s);
        f.run("F");
        const auto s = f.breaker.snapshot();
        QCOMPARE(name(s.state), "closed");
        QCOMPARE(s.failureCount, 1u);
        QCOMPARE(s.opens, 1u);
        QCOMPARE(s.lastFailureAt, std::optional<TimePoint>(f.clock.now()));
    }

    void listenerSeesEveryTransitionOnce() {
        auto o = consecutive(1, 10s);
        Fixture f(o);
        BreakerState seenInside = BreakerState::Closed;
        int calls = 0;
        // A second listener beside the fixture's, which records into f.transitions.
        const ListenerHandle counting = f.breaker.addTransitionListener([&](const BreakerTransition&) {
            ++calls;
            seenInside = f.breaker.state(); // no lock is held: calling back must not deadlock
        });
        f.run("F");
        QCOMPARE(name(seenInside), "open");
        f.clock.advance(10s);
        f.run("F"); // trial fails
        f.clock.advance(10s);
        f.run("S"); // trial succeeds
        f.breaker.isolate(1s);
        f.breaker.disable();
        f.breaker.reset();
        struct Expected {
            const char* from;
            const char* to;
            const char* reason;
            Duration at;
        };
        const std::vector<Expected> expected{
            {"closed", "open", "failure_threshold", 0s},
            {"open", "half_open", "open_duration_elapsed", 10s},
            {"half_open", "open", "trial_failed", 10s},
            {"open", "half_open", "open_duration_elapsed", 20s},
            {"half_open", "closed", "trials_succeeded", 20s},
            {"closed", "isolated", "manual_isolate", 20s},
            {"isolated", "disabled", "manual_disable", 20s},
            {"disabled", "closed", "reset", 20s},
        };
        QCOMPARE(f.transitions.size(), expected.size());
        QCOMPARE(calls, int(expected.size()));
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(name(f.transitions[i].from), expected[i].from);
            QCOMPARE(name(f.transitions[i].to), expected[i].to);
            QCOMPARE(name(f.transitions[i].reason), expected[i].reason);
            QCOMPARE(f.transitions[i].at, kStart + expected[i].at);
        }
        QCOMPARE(f.breaker.snapshot().opens, 2u);
    }

    void droppingOneTransitionListenerKeepsTheOthers() {
        Fixture f(consecutive(1, 10s));
        int counted = 0;
        ListenerHandle counting =
            f.breaker.addTransitionListener([&](const BreakerTransition&) { ++counted; });
        f.run("F"); // closed -> open: both hear it
        QCOMPARE(counted, 1);
        QCOMPARE(f.transitions.size(), std::size_t(1));
        counting.reset();
        f.breaker.reset(); // open -> closed: only the fixture's listener is left
        QCOMPARE(counted, 1);
        QCOMPARE(f.transitions.size(), std::size_t(2));
        f.recording.reset();
        f.run("F");
        QCOMPARE(f.transitions.size(), std::size_t(2));
        QCOMPARE(name(f.breaker.state()), "open"); // nobody listening: the breaker works on
    }

    void transitionCausedByListenerIsDeliveredAfterIt() {
        Fixture f(consecutive(1));
        std::vector<QByteArray> order;
        const ListenerHandle handle = f.breaker.addTransitionListener([&](const BreakerTransition& t) {
            order.push_back(name(t.to) + (order.size() == 0 ? " begin" : ""));
            if (t.to == BreakerState::Isolated) {
                f.breaker.state(); // the zero TTL expires here: that transition must wait its turn
                order.back().replace(" begin", " end");
            }
        });
        f.breaker.isolate(0ns);
        QCOMPARE(order, (std::vector<QByteArray>{"isolated end", "closed"}));
    }

    void snapshotFields() {
        auto o = countWindow(10, 4, 0.5);
        o.slowCallDuration = 2s;
        o.openDuration = 30s;
        Fixture f(o);
        auto s = f.breaker.snapshot();
        QCOMPARE(name(s.state), "closed");
        QCOMPARE(s.lastFailureAt, std::nullopt);
        QCOMPARE(s.nextAttemptAt, std::nullopt);
        QCOMPARE(s.currentOpenDuration, Duration(30s));
        f.run("S", 3s);
        f.clock.advance(1s);
        f.run("F");
        const auto failedAt = f.clock.now();
        f.clock.advance(1s);
        f.run("S");
        s = f.breaker.snapshot();
        QCOMPARE(s.bufferedCalls, 3u);
        QCOMPARE(s.failureCount, 1u);
        QCOMPARE(s.failureRate, 1.0 / 3.0);
        QCOMPARE(s.slowCallRate, 1.0 / 3.0);
        QCOMPARE(s.lastFailureAt, std::optional<TimePoint>(failedAt));
        f.run("F");
        const auto openedAt = f.clock.now();
        f.clock.advance(1s);
        QCOMPARE(f.run("SSS"), 0);
        s = f.breaker.snapshot();
        QCOMPARE(name(s.state), "open");
        QCOMPARE(s.opens, 1u);
        QCOMPARE(s.rejectedCalls, 3u);
        QCOMPARE(s.bufferedCalls, 4u);
        QCOMPARE(s.failureRate, 0.5);
        QCOMPARE(s.lastFailureAt, std::optional<TimePoint>(openedAt));
        QCOMPARE(s.nextAttemptAt, std::optional<TimePoint>(openedAt + 30s));
        QCOMPARE(s.trialsInFlight, 0u);
        QVERIFY(!s.manual);
        QCOMPARE(f.breaker.tryAcquire().retryAfter, Duration(29s));
    }

    void concurrentStress_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("consecutive") << int(BreakerMode::ConsecutiveFailures);
        QTest::newRow("count window") << int(BreakerMode::CountWindow);
        QTest::newRow("time window") << int(BreakerMode::TimeWindow);
    }
    void concurrentStress() {
        QFETCH(int, mode);
        constexpr int kThreads = 8;
        constexpr int kAttempts = 20000;
        CircuitBreakerOptions o;
        o.mode = BreakerMode(mode);
        o.failureThreshold = 3;
        o.windowSize = 20;
        o.windowDuration = 100ms;
        o.minimumThroughput = 10;
        o.failureRateThreshold = 0.3;
        o.openDuration = 5ms;
        o.halfOpenTrials = 2;
        o.halfOpenMaxWait = 20ms;
        o.backoffMultiplier = 1.5;
        o.maxOpenDuration = 40ms;
        ManualClock clock{kStart};
        CircuitBreaker breaker(o, clock);
        std::mutex logMutex;
        std::vector<BreakerTransition> log;
        const ListenerHandle handle = breaker.addTransitionListener([&](const BreakerTransition& t) {
            std::lock_guard lock(logMutex);
            log.push_back(t);
        });
        std::atomic<std::uint64_t> permitted{0}, rejected{0}, badRetryAfter{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                std::uint32_t rng = 2654435761u * std::uint32_t(t + 1);
                for (int i = 0; i < kAttempts; ++i) {
                    rng = rng * 1664525u + 1013904223u;
                    if (t == 0 && i % 16 == 0)
                        clock.advance(1ms);
                    const auto permit = breaker.tryAcquire();
                    if (!permit.permitted) {
                        rejected.fetch_add(1, std::memory_order_relaxed);
                        if (permit.retryAfter <= Duration::zero())
                            badRetryAfter.fetch_add(1, std::memory_order_relaxed);
                        continue;
                    }
                    permitted.fetch_add(1, std::memory_order_relaxed);
                    const auto roll = rng >> 24;
                    if (roll < 8)
                        breaker.release(permit);
                    else
                        breaker.record(permit, roll < 80 ? Outcome::timedOut() : Outcome::success(), 1ms);
                    if (i % 1000 == 0)
                        (void)breaker.snapshot();
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        const auto s = breaker.snapshot();
        QCOMPARE(permitted.load() + rejected.load(), std::uint64_t(kThreads) * kAttempts);
        QCOMPARE(s.rejectedCalls, rejected.load());
        QCOMPARE(badRetryAfter.load(), 0u);
        QVERIFY(s.opens > 0);
        QVERIFY(rejected.load() > 0);
        // Delivered in order: each transition starts where the previous one ended.
        std::uint64_t opens = 0;
        BreakerState last = BreakerState::Closed;
        for (const auto& t : log) {
            QCOMPARE(name(t.from), name(last));
            QVERIFY(t.from != t.to);
            last = t.to;
            opens += t.to == BreakerState::Open;
        }
        QCOMPARE(opens, s.opens);
        QCOMPARE(name(last), name(s.state));
    }
};

QTEST_GUILESS_MAIN(tst_CircuitBreaker)
#include "tst_circuitbreaker.moc"
