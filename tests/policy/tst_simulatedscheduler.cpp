// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct RecordingTask final : TimerTask {
    RecordingTask(std::vector<int>& log, int id, const Clock& clock)
        : m_log(log)
        , m_id(id)
        , m_clock(clock) {}
    void fire() override {
        m_log.push_back(m_id);
        firedAt = m_clock.now();
    }
    std::vector<int>& m_log;
    int m_id;
    const Clock& m_clock;
    TimePoint firedAt{};
};

struct RearmingTask final : TimerTask {
    explicit RearmingTask(SimulatedScheduler& s)
        : m_scheduler(s) {}
    void fire() override {
        if (++count < 5)
            m_scheduler.schedule(*this, 10ms);
    }
    SimulatedScheduler& m_scheduler;
    int count = 0;
};
// Re-arms itself with the next delay of its list, as a replay's calls arm timeouts while time moves, and
// records when it fired against when it was due.
struct WanderingTask final : TimerTask {
    WanderingTask(SimulatedScheduler& s, std::vector<TimePoint>& fireLog, std::vector<int> delaysMs)
        : m_scheduler(s)
        , m_fireLog(fireLog)
        , m_delaysMs(std::move(delaysMs)) {}
    void start() { rearm(); }
    void fire() override {
        m_fireLog.push_back(m_scheduler.now());
        if (m_scheduler.now() != m_due)
            ++lateOrEarly;
        rearm();
    }
    void rearm() {
        if (m_next == m_delaysMs.size())
            return;
        m_due = m_scheduler.now() + std::chrono::milliseconds(m_delaysMs[m_next++]);
        m_scheduler.schedule(*this, m_due - m_scheduler.now());
    }
    SimulatedScheduler& m_scheduler;
    std::vector<TimePoint>& m_fireLog;
    std::vector<int> m_delaysMs;
    std::size_t m_next = 0;
    TimePoint m_due{};
    int lateOrEarly = 0;
};
} // namespace

