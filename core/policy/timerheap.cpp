// SPDX-License-Identifier: GPL-3.0-or-later
#include "timerheap.h"

namespace jimini {

TimerHeap::~TimerHeap() {
    for (TimerTask* task : m_heap) {
        task->slot().index = TimerTask::Slot::npos;
        task->slot().owner = nullptr;
    }
}

bool TimerHeap::before(const TimerTask* a, const TimerTask* b) const noexcept {
    const auto& sa = a->slot();
    const auto& sb = b->slot();
    return sa.due < sb.due || (sa.due == sb.due && sa.sequence < sb.sequence);
}

void TimerHeap::place(std::size_t i, TimerTask* task) noexcept {
    m_heap[i] = task;
    task->slot().index = i;
}

void TimerHeap::siftUp(std::size_t i) noexcept {
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

void TimerHeap::siftDown(std::size_t i) noexcept {
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

void TimerHeap::removeAt(std::size_t i) noexcept {
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

void TimerHeap::arm(TimerTask& task, TimePoint due) {
    auto& slot = task.slot();
    if (slot.owner == &m_owner && slot.index != TimerTask::Slot::npos)
        removeAt(slot.index);
    slot.due = due;
    slot.sequence = m_sequence++;
    slot.owner = &m_owner;
    m_heap.push_back(&task);
    siftUp(m_heap.size() - 1);
}

bool TimerHeap::disarm(TimerTask& task) noexcept {
    auto& slot = task.slot();
    if (slot.owner != &m_owner || slot.index == TimerTask::Slot::npos)
        return false;
    removeAt(slot.index);
    return true;
}

TimerTask* TimerHeap::popDue(TimePoint t) noexcept {
    if (m_heap.empty() || m_heap.front()->slot().due > t)
        return nullptr;
    TimerTask* task = m_heap.front();
    removeAt(0);
    return task;
}

TimePoint TimerHeap::nextDue() const noexcept {
    return m_heap.empty() ? TimePoint::max() : m_heap.front()->slot().due;
}

} // namespace jimini
