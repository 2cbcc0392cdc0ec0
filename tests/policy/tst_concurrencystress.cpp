// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/bulkhead.h"
#include "policy/simulatedscheduler.h"
#include "policy/tokenbucketlimiter.h"

#include <QLocale>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
constexpr int kWorkers = 7; // plus the thread that drives the scheduler: 8
constexpr int kIterations = 4000;
constexpr std::uint32_t kCapacity = 3;
constexpr std::uint32_t kBurst = 5;
constexpr double kRate = 200000; // one token per 5 simulated microseconds

struct StressWaiter final : BulkheadWaiter {
    enum : int { Pending, Admitted, TimedOut };
    void onAdmitted() override { outcome.store(Admitted, std::memory_order_release); }
    void onQueueTimeout() override { outcome.store(TimedOut, std::memory_order_release); }
    std::atomic<int> outcome{Pending};
};

struct Tally {
    std::uint64_t attempts = 0, admitted = 0, rejected = 0, timedOut = 0, cancelled = 0;
    std::uint64_t bucketAttempts = 0, bucketPermitted = 0, bucketRejected = 0, permitsGranted = 0;
    bool tokensOutOfRange = false;
};

struct Shared {
    Bulkhead& bulkhead;
    TokenBucketLimiter& bucket;
    SimulatedScheduler& scheduler;
    std::atomic<int> inside{0};
    std::atomic<int> maxInside{0};
    std::atomic<bool> go{false}; // all workers start together, for the most overlap
};

// The caller's side of a slot: our own count of threads inside, which must never pass the capacity.
void critical(Shared& shared, int spin) {
    const int now = shared.inside.fetch_add(1, std::memory_order_acq_rel) + 1;
    int seen = shared.maxInside.load(std::memory_order_relaxed);
    while (now > seen && !shared.maxInside.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
    }
    for (int i = 0; i < spin; ++i)
        std::this_thread::yield();
    shared.inside.fetch_sub(1, std::memory_order_acq_rel);
    shared.bulkhead.leave();
}

void worker(Shared& shared, Tally& tally, unsigned seed) {
    StressWaiter waiter;
    std::uint32_t x = seed * 2654435761u + 1;
    while (!shared.go.load(std::memory_order_acquire))
        std::this_thread::yield();
    for (int i = 0; i < kIterations; ++i) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        ++tally.attempts;
        if (x % 4 == 0) {
            if (shared.bulkhead.tryEnter()) {
                ++tally.admitted;
                critical(shared, int(x % 3));
            } else {
                ++tally.rejected;
            }
        } else {
            waiter.outcome.store(StressWaiter::Pending, std::memory_order_relaxed);
            switch (shared.bulkhead.enter(waiter)) {
            case Admission::Admitted:
                ++tally.admitted;
                critical(shared, int(x % 3));
                break;
            case Admission::Rejected:
                ++tally.rejected;
                break;
            case Admission::Queued:
                if (x % 7 == 0 && shared.bulkhead.cancel(waiter)) {
                    ++tally.cancelled;
                    break;
                }
                while (waiter.outcome.load(std::memory_order_acquire) == StressWaiter::Pending)
                    std::this_thread::yield();
                if (waiter.outcome.load(std::memory_order_acquire) == StressWaiter::Admitted) {
                    ++tally.admitted;
                    critical(shared, int(x % 3));
                } else {
                    ++tally.timedOut;
                }
                break;
            }
        }

        const std::uint32_t permits = 1 + x % 3;
        const TimePoint now = shared.scheduler.now();
        ++tally.bucketAttempts;
        if (shared.bucket.tryAcquire(now, permits).permitted) {
            ++tally.bucketPermitted;
            tally.permitsGranted += permits;
        } else {
            ++tally.bucketRejected;
        }
        const double tokens = shared.bucket.snapshot(now).tokensAvailable;
        if (!(tokens >= 0.0 && tokens <= double(kBurst)))
            tally.tokensOutOfRange = true;
    }
}
} // namespace

