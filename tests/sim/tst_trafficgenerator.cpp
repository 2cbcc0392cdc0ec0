// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/faultset.h"
#include "sim/trafficgenerator.h"
#include "sim/upstreamcalls.h"

#include "health/healthmonitor.h"
#include "policy/httpclassification.h"
#include "policy/simulatedscheduler.h"

#include <QLocale>
#include <QTest>

#include <map>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// Only a timeout stage: every call the generator starts reaches the downstream.
PipelineOptions timeoutOnly(Duration perAttempt) {
    PipelineOptions options;
    options.rateLimit.reset();
    options.bulkhead.reset();
    options.circuitBreaker.reset();
    options.retry.reset();
    options.timeout = TimeoutOptions{perAttempt, Duration::zero()};
    return options;
}

DownstreamOptions fixedLatency(Duration latency, double errorRate) {
    DownstreamOptions options;
    options.latency = LatencyDistribution::fixed(latency);
    options.errorRate = errorRate;
    return options;
}

TrafficLane lane(const QString& name, Scheduler& scheduler, Duration perAttempt = 1s) {
    return {name, std::make_shared<Pipeline>(timeoutOnly(perAttempt), scheduler),
            std::make_shared<PolicyTelemetry>()};
}

std::uint64_t calls(const TrafficLane& lane, OutcomeKind kind) {
    return lane.telemetry->snapshot().calls[std::size_t(kind)];
}

// A service on the simulated clock behind the UpstreamCalls seam: answers 200 after a fixed delay, or
// never (then only the pipeline's timeout ends the attempt, and it must cancel the handle).
class ScriptedUpstream final : public UpstreamCalls {
public:
    ScriptedUpstream(Scheduler& scheduler, Duration delay, bool answers)
        : m_scheduler(scheduler)
        , m_delay(delay)
        , m_answers(answers) {}

    std::uint64_t start(Receiver& receiver, std::uint64_t tag) override {
        const std::uint64_t handle = m_next++;
        auto& answer = m_open[handle];
        answer.receiver = &receiver;
        answer.tag = tag;
        answer.owner = this;
        answer.handle = handle;
        if (m_answers)
            m_scheduler.schedule(answer, m_delay);
        ++started;
        return handle;
    }
    void cancel(std::uint64_t handle) noexcept override {
        const auto it = m_open.find(handle);
        if (it == m_open.end())
            return;
        m_scheduler.cancel(it->second);
        m_open.erase(it);
        ++cancelled;
    }

    int started = 0;
    int cancelled = 0;

private:
    struct Answer final : TimerTask {
        void fire() override {
            Receiver* r = receiver;
            const std::uint64_t t = tag;
            owner->m_open.erase(handle); // destroys this task: nothing of it is used below
            r->onUpstreamOutcome(t, classifyHttpStatus(200));
        }
        Receiver* receiver = nullptr;
        std::uint64_t tag = 0;
        std::uint64_t handle = 0;
        ScriptedUpstream* owner = nullptr;
    };

    Scheduler& m_scheduler;
    Duration m_delay;
    bool m_answers;
    std::map<std::uint64_t, Answer> m_open;
    std::uint64_t m_next = 1;
};
} // namespace

