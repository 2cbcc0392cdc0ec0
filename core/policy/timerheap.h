// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timertask.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace jimini {

class Scheduler;

// The queue of armed timers shared by the schedulers: a binary heap ordered by (due time, arming
// order) whose entries know their own index, so cancel and re-arm are O(log n) and never search.
// Not synchronised: its scheduler holds a lock around every call.
class TimerHeap {
public:
    explicit TimerHeap(Scheduler& owner)
        : m_owner(owner) {}
    ~TimerHeap();

    // Arms task at due; an armed task is moved.
    void arm(TimerTask& task, TimePoint due);
    // Disarms; true when the task was armed here.
    bool disarm(TimerTask& task) noexcept;
    // Removes and returns the earliest task due at or before t, or null.
    TimerTask* popDue(TimePoint t) noexcept;
    // Due time of the earliest task, or TimePoint::max() when empty.
    TimePoint nextDue() const noexcept;

    std::size_t size() const noexcept { return m_heap.size(); }
    void reserve(std::size_t n) { m_heap.reserve(n); }

private:
    bool before(const TimerTask* a, const TimerTask* b) const noexcept;
    void place(std::size_t i, TimerTask* task) noexcept;
    void siftUp(std::size_t i) noexcept;
    void siftDown(std::size_t i) noexcept;
    void removeAt(std::size_t i) noexcept;

    Scheduler& m_owner;
    std::vector<TimerTask*> m_heap;
    std::uint64_t m_sequence = 0;
};

} // namespace jimini
