// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"
#include "policy/scheduler.h"

#include <QDateTime>

#include <memory>

namespace jimini {

class QtScheduler;
class SimulatedScheduler;

// The time of one view of the fleet: steady time (the policy Clock), wall time (UTC) and the Scheduler
// that matches them. Live, they are the machine's clocks and a QtScheduler; simulated (replay,
// playback, tests), a SimulatedScheduler whose virtual time moves only when it is advanced, and wall
// time is a fixed start plus the virtual time elapsed since the clock was made. Every part of the data
// path (hub, sources, ingest, codecs) reads time here, never from the system directly, so a simulated
// view is deterministic end to end.
//
// scheduler() fires on the thread the clock was made on (live) or in whoever advances it (simulated).
// A part that lives on another thread takes forThisThread(): live, a new clock on that thread reading
// the same real time; simulated, this very clock. Time is readable from any thread.
class ConsoleClock : public std::enable_shared_from_this<ConsoleClock> {
public:
    static std::shared_ptr<ConsoleClock> live();
    // Virtual time starts at steadyStart (the SimulatedScheduler's origin) and wall time at wallStart.
    static std::shared_ptr<ConsoleClock> simulated(const QDateTime& wallStart, TimePoint steadyStart = {});

    ConsoleClock(const ConsoleClock&) = delete;
    ConsoleClock& operator=(const ConsoleClock&) = delete;
    ~ConsoleClock();

    // The clock for the calling thread's parts: a live clock's timers must fire where they are used.
    std::shared_ptr<ConsoleClock> forThisThread();

    bool isSimulated() const noexcept { return m_simulated != nullptr; }
    const Clock& steady() const noexcept { return m_scheduler->clock(); }
    TimePoint now() const noexcept { return m_scheduler->now(); }
    QDateTime wallNow() const;
    // The wall time of a steady time point of this clock.
    QDateTime wallAt(TimePoint t) const;

    Scheduler& scheduler() noexcept { return *m_scheduler; }
    // Null when live; advance it to move a simulated view.
    SimulatedScheduler* simulatedScheduler() noexcept { return m_simulated.get(); }

private:
    ConsoleClock() = default;

    std::unique_ptr<QtScheduler> m_live;
    std::unique_ptr<SimulatedScheduler> m_simulated;
    Scheduler* m_scheduler = nullptr;
    QDateTime m_wallStart; // simulated: the wall time at m_steadyStart
    TimePoint m_steadyStart{};
};

} // namespace jimini