class tst_TrafficGenerator : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void rateSetsTheCallsStarted_data() {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("seconds");
        QTest::addColumn<int>("expected"); // one call every 1/rate, the first after one interval
        QTest::newRow("1/s for 10 s") << 1.0 << 10 << 10;
        QTest::newRow("10/s for 10 s") << 10.0 << 10 << 100;
        QTest::newRow("50/s for 4 s") << 50.0 << 4 << 200;
        QTest::newRow("rate 0: no traffic") << 0.0 << 10 << 0;
        QTest::newRow("negative rate: no traffic") << -5.0 << 10 << 0;
    }
    void rateSetsTheCallsStarted() {
        QFETCH(double, rate);
        QFETCH(int, seconds);
        QFETCH(int, expected);
        SimulatedScheduler scheduler;
        HealthMonitor monitor("svc", scheduler.now());
        FaultSet faults;
        const TrafficLane a = lane("a", scheduler);
        TrafficGenerator generator(scheduler, monitor, faults, Downstream(fixedLatency(5ms, 0)), nullptr,
                                   rate, 1);
        generator.sync({a});
        scheduler.advance(std::chrono::seconds(seconds));
        QCOMPARE(generator.callsStarted(), std::uint64_t(expected));
        // Every call but those still inside their 5 ms answered, and all succeeded.
        QCOMPARE(calls(a, OutcomeKind::Success) + generator.inFlight(), std::uint64_t(expected));
        QCOMPARE(generator.callsSkipped(), std::uint64_t(0));
        generator.stop();
        generator.releasePipelines();
    }

    void lanesFollowSync() {
        SimulatedScheduler scheduler;
        HealthMonitor monitor("svc", scheduler.now());
        FaultSet faults;
        const TrafficLane a = lane("a", scheduler);
        const TrafficLane b = lane("b", scheduler);
        TrafficGenerator generator(scheduler, monitor, faults, Downstream(fixedLatency(1ms, 0)), nullptr, 10,
                                   1);
        generator.sync({a, b});
        scheduler.advance(1050ms); // ten calls each, the last answered 1 ms after it started
        QCOMPARE(calls(a, OutcomeKind::Success), std::uint64_t(10));
        QCOMPARE(calls(b, OutcomeKind::Success), std::uint64_t(10));
        generator.sync({b}); // a was removed from the config: it stops, b goes on
        scheduler.advance(1s);
        QCOMPARE(calls(a, OutcomeKind::Success), std::uint64_t(10));
        QCOMPARE(calls(b, OutcomeKind::Success), std::uint64_t(20));
        // A replaced pipeline (a config change) takes the next calls under the same name.
        const TrafficLane b2 = lane("b", scheduler);
        generator.sync({b2});
        scheduler.advance(1s);
        QCOMPARE(calls(b, OutcomeKind::Success), std::uint64_t(20));
        QCOMPARE(calls(b2, OutcomeKind::Success), std::uint64_t(10));
        generator.stop();
        generator.releasePipelines();
    }

    void endedHangsFailAsResets() {
        SimulatedScheduler scheduler;
        HealthMonitor monitor("svc", scheduler.now());
        FaultSet faults;
        Fault hang;
        hang.policy = "a";
        hang.hangRate = 1;
        hang.duration = 1h;
        const int id = faults.add(hang, scheduler.now());
        const TrafficLane a = lane("a", scheduler, 1h);
        TrafficGenerator generator(scheduler, monitor, faults, Downstream(fixedLatency(1ms, 0)), nullptr, 10,
                                   1);
        generator.sync({a});
        scheduler.advance(1s);
        QCOMPARE(generator.inFlight(), std::size_t(10)); // every call hangs; nothing answered
        QCOMPARE(calls(a, OutcomeKind::Failure), std::uint64_t(0));
        generator.releaseHangs({id + 1}); // another fault: these stay
        QCOMPARE(generator.inFlight(), std::size_t(10));
        generator.releaseHangs({id});
        QCOMPARE(generator.inFlight(), std::size_t(0));
        QCOMPARE(calls(a, OutcomeKind::Failure), std::uint64_t(10));
        generator.stop();
        generator.releasePipelines();
    }

    void upstreamTakesTheRealAttempts_data() {
        QTest::addColumn<bool>("answers");
        QTest::addColumn<int>("successes");
        QTest::addColumn<int>("timeouts");
        QTest::addColumn<int>("cancelled");
        // 10 calls in 1 s plus 0.5 s to settle; the upstream answers in 20 ms, or never (100 ms timeout).
        QTest::newRow("answers") << true << 10 << 0 << 0;
        QTest::newRow("never answers: the timeout cancels each attempt") << false << 0 << 10 << 10;
    }
    void upstreamTakesTheRealAttempts() {
        QFETCH(bool, answers);
        QFETCH(int, successes);
        QFETCH(int, timeouts);
        QFETCH(int, cancelled);
        SimulatedScheduler scheduler;
        HealthMonitor monitor("svc", scheduler.now());
        FaultSet faults;
        ScriptedUpstream upstream(scheduler, 20ms, answers);
        const TrafficLane a = lane("a", scheduler, 100ms);
        TrafficGenerator generator(scheduler, monitor, faults, Downstream(fixedLatency(1ms, 0)), &upstream,
                                   10, 1);
        generator.sync({a});
        scheduler.advance(1s);
        generator.sync({}); // no new calls; the ones in flight settle
        scheduler.advance(500ms);
        QCOMPARE(upstream.started, 10);
        QCOMPARE(calls(a, OutcomeKind::Success), std::uint64_t(successes));
        QCOMPARE(calls(a, OutcomeKind::TimedOut), std::uint64_t(timeouts));
        QCOMPARE(upstream.cancelled, cancelled);
        generator.stop();
        generator.releasePipelines();
    }
};

QTEST_GUILESS_MAIN(tst_TrafficGenerator)
#include "tst_trafficgenerator.moc"
