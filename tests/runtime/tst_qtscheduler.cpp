// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/qtscheduler.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QTest>
#include <QThread>

#include <atomic>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct LoggingTask final : TimerTask {
    LoggingTask(std::vector<int>& log, int id)
        : m_log(log)
        , m_id(id) {}
    void fire() override { m_log.push_back(m_id); }
    std::vector<int>& m_log;
    int m_id;
};
} // namespace

// Real time on the event loop. These tests wait for the event loop with QTRY (which spins the loop),
// never with a bare sleep, and only check order and thread affinity: exact timing belongs to the
// simulated scheduler's tests.
class tst_QtScheduler : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void firesInDueOrderOnItsThread_data() {
        QTest::addColumn<std::vector<int>>("delaysMs");
        QTest::addColumn<std::vector<int>>("order");
        QTest::newRow("reverse") << std::vector<int>{30, 20, 10} << std::vector<int>{2, 1, 0};
        QTest::newRow("zero first") << std::vector<int>{5, 0} << std::vector<int>{1, 0};
    }
    void firesInDueOrderOnItsThread() {
        QFETCH(std::vector<int>, delaysMs);
        QFETCH(std::vector<int>, order);
        QtScheduler scheduler;
        std::vector<int> log;
        std::vector<std::unique_ptr<LoggingTask>> tasks;
        for (std::size_t i = 0; i < delaysMs.size(); ++i) {
            tasks.push_back(std::make_unique<LoggingTask>(log, int(i)));
            scheduler.schedule(*tasks.back(), std::chrono::milliseconds(delaysMs[i]));
        }
        QTRY_COMPARE(log.size(), delaysMs.size());
        QCOMPARE(log, order);
        QCOMPARE(scheduler.pending(), std::size_t(0));
    }

    void cancelledTaskNeverFires() {
        QtScheduler scheduler;
        std::vector<int> log;
        LoggingTask a(log, 1), b(log, 2);
        scheduler.schedule(a, 1ms);
        scheduler.schedule(b, 20ms);
        QVERIFY(scheduler.cancel(a));
        QTRY_COMPARE(log.size(), std::size_t(1));
        QCOMPARE(log.front(), 2);
    }

    void scheduleFromAnotherThreadFiresHere() {
        QtScheduler scheduler;
        struct ThreadTask final : TimerTask {
            void fire() override { firedOn = QThread::currentThread(); }
            std::atomic<QThread*> firedOn{nullptr};
        } task;
        std::unique_ptr<QThread> worker(QThread::create([&] { scheduler.schedule(task, 1ms); }));
        worker->start();
        QVERIFY(worker->wait(5000));
        QTRY_VERIFY(task.firedOn.load() != nullptr);
        QCOMPARE(task.firedOn.load(), QThread::currentThread());
    }
};

QTEST_GUILESS_MAIN(tst_QtScheduler)
#include "tst_qtscheduler.moc"
