// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "manualclock.h"
#include "scheduler.h"
#include "timerheap.h"

#include <cstddef>
#include <mutex>

namespace jimini {

// A scheduler in virtual time: a TimerHeap and a ManualClock that jumps to each timer's due time as it
// fires. Nothing waits: run*() drive time.
class SimulatedScheduler final : public Scheduler {
public:
    // Threads: any thread may arm and cancel timers (a lock around each call). OneThread: only the thread
    // that runs it does, and nothing locks (a replay arms and fires millions of timers a second).
    enum class Sharing : bool { Threads, OneThread };

    explicit SimulatedScheduler(TimePoint start = TimePoint{}, Sharing sharing = Sharing::Threads);

    const Clock& clock() const noexcept override { return m_clock; }
    ManualClock& manualClock() noexcept { return m_clock; }

    void schedule(TimerTask& task, Duration delay) override;
    bool cancel(TimerTask& task) noexcept override;

    // Fires every timer due at or before t, in order, then sets the clock to t. Returns timers fired.
    std::size_t runUntil(TimePoint t);
    std::size_t advance(Duration d) { return runUntil(m_clock.now() + d); }
    // Fires the earliest timer (moving the clock to it); false when none is armed.
    bool runNext();
    // Fires the earliest timer if it is due at or before t; false when none is.
    bool runNextUntil(TimePoint t);
    // Fires timers until none is armed or maxEvents have fired. Returns timers fired.
    std::size_t runAll(std::size_t maxEvents = static_cast<std::size_t>(-1));

    std::size_t pending() const;
    // Due time of the earliest armed timer, or TimePoint::max() when none.
    TimePoint nextDue() const;
    // Pre-sizes the queue so that arming up to n timers never allocates.
    void reserve(std::size_t n);

private:
    TimerTask* popDue(TimePoint t);
    std::unique_lock<std::mutex> lock() const {
        return m_sharing == Sharing::Threads ? std::unique_lock(m_mutex) : std::unique_lock<std::mutex>();
    }

    ManualClock m_clock;
    const Sharing m_sharing;
    mutable std::mutex m_mutex;
    TimerHeap m_timers{*this};
};

} // namespace jimini
