// SPDX-License-Identifier: GPL-3.0-or-later
#include "timerheap.h"

#include <algorithm>

namespace jimini {

TimerHeap::~TimerHeap() {
    for (const auto* entries : {&m_heap, &m_waiting}) {
        for (const Entry& entry : *entries) {
            entry.task->slot().index = TimerTask::Slot::npos;
            entry.task->slot().owner = nullptr;
        }
    }
}

void TimerHeap::siftUp(std::size_t i) noexcept {
    const Entry entry = m_heap[i];
    while (i > 0) {
        const std::size_t parent = (i - 1) / kArity;
        if (!before(entry, m_heap[parent]))
            break;
        place(i, m_heap[parent]);
        i = parent;
    }
    place(i, entry);
}

void TimerHeap::siftDown(std::size_t i) noexcept {
    const Entry entry = m_heap[i];
    const std::size_t n = m_heap.size();
    for (;;) {
        const std::size_t first = kArity * i + 1;
        if (first >= n)
            break;
        std::size_t child = first;
        const std::size_t end = std::min(first + kArity, n);
        for (std::size_t c = first + 1; c < end; ++c) {
            if (before(m_heap[c], m_heap[child]))
                child = c;
        }
        if (!before(m_heap[child], entry))
            break;
        place(i, m_heap[child]);
        i = child;
    }
    place(i, entry);
}

void TimerHeap::removeAt(std::size_t i) noexcept {
    TimerTask* removed = m_heap[i].task;
    const Entry last = m_heap.back();
    m_heap.pop_back();
    if (removed != last.task) {
        place(i, last);
        if (i > 0 && before(last, m_heap[(i - 1) / kArity]))
            siftUp(i);
        else
            siftDown(i);
    }
    removed->slot().index = TimerTask::Slot::npos;
    removed->slot().owner = nullptr;
    if (m_heap.empty() && !m_waiting.empty())
        refill();
}

void TimerHeap::removeWaiting(std::size_t i) noexcept {
    TimerTask* removed = m_waiting[i].task;
    const Entry last = m_waiting.back();
    m_waiting.pop_back();
    if (removed != last.task) {
        m_waiting[i] = last;
        last.task->slot().index = i | kWaitingBit;
    }
    removed->slot().index = TimerTask::Slot::npos;
    removed->slot().owner = nullptr;
}

TimePoint TimerHeap::horizonAfter(TimePoint due) const noexcept {
    return due > TimePoint::max() - m_horizonStep ? TimePoint::max() : due + m_horizonStep;
}

void TimerHeap::push(const Entry& entry) {
    m_heap.push_back(entry);
    siftUp(m_heap.size() - 1);
}

// Only when the heap is empty: keeps "the heap is empty only when nothing is armed", so nextDue() is the
// heap's top.
void TimerHeap::refill() {
    TimePoint earliest = TimePoint::max();
    for (const Entry& entry : m_waiting)
        earliest = std::min(earliest, entry.due);
    m_horizon = horizonAfter(earliest);
    for (std::size_t i = 0; i < m_waiting.size();) {
        if (m_waiting[i].due < m_horizon || m_waiting[i].due == earliest) {
            const Entry entry = m_waiting[i];
            m_waiting[i] = m_waiting.back();
            m_waiting[i].task->slot().index = i | kWaitingBit;
            m_waiting.pop_back();
            push(entry);
        } else {
            ++i;
        }
    }
}

void TimerHeap::arm(TimerTask& task, TimePoint due) {
    disarm(task);
    auto& slot = task.slot();
    slot.due = due;
    slot.sequence = m_sequence++;
    slot.owner = &m_owner;
    const Entry entry{due, slot.sequence, &task};
    if (m_heap.empty()) {
        // Nothing is waiting either: start a new horizon here.
        m_horizon = horizonAfter(due);
        push(entry);
    } else if (due < m_horizon) {
        push(entry);
    } else {
        m_waiting.push_back(entry);
        slot.index = (m_waiting.size() - 1) | kWaitingBit;
    }
}

bool TimerHeap::disarm(TimerTask& task) noexcept {
    auto& slot = task.slot();
    if (slot.owner != &m_owner || slot.index == TimerTask::Slot::npos)
        return false;
    if (slot.index & kWaitingBit)
        removeWaiting(slot.index & ~kWaitingBit);
    else
        removeAt(slot.index);
    return true;
}

TimerTask* TimerHeap::popDue(TimePoint t) noexcept {
    if (m_heap.empty() || m_heap.front().due > t)
        return nullptr;
    TimerTask* task = m_heap.front().task;
    removeAt(0);
    return task;
}

TimePoint TimerHeap::nextDue() const noexcept {
    return m_heap.empty() ? TimePoint::max() : m_heap.front().due;
}

} // namespace jimini
