// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/bulkhead.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <functional>
#include <utility>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct TestWaiter final : BulkheadWaiter {
    TestWaiter(std::vector<int>* log = nullptr, int id = 0, const Clock* clock = nullptr)
        : m_log(log)
        , m_id(id)
        , m_clock(clock) {}
    void onAdmitted() override {
        ++admitted;
        if (m_log)
            m_log->push_back(m_id);
    }
    void onQueueTimeout() override {
        ++timedOut;
        if (m_clock)
            timedOutAt = m_clock->now();
    }
    std::vector<int>* m_log;
    int m_id;
    const Clock* m_clock;
    int admitted = 0;
    int timedOut = 0;
    TimePoint timedOutAt{};
};

// A scheduler whose cancel() can be told to fail, as it does when the timer has already been taken off
// the queue and its fire() is about to run on another thread.
struct InFlightScheduler final : Scheduler {
    const Clock& clock() const noexcept override { return m_clock; }
    void schedule(TimerTask&, Duration) override { ++scheduled; }
    bool cancel(TimerTask&) noexcept override {
        ++cancelled;
        return cancelSucceeds;
    }
    ManualClock m_clock;
    bool cancelSucceeds = false;
    int scheduled = 0;
    int cancelled = 0;
};

// A scheduler that runs a hook while enter() arms the queue-wait timer: the moment after enter() found no
// free slot and before its waiter is visible in the queue.
struct InterposingScheduler final : Scheduler {
    const Clock& clock() const noexcept override { return m_clock; }
    void schedule(TimerTask&, Duration) override {
        ++armed;
        if (hook)
            std::exchange(hook, nullptr)();
    }
    bool cancel(TimerTask&) noexcept override {
        --armed;
        return true;
    }
    ManualClock m_clock;
    std::function<void()> hook;
    int armed = 0;
};

BulkheadOptions options(std::uint32_t concurrent, std::uint32_t queued, Duration wait = 5s) {
    BulkheadOptions o;
    o.maxConcurrent = concurrent;
    o.maxQueued = queued;
    o.maxQueueWait = wait;
    return o;
}
} // namespace