class tst_SimulatedScheduler : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void firesInDueOrder_data() {
        QTest::addColumn<std::vector<int>>("delaysMs");
        QTest::addColumn<std::vector<int>>("expectedOrder");
        QTest::newRow("ascending") << std::vector<int>{1, 2, 3} << std::vector<int>{0, 1, 2};
        QTest::newRow("descending") << std::vector<int>{3, 2, 1} << std::vector<int>{2, 1, 0};
        QTest::newRow("ties keep arming order")
            << std::vector<int>{5, 5, 1, 5} << std::vector<int>{2, 0, 1, 3};
        QTest::newRow("negative is zero") << std::vector<int>{2, -7, 0} << std::vector<int>{1, 2, 0};
    }
    void firesInDueOrder() {
        QFETCH(std::vector<int>, delaysMs);
        QFETCH(std::vector<int>, expectedOrder);
        SimulatedScheduler scheduler;
        std::vector<int> log;
        std::vector<std::unique_ptr<RecordingTask>> tasks;
        for (std::size_t i = 0; i < delaysMs.size(); ++i) {
            tasks.push_back(std::make_unique<RecordingTask>(log, int(i), scheduler.clock()));
            scheduler.schedule(*tasks.back(), std::chrono::milliseconds(delaysMs[i]));
        }
        QCOMPARE(scheduler.runAll(), delaysMs.size());
        QCOMPARE(log, expectedOrder);
        for (std::size_t i = 0; i < delaysMs.size(); ++i)
            QCOMPARE(tasks[i]->firedAt, TimePoint{} + std::max(0ms, std::chrono::milliseconds(delaysMs[i])));
    }

    // Enough timers for a heap several levels deep, with ties, cancels and re-arms in between: they fire
    // by (due time, last arming), as a sorted list of the survivors says. Timers more than a second out
    // wait beside the heap until it runs dry (TimerHeap's horizon): the rows put them on both sides.
    void deepHeapKeepsOrderThroughCancelsAndRearms_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("offsetMs");
        QTest::addColumn<int>("spreadMs"); // delays in [offsetMs, offsetMs + spreadMs): small spreads tie
        QTest::newRow("few ties, most beyond the horizon") << 300 << 0 << 100000;
        QTest::newRow("many ties, all before the horizon") << 300 << 0 << 7;
        QTest::newRow("many ties, all beyond the horizon") << 300 << 5000 << 7;
        QTest::newRow("straddling the horizon") << 300 << 990 << 20;
        QTest::newRow("several horizons") << 300 << 0 << 4000;
    }
    void deepHeapKeepsOrderThroughCancelsAndRearms() {
        QFETCH(int, count);
        QFETCH(int, offsetMs);
        QFETCH(int, spreadMs);
        SimulatedScheduler scheduler;
        std::vector<int> log;
        std::vector<std::unique_ptr<RecordingTask>> tasks;
        struct Armed {
            int delayMs;
            int sequence;
            int id;
            bool armed;
        };
        std::vector<Armed> expected;
        std::uint32_t seed = 12345;
        const auto next = [&] {
            return offsetMs + int((seed = seed * 1664525u + 1013904223u) >> 8) % spreadMs;
        };
        int sequence = 0;
        for (int i = 0; i < count; ++i) {
            tasks.push_back(std::make_unique<RecordingTask>(log, i, scheduler.clock()));
            const int delay = next();
            scheduler.schedule(*tasks.back(), std::chrono::milliseconds(delay));
            expected.push_back({delay, sequence++, i, true});
        }
        for (int i = 0; i < count; i += 3) {
            QVERIFY(scheduler.cancel(*tasks[i]));
            expected[i].armed = false;
        }
        for (int i = 0; i < count; i += 5) {
            const int delay = next();
            scheduler.schedule(*tasks[i], std::chrono::milliseconds(delay));
            expected[i] = {delay, sequence++, i, true};
        }
        std::erase_if(expected, [](const Armed& a) { return !a.armed; });
        std::sort(expected.begin(), expected.end(), [](const Armed& a, const Armed& b) {
            return a.delayMs != b.delayMs ? a.delayMs < b.delayMs : a.sequence < b.sequence;
        });
        std::vector<int> order;
        for (const Armed& a : expected)
            order.push_back(a.id);
        QCOMPARE(scheduler.runAll(), order.size());
        QCOMPARE(log, order);
    }

    void runUntilStopsAtTimeAndMovesClock() {
        SimulatedScheduler scheduler;
        std::vector<int> log;
        RecordingTask a(log, 1, scheduler.clock()), b(log, 2, scheduler.clock());
        scheduler.schedule(a, 100ms);
        scheduler.schedule(b, 300ms);
        QCOMPARE(scheduler.advance(200ms), std::size_t(1));
        QCOMPARE(scheduler.now(), TimePoint{} + 200ms);
        QCOMPARE(scheduler.pending(), std::size_t(1));
        QCOMPARE(scheduler.nextDue(), TimePoint{} + 300ms);
        QCOMPARE(scheduler.advance(100ms), std::size_t(1));
        QCOMPARE(log, (std::vector<int>{1, 2}));
        QCOMPARE(scheduler.nextDue(), TimePoint::max());
    }

    void cancelAndRearm() {
        SimulatedScheduler scheduler;
        std::vector<int> log;
        RecordingTask a(log, 1, scheduler.clock()), b(log, 2, scheduler.clock());
        scheduler.schedule(a, 10ms);
        scheduler.schedule(b, 20ms);
        QVERIFY(scheduler.cancel(a));
        QVERIFY(!scheduler.cancel(a));
        scheduler.schedule(b, 5ms); // re-arming moves, never duplicates
        QCOMPARE(scheduler.pending(), std::size_t(1));
        QCOMPARE(scheduler.runAll(), std::size_t(1));
        QCOMPARE(b.firedAt, TimePoint{} + 5ms);
        QCOMPARE(log, std::vector<int>{2});
    }

    // Timers armed while time moves land before and beyond the moving horizon: each fires at its due time
    // and time never runs backwards.
    void timersArmedWhileFiringFireOnTime_data() {
        QTest::addColumn<int>("spreadMs");
        QTest::newRow("short delays") << 50;
        QTest::newRow("around the horizon") << 2500;
        QTest::newRow("long delays") << 60000;
    }
    void timersArmedWhileFiringFireOnTime() {
        QFETCH(int, spreadMs);
        SimulatedScheduler scheduler;
        std::vector<TimePoint> fireLog;
        std::vector<std::unique_ptr<WanderingTask>> tasks;
        std::uint32_t seed = 99;
        std::size_t expectedFires = 0;
        for (int t = 0; t < 64; ++t) {
            std::vector<int> delays;
            for (int k = 0; k < 40; ++k)
                delays.push_back(int((seed = seed * 1664525u + 1013904223u) >> 8) % spreadMs);
            expectedFires += delays.size();
            tasks.push_back(std::make_unique<WanderingTask>(scheduler, fireLog, std::move(delays)));
        }
        for (auto& task : tasks)
            task->start();
        // Cancel a quarter of them part-way: what stays armed still fires on time.
        scheduler.runUntil(TimePoint{} + std::chrono::milliseconds(spreadMs * 5));
        for (std::size_t i = 0; i < tasks.size(); i += 4) {
            if (scheduler.cancel(*tasks[i]))
                expectedFires -= tasks[i]->m_delaysMs.size() - tasks[i]->m_next + 1;
        }
        scheduler.runAll();
        QCOMPARE(fireLog.size(), expectedFires);
        QVERIFY(std::is_sorted(fireLog.begin(), fireLog.end()));
        for (const auto& task : tasks)
            QCOMPARE(task->lateOrEarly, 0);
        QCOMPARE(scheduler.pending(), std::size_t(0));
    }

    void taskMayRearmItselfWhileFiring() {
        SimulatedScheduler scheduler;
        RearmingTask task(scheduler);
        scheduler.schedule(task, 10ms);
        QCOMPARE(scheduler.runAll(), std::size_t(5));
        QCOMPARE(task.count, 5);
        QCOMPARE(scheduler.now(), TimePoint{} + 50ms);
    }
};

QTEST_GUILESS_MAIN(tst_SimulatedScheduler)
#include "tst_simulatedscheduler.moc"
