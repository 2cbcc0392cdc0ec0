// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "timertask.h"

namespace jimini {

// Runs a TimerTask after a delay. Two implementations: SimulatedScheduler (virtual time, here) and the
// Qt event-loop scheduler (real time, in a Qt layer). schedule() and cancel() may be called from any
// thread; fire() runs on the scheduler's own thread.
class Scheduler {
public:
    virtual ~Scheduler() = default;

    virtual const Clock& clock() const noexcept = 0;
    TimePoint now() const noexcept { return clock().now(); }

    // Arms the task to fire after delay (negative counts as zero). Re-arming an armed task moves it.
    virtual void schedule(TimerTask& task, Duration delay) = 0;
    // Disarms the task; true when it was armed and will now not fire.
    virtual bool cancel(TimerTask& task) noexcept = 0;
};

} // namespace jimini