class tst_Bulkhead : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void admitsExactlyMaxConcurrent_data() {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("attempts");
        QTest::newRow("production 10 of 25") << 10 << 25;
        QTest::newRow("staging 8 of 8") << 8 << 8;
        QTest::newRow("development 5 of 6") << 5 << 6;
        QTest::newRow("one of three") << 1 << 3;
        QTest::newRow("zero capacity") << 0 << 2;
    }
    void admitsExactlyMaxConcurrent() {
        QFETCH(int, capacity);
        QFETCH(int, attempts);
        SimulatedScheduler scheduler;
        Bulkhead bulkhead(options(std::uint32_t(capacity), 5), scheduler);
        int entered = 0;
        for (int i = 0; i < attempts; ++i)
            entered += bulkhead.tryEnter() ? 1 : 0;
        const int expected = std::min(capacity, attempts);
        QCOMPARE(entered, expected);
        BulkheadSnapshot s = bulkhead.snapshot();
        QCOMPARE(s.active, std::uint32_t(expected));
        QCOMPARE(s.capacity, std::uint32_t(capacity));
        QCOMPARE(s.queued, 0u);
        QCOMPARE(s.admitted, std::uint64_t(expected));
        QCOMPARE(s.rejections, std::uint64_t(attempts - expected));
        for (int i = 0; i < expected; ++i)
            bulkhead.leave();
        QCOMPARE(bulkhead.snapshot().active, 0u);
        QCOMPARE(bulkhead.tryEnter(), capacity > 0);
    }

    void queuesExactlyMaxQueuedThenRejects_data() {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("queue");
        QTest::newRow("production 10+5") << 10 << 5;
        QTest::newRow("staging 8+4") << 8 << 4;
        QTest::newRow("development 5+3") << 5 << 3;
        QTest::newRow("no queue") << 2 << 0;
    }
    void queuesExactlyMaxQueuedThenRejects() {
        QFETCH(int, capacity);
        QFETCH(int, queue);
        SimulatedScheduler scheduler;
        Bulkhead bulkhead(options(std::uint32_t(capacity), std::uint32_t(queue)), scheduler);
        const int calls = capacity + queue + 3;
        std::vector<TestWaiter> waiters(static_cast<std::size_t>(calls));
        std::vector<Admission> got;
        for (auto& w : waiters)
            got.push_back(bulkhead.enter(w));
        for (int i = 0; i < calls; ++i) {
            const Admission expected = i < capacity           ? Admission::Admitted
                                       : i < capacity + queue ? Admission::Queued
                                                              : Admission::Rejected;
            QCOMPARE(got[std::size_t(i)], expected);
        }
        const BulkheadSnapshot s = bulkhead.snapshot();
        QCOMPARE(s.active, std::uint32_t(capacity));
        QCOMPARE(s.queued, std::uint32_t(queue));
        QCOMPARE(s.queueLimit, std::uint32_t(queue));
        QCOMPARE(s.admitted, std::uint64_t(capacity));
        QCOMPARE(s.rejections, 3u);
        QCOMPARE(scheduler.pending(), std::size_t(queue)); // one queue-wait timer per waiter
        QVERIFY(!bulkhead.tryEnter());                     // full, and never jumps the queue
        for (auto& w : waiters)
            bulkhead.cancel(w);
    }

    void fifoHandOverOnLeave() {
        SimulatedScheduler scheduler;
        Bulkhead bulkhead(options(2, 3), scheduler);
        std::vector<int> log;
        TestWaiter a(&log, 0), b(&log, 1), c(&log, 2);
        QVERIFY(bulkhead.tryEnter());
        QVERIFY(bulkhead.tryEnter());
        QCOMPARE(bulkhead.enter(a), Admission::Queued);
        QCOMPARE(bulkhead.enter(b), Admission::Queued);
        QCOMPARE(bulkhead.enter(c), Admission::Queued);
        bulkhead.leave();
        QCOMPARE(log, std::vector<int>{0});
        QCOMPARE(bulkhead.snapshot().active, 2u); // handed over, never free
        QCOMPARE(bulkhead.snapshot().queued, 2u);
        QVERIFY(!bulkhead.tryEnter());
        bulkhead.leave();
        bulkhead.leave();
        QCOMPARE(log, (std::vector<int>{0, 1, 2}));
        QCOMPARE(a.admitted + b.admitted + c.admitted, 3);
        QCOMPARE(scheduler.pending(), std::size_t(0)); // admission disarmed every queue-wait timer
        QCOMPARE(bulkhead.snapshot().admitted, 5u);
        bulkhead.leave();
        bulkhead.leave();
        const BulkheadSnapshot s = bulkhead.snapshot();
        QCOMPARE(s.active, 0u);
        QCOMPARE(s.queued, 0u);
        scheduler.advance(1h);
        QCOMPARE(a.timedOut + b.timedOut + c.timedOut, 0);
    }

    void queueTimeoutFiresExactlyAtMaxQueueWait_data() {
        QTest::addColumn<Duration>("wait");
        QTest::newRow("guide 5 s") << Duration(5s);
        QTest::newRow("250 ms") << Duration(250ms);
        QTest::newRow("1 ns") << Duration(1ns);
    }
    void queueTimeoutFiresExactlyAtMaxQueueWait() {
        QFETCH(Duration, wait);
        const TimePoint start = TimePoint{} + 17s;
        SimulatedScheduler scheduler(start);
        Bulkhead bulkhead(options(1, 2, wait), scheduler);
        TestWaiter w(nullptr, 0, &scheduler.clock());
        QVERIFY(bulkhead.tryEnter());
        QCOMPARE(bulkhead.enter(w), Admission::Queued);
        scheduler.runUntil(start + wait - 1ns);
        QCOMPARE(w.timedOut, 0);
        QCOMPARE(bulkhead.snapshot().queued, 1u);
        scheduler.runUntil(start + wait);
        QCOMPARE(w.timedOut, 1);
        QCOMPARE(w.admitted, 0);
        QCOMPARE(w.timedOutAt, start + wait);
        BulkheadSnapshot s = bulkhead.snapshot();
        QCOMPARE(s.queued, 0u);
        QCOMPARE(s.queueTimeouts, 1u);
        QVERIFY(!bulkhead.cancel(w));
        bulkhead.leave(); // nobody left to hand over to
        QCOMPARE(bulkhead.snapshot().active, 0u);
        QCOMPARE(w.admitted, 0);
        // The same waiter can queue again.
        QVERIFY(bulkhead.tryEnter());
        QCOMPARE(bulkhead.enter(w), Admission::Queued);
        bulkhead.leave();
        QCOMPARE(w.admitted, 1);
        scheduler.advance(wait);
        QCOMPARE(w.timedOut, 1);
        bulkhead.leave();
    }

    void zeroWaitMeansForever() {
        SimulatedScheduler scheduler;
        Bulkhead bulkhead(options(1, 1, Duration::zero()), scheduler);
        TestWaiter w;
        QVERIFY(bulkhead.tryEnter());
        QCOMPARE(bulkhead.enter(w), Admission::Queued);
        QCOMPARE(scheduler.pending(), std::size_t(0));
        scheduler.advance(24h);
        QCOMPARE(w.timedOut, 0);
        bulkhead.leave();
        QCOMPARE(w.admitted, 1);
        bulkhead.leave();
    }

    void cancelRemoves() {
        SimulatedScheduler scheduler;
        Bulkhead bulkhead(options(1, 3, 1s), scheduler);
        std::vector<int> log;
        TestWaiter a(&log, 0), b(&log, 1), c(&log, 2);
        QVERIFY(bulkhead.tryEnter());
        QCOMPARE(bulkhead.enter(a), Admission::Queued);
        QCOMPARE(bulkhead.enter(b), Admission::Queued);
        QCOMPARE(bulkhead.enter(c), Admission::Queued);
        QVERIFY(bulkhead.cancel(b));
        QVERIFY(!bulkhead.cancel(b));
        QCOMPARE(bulkhead.snapshot().queued, 2u);
        QCOMPARE(scheduler.pending(), std::size_t(2));
        TestWaiter d(&log, 3);
        QCOMPARE(bulkhead.enter(d), Admission::Queued); // the cancelled one's place is free again
        bulkhead.leave();
        bulkhead.leave();
        QCOMPARE(log, (std::vector<int>{0, 2}));
        scheduler.advance(2s);
        QCOMPARE(b.admitted + b.timedOut, 0);
        QCOMPARE(d.timedOut, 1);
        const BulkheadSnapshot s = bulkhead.snapshot();
        QCOMPARE(s.active, 1u);
        QCOMPARE(s.queued, 0u);
        QCOMPARE(s.queueTimeouts, 1u);
        QCOMPARE(s.rejections, 0u);
        QCOMPARE(s.admitted, 3u);
        bulkhead.leave();
    }

    void slotFreedWhileQueueingIsNotLost() {
        // leave() on its lock-free path does not see the waiter that is just being queued; enter() must
        // notice the freed slot itself, or the waiter would sit in the queue next to a free slot.
        InterposingScheduler scheduler;
        Bulkhead bulkhead(options(1, 2), scheduler);
        QVERIFY(bulkhead.tryEnter());
        scheduler.hook = [&] { bulkhead.leave(); };
        TestWaiter w;
        QCOMPARE(bulkhead.enter(w), Admission::Admitted);
        QCOMPARE(w.admitted, 0); // Admitted means no callback
        QCOMPARE(scheduler.armed, 0);
        BulkheadSnapshot s = bulkhead.snapshot();
        QCOMPARE(s.active, 1u);
        QCOMPARE(s.queued, 0u);
        QCOMPARE(s.admitted, 2u);

        bulkhead.leave();
        QCOMPARE(bulkhead.snapshot().active, 0u);
    }

    void timeoutInFlightWinsOverAdmission() {
        InFlightScheduler scheduler;
        Bulkhead bulkhead(options(1, 2), scheduler);
        std::vector<int> log;
        TestWaiter a(&log, 0), b(&log, 1);
        QVERIFY(bulkhead.tryEnter());
        QCOMPARE(bulkhead.enter(a), Admission::Queued);
        QCOMPARE(bulkhead.enter(b), Admission::Queued);
        bulkhead.leave(); // a's timer cannot be stopped: the slot goes to b
        QCOMPARE(log, std::vector<int>{});
        QCOMPARE(bulkhead.snapshot().active, 0u);
        QCOMPARE(bulkhead.snapshot().queued, 0u);
        QVERIFY(!bulkhead.cancel(a));
        a.fire(); // the in-flight timeout arrives
        b.fire();
        QCOMPARE(a.timedOut, 1);
        QCOMPARE(b.timedOut, 1);
        QCOMPARE(bulkhead.snapshot().queueTimeouts, 2u);
        a.fire(); // a stray second fire is ignored
        QCOMPARE(a.timedOut, 1);

        scheduler.cancelSucceeds = true;
        QVERIFY(bulkhead.tryEnter());
        QCOMPARE(bulkhead.enter(a), Admission::Queued);
        QCOMPARE(bulkhead.enter(b), Admission::Queued);
        scheduler.cancelSucceeds = false;
        QVERIFY(!bulkhead.cancel(a)); // its timeout is already running: it must still be reported
        scheduler.cancelSucceeds = true;
        bulkhead.leave();
        QCOMPARE(log, std::vector<int>{1});
        a.fire();
        QCOMPARE(a.timedOut, 2);
        QCOMPARE(a.admitted, 0);
        bulkhead.leave();
        QCOMPARE(bulkhead.snapshot().active, 0u);
    }
};

QTEST_GUILESS_MAIN(tst_Bulkhead)
#include "tst_bulkhead.moc"