class tst_ConcurrencyStress : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void bulkheadAndTokenBucket_data() {
        QTest::addColumn<Duration>("maxQueueWait");
        QTest::addColumn<int>("queue");
        QTest::newRow("2 ms queue wait") << Duration(2ms) << 3;
        QTest::newRow("tiny queue wait") << Duration(20us) << 2;
        // No timeout to rescue a waiter: a lost wake-up hangs here (and fails on the test timeout).
        QTest::newRow("wait forever") << Duration::zero() << 2;
    }
    void bulkheadAndTokenBucket() {
        QFETCH(Duration, maxQueueWait);
        QFETCH(int, queue);
        const TimePoint start = TimePoint{} + 1s;
        SimulatedScheduler scheduler(start);
        scheduler.reserve(64);
        BulkheadOptions options;
        options.maxConcurrent = kCapacity;
        options.maxQueued = std::uint32_t(queue);
        options.maxQueueWait = maxQueueWait;
        Bulkhead bulkhead(options, scheduler);
        TokenBucketLimiter bucket(kRate, kBurst);
        Shared shared{bulkhead, bucket, scheduler};

        std::atomic<bool> done{false};
        std::thread driver([&] {
            while (!done.load(std::memory_order_acquire)) {
                scheduler.advance(10us);
                std::this_thread::yield();
            }
        });
        std::vector<Tally> tallies(kWorkers);
        std::vector<std::thread> workers;
        for (int i = 0; i < kWorkers; ++i)
            workers.emplace_back(worker, std::ref(shared), std::ref(tallies[std::size_t(i)]),
                                 unsigned(i + 1));
        shared.go.store(true, std::memory_order_release);
        for (auto& t : workers)
            t.join();
        done.store(true, std::memory_order_release);
        driver.join();
        scheduler.runAll();
        const TimePoint end = scheduler.now();

        Tally sum;
        for (const Tally& t : tallies) {
            sum.attempts += t.attempts, sum.admitted += t.admitted, sum.rejected += t.rejected;
            sum.timedOut += t.timedOut, sum.cancelled += t.cancelled;
            sum.bucketAttempts += t.bucketAttempts, sum.bucketPermitted += t.bucketPermitted;
            sum.bucketRejected += t.bucketRejected, sum.permitsGranted += t.permitsGranted;
            QVERIFY(!t.tokensOutOfRange);
        }
        qInfo("bulkhead: %llu admitted, %llu rejected, %llu timed out, %llu cancelled; most inside %d; "
              "bucket: %llu of %llu permitted",
              (unsigned long long)sum.admitted, (unsigned long long)sum.rejected,
              (unsigned long long)sum.timedOut, (unsigned long long)sum.cancelled, shared.maxInside.load(),
              (unsigned long long)sum.bucketPermitted, (unsigned long long)sum.bucketAttempts);

        QCOMPARE(sum.attempts, std::uint64_t(kWorkers) * kIterations);
        QVERIFY(shared.maxInside.load() <= int(kCapacity));
        QCOMPARE(sum.admitted + sum.rejected + sum.timedOut + sum.cancelled, sum.attempts);
        const BulkheadSnapshot s = bulkhead.snapshot();
        QCOMPARE(s.admitted, sum.admitted);
        QCOMPARE(s.rejections, sum.rejected);
        QCOMPARE(s.queueTimeouts, sum.timedOut);
        QCOMPARE(s.active, 0u);
        QCOMPARE(s.queued, 0u);
        QCOMPARE(scheduler.pending(), std::size_t(0));
        if (maxQueueWait == Duration::zero())
            QCOMPARE(sum.timedOut, 0u);

        const RateLimiterSnapshot b = bucket.snapshot(end);
        QCOMPARE(b.permitted, sum.bucketPermitted);
        QCOMPARE(b.rejected, sum.bucketRejected);
        QCOMPARE(sum.bucketPermitted + sum.bucketRejected, sum.bucketAttempts);
        // GCRA conservation: granted permits never outrun the burst plus the refill over the run.
        const std::uint64_t refill = std::uint64_t((end - start) / bucket.interval());
        QVERIFY2(sum.permitsGranted <= kBurst + refill,
                 qPrintable(
                     QStringLiteral("%1 permits > %2 + %3").arg(sum.permitsGranted).arg(kBurst).arg(refill)));
        QVERIFY(b.tokensAvailable >= 0.0 && b.tokensAvailable <= kBurst);
    }
};

QTEST_GUILESS_MAIN(tst_ConcurrencyStress)
#include "tst_concurrencystress.moc"
