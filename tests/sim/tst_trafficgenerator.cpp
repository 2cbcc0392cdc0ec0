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
#include <optional>

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

    ~ScriptedUpstream() override {
        for (auto& [handle, answer] : m_open)
            m_scheduler.cancel(answer);
    }

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
// The generator with what it runs on, torn down in the order TrafficGenerator asks for: no new calls,
// pipelines released, the scheduler's heap gone, and only then the calls (the generator) themselves.
struct Rig {
    // upstreamDelay: attempts go to a ScriptedUpstream answering after it (never, with neverAnswers).
    Rig(Duration latency, double rate, std::optional<Duration> upstreamDelay = std::nullopt,
        bool neverAnswers = false)
        : scheduler(std::make_unique<SimulatedScheduler>())
        , monitor("svc", scheduler->now()) {
        if (upstreamDelay)
            upstream = std::make_unique<ScriptedUpstream>(*scheduler, *upstreamDelay, !neverAnswers);
        generator = std::make_unique<TrafficGenerator>(
            *scheduler, monitor, faults, Downstream(fixedLatency(latency, 0)), upstream.get(), rate, 1);
    }
    ~Rig() {
        generator->stop();
        generator->releasePipelines();
        lanes.clear();
        upstream.reset();
        scheduler.reset();
        generator.reset();
    }
    TrafficLane add(const QString& name, Duration perAttempt = 1s) {
        lanes.push_back({name, std::make_shared<Pipeline>(timeoutOnly(perAttempt), *scheduler),
                         std::make_shared<PolicyTelemetry>()});
        return lanes.back();
    }
    void advance(Duration d) { scheduler->advance(d); }

    std::unique_ptr<SimulatedScheduler> scheduler;
    HealthMonitor monitor;
    FaultSet faults;
    std::unique_ptr<ScriptedUpstream> upstream;
    std::unique_ptr<TrafficGenerator> generator;
    std::vector<TrafficLane> lanes;
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
        Rig rig(5ms, rate);
        const TrafficLane a = rig.add("a");
        rig.generator->sync({a});
        rig.advance(std::chrono::seconds(seconds));
        QCOMPARE(rig.generator->callsStarted(), std::uint64_t(expected));
        // Every call but those still inside their 5 ms answered, and all succeeded.
        QCOMPARE(calls(a, OutcomeKind::Success) + rig.generator->inFlight(), std::uint64_t(expected));
        QCOMPARE(rig.generator->callsSkipped(), std::uint64_t(0));
    }

    void lanesFollowSync() {
        Rig rig(1ms, 10);
        const TrafficLane a = rig.add("a");
        const TrafficLane b = rig.add("b");
        rig.generator->sync({a, b});
        rig.advance(1050ms); // ten calls each, the last answered 1 ms after it started
        QCOMPARE(calls(a, OutcomeKind::Success), std::uint64_t(10));
        QCOMPARE(calls(b, OutcomeKind::Success), std::uint64_t(10));
        rig.generator->sync({b}); // a was removed from the config: it stops, b goes on
        rig.advance(1s);
        QCOMPARE(calls(a, OutcomeKind::Success), std::uint64_t(10));
        QCOMPARE(calls(b, OutcomeKind::Success), std::uint64_t(20));
        // A replaced pipeline (a config change) takes the next calls under the same name.
        const TrafficLane b2 = rig.add("b");
        rig.generator->sync({b2});
        rig.advance(1s);
        QCOMPARE(calls(b, OutcomeKind::Success), std::uint64_t(20));
        QCOMPARE(calls(b2, OutcomeKind::Success), std::uint64_t(10));
    }

    void endedHangsFailAsResets() {
        Rig rig(1ms, 10);
        Fault hang;
        hang.policy = "a";
        hang.hangRate = 1;
        hang.duration = 1h;
        const int id = rig.faults.add(hang, rig.scheduler->now());
        const TrafficLane a = rig.add("a", 1h);
        rig.generator->sync({a});
        rig.advance(1s);
        QCOMPARE(rig.generator->inFlight(), std::size_t(10)); // every call hangs; nothing answered
        QCOMPARE(calls(a, OutcomeKind::Failure), std::uint64_t(0));
        rig.generator->releaseHangs({id + 1}); // another fault: these stay
        QCOMPARE(rig.generator->inFlight(), std::size_t(10));
        rig.generator->releaseHangs({id});
        QCOMPARE(rig.generator->inFlight(), std::size_t(0));
        QCOMPARE(calls(a, OutcomeKind::Failure), std::uint64_t(10));
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
        Rig rig(1ms, 10, 20ms, !answers);
        const TrafficLane a = rig.add("a", 100ms);
        rig.generator->sync({a});
        rig.advance(1s);
        rig.generator->sync({}); // no new calls; the ones in flight settle
        rig.advance(500ms);
        QCOMPARE(rig.upstream->started, 10);
        QCOMPARE(calls(a, OutcomeKind::Success), std::uint64_t(successes));
        QCOMPARE(calls(a, OutcomeKind::TimedOut), std::uint64_t(timeouts));
        QCOMPARE(rig.upstream->cancelled, cancelled);
    }
};

QTEST_GUILESS_MAIN(tst_TrafficGenerator)
#include "tst_trafficgenerator.moc"
