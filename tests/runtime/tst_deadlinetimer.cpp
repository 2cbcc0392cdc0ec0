// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/deadlinetimer.h"

#include <QLocale>
#include <QTest>

#include <chrono>
#include <vector>

using namespace jimini;
using namespace std::chrono_literals;

// Real time on the event loop, waited for with QTRY (which spins the loop), never a bare sleep. What is
// checked holds on any machine however loaded: a deadline never expires early, expires once per arming,
// and a stopped or moved one does not expire at its old time. How close to the deadline it wakes is a
// figure of the probe's benchmark (start error), not a test.
class tst_DeadlineTimer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void expiresOnceNeverEarly_data() {
        QTest::addColumn<int>("inMs"); // from now; negative: already past
        QTest::newRow("past") << -50;
        QTest::newRow("now") << 0;
        QTest::newRow("soon") << 5;
        QTest::newRow("later") << 40;
    }
    void expiresOnceNeverEarly() {
        QFETCH(int, inMs);
        DeadlineTimer timer;
        const TimePoint due = std::chrono::steady_clock::now() + std::chrono::milliseconds(inMs);
        std::vector<TimePoint> expiries;
        connect(&timer, &DeadlineTimer::expired, this,
                [&] { expiries.push_back(std::chrono::steady_clock::now()); });
        timer.wakeAt(due);
        QTRY_COMPARE(expiries.size(), std::size_t(1));
        QVERIFY(expiries.front() >= due);
        // Once per arming: a later deadline on another timer passes and this one stays quiet.
        DeadlineTimer witness;
        bool witnessed = false;
        connect(&witness, &DeadlineTimer::expired, this, [&] { witnessed = true; });
        witness.wakeAt(std::chrono::steady_clock::now() + 30ms);
        QTRY_VERIFY(witnessed);
        QCOMPARE(expiries.size(), std::size_t(1));
    }

    void epochIsLongPast() {
        // A zero time would disarm a timerfd: it must expire at once instead.
        DeadlineTimer timer;
        int expired = 0;
        connect(&timer, &DeadlineTimer::expired, this, [&] { ++expired; });
        timer.wakeAt(TimePoint{});
        QTRY_COMPARE(expired, 1);
    }

    void stoppedOrMovedDoesNotExpireAtTheOldTime() {
        DeadlineTimer stopped, moved;
        int stoppedExpired = 0;
        std::vector<TimePoint> movedExpiries;
        connect(&stopped, &DeadlineTimer::expired, this, [&] { ++stoppedExpired; });
        connect(&moved, &DeadlineTimer::expired, this,
                [&] { movedExpiries.push_back(std::chrono::steady_clock::now()); });
        const TimePoint start = std::chrono::steady_clock::now();
        stopped.wakeAt(start + 10ms);
        stopped.stop();
        moved.wakeAt(start + 10ms);
        const TimePoint later = start + 60ms;
        moved.wakeAt(later);
        QTRY_COMPARE(movedExpiries.size(), std::size_t(1));
        QVERIFY(movedExpiries.front() >= later);
        QCOMPARE(stoppedExpired, 0);
    }
};

QTEST_GUILESS_MAIN(tst_DeadlineTimer)
#include "tst_deadlinetimer.moc"
