// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulatedscheduler.h"

#include <algorithm>

namespace jimini {

SimulatedScheduler::SimulatedScheduler(TimePoint start)
    : m_clock(start)
{
    m_heap.reserve(64);
}

SimulatedScheduler::~SimulatedScheduler()
{
    std::lock_guard lock(m_mutex);
    for (TimerTask* task : m_heap) {
        task->slot().index = TimerTask::Slot::npos;
        task->slot().owner = nullptr;
    }
}

void SimulatedScheduler::reserve(std::size_t n)
{
    std::lock_guard lock(m_mutex);
    m_heap.reserve(n);
}

bool SimulatedScheduler::before(const TimerTask* a, const TimerTask* b) const noexcept
{
    const auto& sa = a->slot();
    const auto& sb = b->slot();
    return sa.due < sb.due || (sa.due == sb.due && sa.sequence < sb.sequence);
}

void SimulatedScheduler::place(std::size_t i, TimerTask* task) noexcept
{
    m_heap[i] = task;
    task->slot().index = i;
}

void SimulatedScheduler::siftUp(std::size_t i) noexcept
{
    TimerTask* task = m_heap[i];
    while (i > 0) {
        const std::size_t parent = (i - 1) / 2;
        if (!before(task, m_heap[parent]))
            break;
        place(i, m_heap[parent]);
        i = parent;
    }
    place(i, task);
}

void SimulatedScheduler::siftDown(std::size_t i) noexcept
{
    TimerTask* task = m_heap[i];
    const std::size_t n = m_heap.size();
    for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && before(m_heap[child + 1], m_heap[child]))
            ++child;
        if (!before(m_heap[child], task))
            break;
        place(i, m_heap[child]);
        i = child;
    }
    place(i, task);
}

void SimulatedScheduler::removeAtLocked(std::size_t i) noexcept
{
    TimerTask* removed = m_heap[i];
    TimerTask* last = m_heap.back();
    m_heap.pop_back();
    if (removed != last) {
        place(i, last);
        if (i > 0 && before(last, m_heap[(i - 1) / 2]))
            siftUp(i);
        else
            siftDown(i);
    }
    removed->slot().index = TimerTask::Slot::npos;
    removed->slot().owner = nullptr;
}

void SimulatedScheduler::schedule(TimerTask& task, Duration delay)
{
    std::lock_guard lock(m_mutex);
    auto& slot = task.slot();
    if (slot.owner == this && slot.index != TimerTask::Slot::npos)
        removeAtLocked(slot.index);
    slot.due = m_clock.now() + std::max(delay, Duration::zero());
    slot.sequence = m_sequence++;
    slot.owner = this;
    m_heap.push_back(&task);
    siftUp(m_heap.size() - 1);
}

bool SimulatedScheduler::cancel(TimerTask& task) noexcept
{
    std::lock_guard lock(m_mutex);
    auto& slot = task.slot();
    if (slot.owner != this || slot.index == TimerTask::Slot::npos)
        return false;
    removeAtLocked(slot.index);
    return true;
}

TimerTask* SimulatedScheduler::popDueLocked(TimePoint t)
{
    if (m_heap.empty() || m_heap.front()->slot().due > t)
        return nullptr;
    TimerTask* task = m_heap.front();
    removeAtLocked(0);
    if (task->slot().due > m_clock.now())
        m_clock.setNow(task->slot().due);
    return task;
}

std::size_t SimulatedScheduler::runUntil(TimePoint t)
{
    std::size_t fired = 0;
    for (;;) {
        TimerTask* task = nullptr;
        {
            std::lock_guard lock(m_mutex);
            task = popDueLocked(t);
        }
        if (!task)
            break;
        task->fire();
        ++fired;
    }
    if (t > m_clock.now())
        m_clock.setNow(t);
    return fired;
}

bool SimulatedScheduler::runNext()
{
    TimerTask* task = nullptr;
    {
        std::lock_guard lock(m_mutex);
        task = popDueLocked(TimePoint::max());
    }
    if (!task)
        return false;
    task->fire();
    return true;
}

std::size_t SimulatedScheduler::runAll(std::size_t maxEvents)
{
    std::size_t fired = 0;
    while (fired < maxEvents && runNext())
        ++fired;
    return fired;
}

std::size_t SimulatedScheduler::pending() const
{
    std::lock_guard lock(m_mutex);
    return m_heap.size();
}

TimePoint SimulatedScheduler::nextDue() const
{
    std::lock_guard lock(m_mutex);
    return m_heap.empty() ? TimePoint::max() : m_heap.front()->slot().due;
}

} // namespace jimini
