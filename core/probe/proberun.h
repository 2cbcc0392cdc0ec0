// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probeoptions.h"
#include "probe/probereport.h"
#include "probe/probesnapshot.h"

#include "policy/timertask.h"

#include <QObject>

#include <memory>
#include <vector>

namespace jimini {

class HttpExecution;
class Pipeline;
class ProbeCall;
class Scheduler;

// One probe run: calls through a real Pipeline (built from options.policy) on its own Qt event-loop
// scheduler, each attempt a real HTTP request, open loop (on a fixed schedule; a late start is measured,
// never skipped) or closed loop (N workers). Counts every outcome and latency into a bounded report,
// emits a snapshot once a second, and finishes when the load is over and every call has come back (or
// a drain deadline passed: the calls still open are counted as unfinished). Lives on, and must be used
// from, one thread with an event loop.
class ProbeRun final : public QObject {
    Q_OBJECT
public:
    // options must validate (ProbeOptions::validate()); a run with errors does nothing but finish.
    explicit ProbeRun(ProbeOptions options, QObject* parent = nullptr);
    ~ProbeRun() override;

    void start();
    // Ends the load now; calls in flight still come back (within the drain deadline).
    void stop();
    bool isRunning() const noexcept { return m_running; }
    bool isFinished() const noexcept { return m_finished; }

    const ProbeOptions& options() const noexcept { return m_options; }
    // Complete once finished(); a running run's figures so far.
    const ProbeReport& report() const noexcept { return m_report; }
    std::uint64_t unfinished() const noexcept { return m_unfinished; }
    // Now; its window's figures cover the calls finished since the last progressed().
    ProbeSnapshot snapshot() const;
    Pipeline& pipeline() const noexcept { return *m_pipeline; }
    HttpExecution& http() const noexcept { return *m_http; }
    TimePoint now() const noexcept;

    // From ProbeCall.
    void onAttemptSent() noexcept;
    void onAttemptDone(const Outcome& outcome, Duration latency) noexcept;
    void onCallDone(ProbeCall& call, const Outcome& outcome, Duration latency);

signals:
    void progressed(const jimini::ProbeSnapshot& snapshot);
    void finished();

private:
    struct Task final : TimerTask {
        enum Kind : std::uint8_t { Arrival, Tick, LoadEnd, Drain };
        void fire() override { run->onTimer(kind); }
        ProbeRun* run = nullptr;
        Kind kind = Arrival;
    };

    void onTimer(Task::Kind kind);
    ProbeSnapshot takeSnapshot(); // snapshot(), then the error-rate window starts over
    void arrive();
    bool startCall(TimePoint due);
    bool loadOver() const noexcept;
    void endLoad();
    void finish();
    Duration drainDeadline() const noexcept;

    ProbeOptions m_options;
    ProbeReport m_report;
    // Teardown order (reverse of this): the pipeline, then the scheduler's heap, then the calls parked
    // in it (see ~ProbeRun).
    std::vector<std::unique_ptr<ProbeCall>> m_calls;
    std::vector<ProbeCall*> m_idle;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<HttpExecution> m_http;
    std::unique_ptr<Pipeline> m_pipeline;
    Task m_arrival, m_tick, m_loadEnd, m_drain;
    TimePoint m_start{};
    TimePoint m_loadEndedAt{};
    std::uint64_t m_inFlight = 0;
    std::uint64_t m_unfinished = 0;
    std::uint64_t m_nextArrival = 0; // open loop: index of the next call on the schedule
    std::uint64_t m_started = 0;     // calls begun
    TimePoint m_firstStart{};
    TimePoint m_lastStart{};
    ProbeCounts m_lastTick; // calls counted at the last snapshot
    TimePoint m_lastTickAt{};
    TimePoint m_finishedAt{};
    LatencyHistogram m_windowCalls; // calls finished since the last snapshot
    bool m_running = false;
    bool m_loadOver = false;
    bool m_finished = false;
};

} // namespace jimini
