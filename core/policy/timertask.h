// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <cstddef>
#include <cstdint>

namespace jimini {

class Scheduler;

// An intrusive timer: the object that wants to be woken up embeds it, so arming a timer never allocates.
// The owner must cancel it (or let it fire) before destroying it.
class TimerTask {
public:
    TimerTask() = default;
    TimerTask(const TimerTask&) = delete;
    TimerTask& operator=(const TimerTask&) = delete;
    virtual ~TimerTask() = default;

    // Runs on the scheduler's thread, with no scheduler lock held: it may schedule or cancel timers.
    virtual void fire() = 0;

    // Book-keeping owned by the scheduler the task is armed on; nothing else touches it.
    struct Slot {
        TimePoint due{};
        std::uint64_t sequence = 0;
        std::size_t index = npos;
        Scheduler* owner = nullptr;
        static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    };
    Slot& slot() noexcept { return m_slot; }
    const Slot& slot() const noexcept { return m_slot; }

private:
    Slot m_slot;
};

} // namespace jimini
