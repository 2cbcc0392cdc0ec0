// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timertask.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace jimini {

class Scheduler;

// The queue of armed timers shared by the schedulers: a heap ordered by (due time, arming order) whose
// entries know their own index, so cancel and re-arm are O(log n) and never search. A replay keeps
// thousands of timeouts armed, and sifting was a third of its time: the ordering key lives in the heap
// beside the task pointer (comparisons do not visit the tasks, spread over memory), and the heap is 4-ary
// (half the depth of a binary one, so fewer moves, each of which writes the moved task's index).
// Timers due at or after a horizon wait unsorted beside the heap: most of them are timeouts cancelled
// long before they are due, and arming and cancelling one there is O(1). When the heap runs dry, the
// horizon moves to the earliest waiting timer plus horizonStep and what falls before it joins the heap.
// Every heap entry is due before the horizon and every waiting one at or after it, so the order in which
// timers fire is exactly the heap's alone.
// Not synchronised: its scheduler holds a lock around every call.
class TimerHeap {
public:
    static constexpr Duration kDefaultHorizonStep = std::chrono::seconds(1);
    explicit TimerHeap(Scheduler& owner, Duration horizonStep = kDefaultHorizonStep)
        : m_owner(owner)
        , m_horizonStep(horizonStep) {}
    ~TimerHeap();

    // Arms task at due; an armed task is moved.
    void arm(TimerTask& task, TimePoint due);
    // Disarms; true when the task was armed here.
    bool disarm(TimerTask& task) noexcept;
    // Removes and returns the earliest task due at or before t, or null.
    TimerTask* popDue(TimePoint t) noexcept;
    // Due time of the earliest task, or TimePoint::max() when empty.
    TimePoint nextDue() const noexcept;

    std::size_t size() const noexcept { return m_heap.size() + m_waiting.size(); }
    void reserve(std::size_t n) {
        m_heap.reserve(n);
        m_waiting.reserve(n);
    }

private:
    static constexpr std::size_t kArity = 4;
    // Marks a slot index as one into m_waiting rather than the heap.
    static constexpr std::size_t kWaitingBit = ~(~std::size_t{0} >> 1);
    struct Entry {
        TimePoint due;
        std::uint64_t sequence;
        TimerTask* task;
    };
    static bool before(const Entry& a, const Entry& b) noexcept {
        return a.due < b.due || (a.due == b.due && a.sequence < b.sequence);
    }
    void place(std::size_t i, const Entry& entry) noexcept {
        m_heap[i] = entry;
        entry.task->slot().index = i;
    }
    void siftUp(std::size_t i) noexcept;
    void siftDown(std::size_t i) noexcept;
    void removeAt(std::size_t i) noexcept;
    void removeWaiting(std::size_t i) noexcept;
    void push(const Entry& entry);
    void refill();
    TimePoint horizonAfter(TimePoint due) const noexcept;

    Scheduler& m_owner;
    Duration m_horizonStep;
    TimePoint m_horizon = TimePoint::min();
    std::vector<Entry> m_heap;
    std::vector<Entry> m_waiting; // unsorted; due at or after m_horizon
    std::uint64_t m_sequence = 0;
};

} // namespace jimini
