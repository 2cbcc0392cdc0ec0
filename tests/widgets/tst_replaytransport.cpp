// SPDX-License-Identifier: GPL-3.0-or-later
// The replay's play head on a simulated console clock: play, speed, pause and seek move it by virtual
// time only, never past what is computed nor the end.
#include "widgets/replay/replaytransport.h"

#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"

#include <QSignalSpy>
#include <QtTest>

using namespace jimini;
using namespace std::chrono_literals;

class tst_ReplayTransport : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<ConsoleClock> m_clock;
    void advance(Duration d) { m_clock->simulatedScheduler()->advance(d); }

private slots:
    void init() { m_clock = ConsoleClock::simulated(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC)); }

    void playMovesBySpeedTimesElapsed_data() {
        QTest::addColumn<double>("speed");
        QTest::addColumn<int>("elapsedMs"); // of the console's clock
        QTest::addColumn<qint64>("position");
        QTest::newRow("1x, a second") << 1.0 << 1000 << qint64(1000);
        QTest::newRow("1x, between frames") << 1.0 << 1050 << qint64(1000); // frames every 100 ms
        QTest::newRow("10x") << 10.0 << 2000 << qint64(20000);
        QTest::newRow("600x") << 600.0 << 1000 << qint64(600000);
        QTest::newRow("600x stops at what is computed") << 600.0 << 2000 << qint64(700000);
        QTest::newRow("as fast as computed") << ReplayTransport::asFastAsComputed << 100 << qint64(700000);
        QTest::newRow("nothing before the first frame") << 60.0 << 99 << qint64(0);
    }
    void playMovesBySpeedTimesElapsed() {
        QFETCH(double, speed);
        QFETCH(int, elapsedMs);
        QFETCH(qint64, position);
        ReplayTransport transport(m_clock);
        transport.reset(900000);
        transport.setAvailable(700000);
        transport.setSpeed(speed);
        QSignalSpy moved(&transport, &ReplayTransport::positionChanged);
        transport.play();
        advance(std::chrono::milliseconds(elapsedMs));
        QCOMPARE(transport.position(), position);
        QVERIFY(moved.count() <= elapsedMs / 100); // at most once a frame
        QVERIFY(transport.isPlaying());
    }

    void pauseHoldsAndPlayResumes() {
        ReplayTransport transport(m_clock);
        transport.reset(900000);
        transport.setAvailable(900000);
        transport.setSpeed(10);
        QSignalSpy playing(&transport, &ReplayTransport::playingChanged);
        transport.play();
        advance(1s);
        QCOMPARE(transport.position(), 10000);
        transport.pause();
        advance(5s);
        QCOMPARE(transport.position(), 10000);
        transport.play(); // the paused time is not made up for
        advance(500ms);
        QCOMPARE(transport.position(), 15000);
        QCOMPARE(playing.count(), 3);
    }

    void seekIsClampedToWhatIsComputed() {
        ReplayTransport transport(m_clock);
        transport.reset(900000);
        transport.setAvailable(300000);
        transport.seek(120000);
        QCOMPARE(transport.position(), 120000);
        transport.seek(600000); // not computed yet
        QCOMPARE(transport.position(), 300000);
        transport.seek(-5);
        QCOMPARE(transport.position(), 0);
        transport.setAvailable(900000);
        transport.seek(600000);
        QCOMPARE(transport.position(), 600000);
        transport.setSpeed(1); // playing on from the seek
        transport.play();
        advance(2s);
        QCOMPARE(transport.position(), 602000);
    }

    void stopsAtTheEnd() {
        ReplayTransport transport(m_clock);
        transport.reset(60000);
        transport.setAvailable(60000);
        transport.setSpeed(600);
        transport.play();
        advance(1s);
        QCOMPARE(transport.position(), 60000);
        QVERIFY(!transport.isPlaying());
        QCOMPARE(m_clock->simulatedScheduler()->pending(), std::size_t(0)); // no frames while stopped
        transport.play();                                                   // from the end: starts over
        QCOMPARE(transport.position(), 0);
    }

    void resetStopsAndRewinds() {
        ReplayTransport transport(m_clock);
        transport.reset(60000);
        transport.setAvailable(60000);
        transport.play();
        advance(3s);
        transport.reset(120000);
        QVERIFY(!transport.isPlaying());
        QCOMPARE(transport.position(), 0);
        QCOMPARE(transport.available(), 0);
    }
};

QTEST_MAIN(tst_ReplayTransport)
#include "tst_replaytransport.moc"
