// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/scriptedsource.h"

#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
const QDateTime kStart(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);

SourceSample ok() {
    SourceSample s;
    s.status = SourceStatus::Ok;
    s.document = HealthDocument{};
    return s;
}

SourceSample refused() {
    SourceSample s;
    s.status = SourceStatus::Refused;
    s.reason = QStringLiteral("connection refused");
    return s;
}

ServiceEndpoint endpoint() {
    ServiceEndpoint e;
    e.baseUrl = QUrl(QStringLiteral("http://replay:1"));
    return e;
}
} // namespace

class tst_ScriptedSource : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void playsEachStepAtItsOffsetOfVirtualTime() {
        const auto clock = ConsoleClock::simulated(kStart);
        SimulatedScheduler& time = *clock->simulatedScheduler();
        time.advance(7s); // start() is the origin of the offsets, not the clock's
        FleetEvent fault;
        fault.type = FleetEventType::Fault;
        // Out of order on purpose: played by offset, the two at 1 s in the order given.
        ScriptedSource source(endpoint(), *clock,
                              {{2000ms, refused()}, {0ms, ok()}, {1000ms, ok()}, {1000ms, fault}});
        QSignalSpy samples(&source, &FleetSource::sampleReady);
        QSignalSpy events(&source, &FleetSource::eventReady);
        source.start();
        QCOMPARE(samples.size(), 0); // nothing until the clock moves
        time.advance(0ms);
        QCOMPARE(samples.size(), 1);
        time.advance(999ms);
        QCOMPARE(samples.size(), 1);
        time.advance(1ms);
        QCOMPARE(samples.size(), 2);
        QCOMPARE(events.size(), 1);
        QCOMPARE(source.played(), std::size_t(3));
        time.advance(1s);
        QCOMPARE(samples.size(), 3);

        const auto first = samples.at(0).at(0).value<SourceSample>();
        QCOMPARE(first.endpointId, endpoint().id());
        QCOMPARE(first.receivedAt, kStart.addMSecs(7000));
        const auto last = samples.at(2).at(0).value<SourceSample>();
        QCOMPARE(last.receivedAt, kStart.addMSecs(9000));
        QCOMPARE(last.lastSeen, kStart.addMSecs(8000)); // the last sample with a document
        const auto e = events.at(0).at(0).value<FleetEvent>();
        QCOMPARE(e.endpointId, endpoint().id());
        QCOMPARE(e.time, kStart.addMSecs(8000));
        QCOMPARE(time.pending(), std::size_t(0)); // the script is done: no timer left
    }

    void keepsTheTimesItWasGiven() {
        const auto clock = ConsoleClock::simulated(kStart);
        SourceSample recorded = ok();
        recorded.receivedAt = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC); // a recording's own time
        ScriptedSource source(endpoint(), *clock, {{0ms, recorded}}, true);
        QVERIFY(source.reportsTransitions());
        QSignalSpy samples(&source, &FleetSource::sampleReady);
        source.start();
        clock->simulatedScheduler()->advance(0ms);
        QCOMPARE(samples.at(0).at(0).value<SourceSample>().receivedAt, recorded.receivedAt);
    }

    void stopEndsTheScript() {
        const auto clock = ConsoleClock::simulated(kStart);
        ScriptedSource source(endpoint(), *clock, {{0ms, ok()}, {1s, ok()}});
        QSignalSpy samples(&source, &FleetSource::sampleReady);
        source.start();
        clock->simulatedScheduler()->advance(0ms);
        source.stop();
        QCOMPARE(clock->simulatedScheduler()->pending(), std::size_t(0));
        clock->simulatedScheduler()->advance(5s);
        QCOMPARE(samples.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ScriptedSource)
#include "tst_scriptedsource.moc"
