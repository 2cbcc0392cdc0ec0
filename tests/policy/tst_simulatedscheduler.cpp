// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <memory>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct RecordingTask final : TimerTask {
    RecordingTask(std::vector<int>& log, int id, const Clock& clock)
        : m_log(log), m_id(id), m_clock(clock) {}
    void fire() override
    {
        m_log.push_back(m_id);
        firedAt = m_clock.now();
    }
    std::vector<int>& m_log;
    int m_id;
    const Clock& m_clock;
    TimePoint firedAt{};
};

struct RearmingTask final : TimerTask {
    explicit RearmingTask(SimulatedScheduler& s) : m_scheduler(s) {}
    void fire() override
    {
        if (++count < 5)
            m_scheduler.schedule(*this, 10ms);
    }
    SimulatedScheduler& m_scheduler;
    int count = 0;
};
} // namespace

class tst_SimulatedScheduler : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void firesInDueOrder_data()
    {
        QTest::addColumn<std::vector<int>>("delaysMs");
        QTest::addColumn<std::vector<int>>("expectedOrder");
        QTest::newRow("ascending") << std::vector<int>{1, 2, 3} << std::vector<int>{0, 1, 2};
        QTest::newRow("descending") << std::vector<int>{3, 2, 1} << std::vector<int>{2, 1, 0};
        QTest::newRow("ties keep arming order") << std::vector<int>{5, 5, 1, 5} << std::vector<int>{2, 0, 1, 3};
        QTest::newRow("negative is zero") << std::vector<int>{2, -7, 0} << std::vector<int>{1, 2, 0};
    }
    void firesInDueOrder()
    {
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

    void runUntilStopsAtTimeAndMovesClock()
    {
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

    void cancelAndRearm()
    {
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

    void taskMayRearmItselfWhileFiring()
    {
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
