// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/consoleclock.h"

#include "policy/simulatedscheduler.h"
#include "policy/timertask.h"
#include "runtime/qtscheduler.h"

#include <QTest>
#include <QThread>

#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
struct Count final : TimerTask {
    int fired = 0;
    void fire() override { ++fired; }
};

const QDateTime kStart(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);
} // namespace

class tst_ConsoleClock : public QObject {
    Q_OBJECT
private slots:
    void simulatedWallTimeFollowsVirtualTime_data() {
        QTest::addColumn<qint64>("advanceMs");
        QTest::newRow("nothing") << qint64(0);
        QTest::newRow("a poll") << qint64(250);
        QTest::newRow("an hour") << qint64(3'600'000);
    }
    void simulatedWallTimeFollowsVirtualTime() {
        QFETCH(qint64, advanceMs);
        const TimePoint origin{5s};
        const auto clock = ConsoleClock::simulated(kStart, origin);
        QVERIFY(clock->isSimulated());
        QVERIFY(clock->simulatedScheduler());
        QCOMPARE(clock->now(), origin);
        clock->simulatedScheduler()->advance(std::chrono::milliseconds(advanceMs));
        QCOMPARE(clock->now(), origin + std::chrono::milliseconds(advanceMs));
        QCOMPARE(clock->wallNow(), kStart.addMSecs(advanceMs));
        QCOMPARE(clock->wallNow().timeSpec(), Qt::UTC);
        QCOMPARE(clock->wallAt(origin), kStart);
        QCOMPARE(&clock->steady(), &clock->scheduler().clock());
    }

    void simulatedTimersFireOnlyWhenAdvanced() {
        const auto clock = ConsoleClock::simulated(kStart);
        Count task;
        clock->scheduler().schedule(task, 100ms);
        QCOMPARE(task.fired, 0);
        clock->simulatedScheduler()->advance(99ms);
        QCOMPARE(task.fired, 0);
        clock->simulatedScheduler()->advance(1ms);
        QCOMPARE(task.fired, 1);
        QCOMPARE(clock->wallNow(), kStart.addMSecs(100));
    }

    void simulatedIsOneClockOnEveryThread() {
        const auto clock = ConsoleClock::simulated(kStart);
        std::shared_ptr<ConsoleClock> there;
        std::unique_ptr<QThread> thread(QThread::create([&] { there = clock->forThisThread(); }));
        thread->start();
        QVERIFY(thread->wait(10000));
        QCOMPARE(there.get(), clock.get());
    }

    void liveReadsTheMachinesClocks() {
        const auto clock = ConsoleClock::live();
        QVERIFY(!clock->isSimulated());
        QVERIFY(!clock->simulatedScheduler());
        QVERIFY(dynamic_cast<QtScheduler*>(&clock->scheduler()));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const QDateTime wall = clock->wallNow();
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QVERIFY(before <= wall && wall <= after);
        QCOMPARE(wall.timeSpec(), Qt::UTC);
        // A steady time point a minute back is a minute back on the wall, give or take the reads.
        const qint64 back = clock->wallAt(clock->now() - 60s).msecsTo(clock->wallNow());
        QVERIFY2(back >= 60'000 && back < 61'000, qPrintable(QString::number(back)));
    }

    void liveOnAnotherThreadFiresThere() {
        const auto clock = ConsoleClock::live();
        QCOMPARE(clock->forThisThread().get(), clock.get());
        QThread* firedOn = nullptr;
        struct Here final : TimerTask {
            QThread** on = nullptr;
            void fire() override {
                *on = QThread::currentThread();
                QThread::currentThread()->quit();
            }
        } task;
        task.on = &firedOn;
        std::shared_ptr<ConsoleClock> there;
        QThread thread;
        QObject context;
        context.moveToThread(&thread);
        QMetaObject::invokeMethod(
            &context,
            [&] {
                there = clock->forThisThread();
                there->scheduler().schedule(task, 1ms);
            },
            Qt::QueuedConnection);
        thread.start();
        QVERIFY(thread.wait(10000));
        QVERIFY(there && there.get() != clock.get());
        QCOMPARE(firedOn, &thread);
        there.reset(); // its QtScheduler has no armed timer left
    }
};

QTEST_GUILESS_MAIN(tst_ConsoleClock)
#include "tst_consoleclock.moc"
