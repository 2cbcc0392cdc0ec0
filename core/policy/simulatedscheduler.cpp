// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulatedscheduler.h"

#include <algorithm>

namespace jimini {

SimulatedScheduler::SimulatedScheduler(TimePoint start, Sharing sharing)
    : m_clock(start)
    , m_sharing(sharing) {
    m_timers.reserve(64);
}

void SimulatedScheduler::reserve(std::size_t n) {
    const auto held = lock();
    m_timers.reserve(n);
}

void SimulatedScheduler::schedule(TimerTask& task, Duration delay) {
    const auto held = lock();
    m_timers.arm(task, m_clock.now() + std::max(delay, Duration::zero()));
}

bool SimulatedScheduler::cancel(TimerTask& task) noexcept {
    const auto held = lock();
    return m_timers.disarm(task);
}

TimerTask* SimulatedScheduler::popDue(TimePoint t) {
    const auto held = lock();
    TimerTask* task = m_timers.popDue(t);
    if (task && task->slot().due > m_clock.now())
        m_clock.setNow(task->slot().due);
    return task;
}

std::size_t SimulatedScheduler::runUntil(TimePoint t) {
    std::size_t fired = 0;
    // The lock is released while a task fires: it may arm or cancel timers.
    while (TimerTask* task = popDue(t)) {
        task->fire();
        ++fired;
    }
    if (t > m_clock.now())
        m_clock.setNow(t);
    return fired;
}

bool SimulatedScheduler::runNext() {
    return runNextUntil(TimePoint::max());
}

bool SimulatedScheduler::runNextUntil(TimePoint t) {
    TimerTask* task = popDue(t);
    if (!task)
        return false;
    task->fire();
    return true;
}

std::size_t SimulatedScheduler::runAll(std::size_t maxEvents) {
    std::size_t fired = 0;
    while (fired < maxEvents && runNext())
        ++fired;
    return fired;
}

std::size_t SimulatedScheduler::pending() const {
    const auto held = lock();
    return m_timers.size();
}

TimePoint SimulatedScheduler::nextDue() const {
    const auto held = lock();
    return m_timers.nextDue();
}

} // namespace jimini
