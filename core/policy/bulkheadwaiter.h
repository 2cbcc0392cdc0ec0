// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timertask.h"

#include <cstdint>

namespace jimini {

class Bulkhead;

// A call waiting for a bulkhead slot. Intrusive: it is embedded in the caller's per-call state, so
// queueing never allocates. Its TimerTask part is the queue-wait timer, which the bulkhead arms and
// cancels. The object must outlive its stay in the queue: destroy or reuse it only after Bulkhead::enter()
// returned Admitted or Rejected, after cancel() returned true, or after its callback has run.
class BulkheadWaiter : public TimerTask {
public:
    // A slot was handed to this waiter (called on the thread that freed it, with no lock held).
    virtual void onAdmitted() = 0;
    // Gave up after maxQueueWait (called on the scheduler's thread, with no lock held).
    virtual void onQueueTimeout() = 0;

    void fire() final;

private:
    friend class Bulkhead;
    // Queued: linked in the owner's queue. TimingOut: unlinked because its timer had already been taken
    // off the scheduler when a slot or a cancel came; the pending fire() delivers the timeout.
    enum class State : std::uint8_t { Idle, Queued, TimingOut };

    BulkheadWaiter* m_prev = nullptr;
    BulkheadWaiter* m_next = nullptr;
    Bulkhead* m_owner = nullptr;
    State m_state = State::Idle;
    bool m_timerArmed = false;
};

} // namespace jimini
