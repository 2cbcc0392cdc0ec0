// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkhead.h"

namespace jimini {

// The lost wake-up race: leave() frees a slot without the lock when it sees no waiter, while enter()
// queues under the lock when it sees no slot. Both sides write their own counter and then read the
// other's (seq_cst, Dekker-style), so at least one of them notices: leave() then dispatches under the
// lock, or enter() takes the slot itself after queueing. Everything that changes the queue happens
// under m_mutex, which also decides the one outcome of each waiter (admitted, timed out, cancelled).

Bulkhead::Bulkhead(const BulkheadOptions& options, Scheduler& scheduler)
    : m_options(options)
    , m_scheduler(scheduler) {}

Bulkhead::~Bulkhead() {
    std::lock_guard lock(m_mutex);
    for (BulkheadWaiter* w = m_head; w;) {
        BulkheadWaiter* next = w->m_next;
        if (w->m_timerArmed)
            m_scheduler.cancel(*w);
        w->m_timerArmed = false;
        w->m_prev = w->m_next = nullptr;
        w->m_state = BulkheadWaiter::State::Idle;
        w = next;
    }
    m_head = m_tail = nullptr;
}

bool Bulkhead::tryTakeSlot() noexcept {
    std::uint32_t active = m_active.load(std::memory_order_seq_cst);
    while (active < m_options.maxConcurrent) {
        if (m_active.compare_exchange_weak(active, active + 1, std::memory_order_seq_cst))
            return true;
    }
    return false;
}

bool Bulkhead::tryEnter() noexcept {
    // With waiters queued every slot is spoken for; taking one here would jump the queue.
    if (m_queued.load(std::memory_order_seq_cst) == 0 && tryTakeSlot()) {
        m_admitted.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    m_rejections.fetch_add(1, std::memory_order_relaxed);
    return false;
}

Admission Bulkhead::enter(BulkheadWaiter& waiter) {
    if (m_queued.load(std::memory_order_seq_cst) == 0 && tryTakeSlot()) {
        m_admitted.fetch_add(1, std::memory_order_relaxed);
        return Admission::Admitted;
    }
    BulkheadWaiter* ready = nullptr;
    bool selfAdmitted = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_head && tryTakeSlot()) {
            m_admitted.fetch_add(1, std::memory_order_relaxed);
            return Admission::Admitted;
        }
        if (m_queued.load(std::memory_order_relaxed) >= m_options.maxQueued) {
            m_rejections.fetch_add(1, std::memory_order_relaxed);
            return Admission::Rejected;
        }
        waiter.m_owner = this;
        // Armed before linking: should schedule() throw, the bulkhead is unchanged.
        if (m_options.maxQueueWait > Duration::zero()) {
            m_scheduler.schedule(waiter, m_options.maxQueueWait);
            waiter.m_timerArmed = true;
        }
        pushBackLocked(waiter);
        ready = drainLocked(&waiter, selfAdmitted);
    }
    notifyAdmitted(ready);
    return selfAdmitted ? Admission::Admitted : Admission::Queued;
}

void Bulkhead::leave() noexcept {
    if (m_queued.load(std::memory_order_seq_cst) != 0) {
        BulkheadWaiter* next = nullptr;
        {
            std::lock_guard lock(m_mutex);
            next = popAdmittableLocked();
            if (next)
                m_admitted.fetch_add(1, std::memory_order_relaxed);
            else
                m_active.fetch_sub(1, std::memory_order_seq_cst);
        }
        // The slot changes hands without ever being free.
        if (next)
            next->onAdmitted();
        return;
    }
    m_active.fetch_sub(1, std::memory_order_seq_cst);
    if (m_queued.load(std::memory_order_seq_cst) != 0)
        dispatch();
}

bool Bulkhead::cancel(BulkheadWaiter& waiter) noexcept {
    std::lock_guard lock(m_mutex);
    if (waiter.m_owner != this || waiter.m_state != BulkheadWaiter::State::Queued)
        return false;
    unlinkLocked(waiter);
    if (waiter.m_timerArmed) {
        waiter.m_timerArmed = false;
        if (!m_scheduler.cancel(waiter)) {
            // Already taken off the scheduler: its fire() is on the way and will report the timeout.
            waiter.m_state = BulkheadWaiter::State::TimingOut;
            return false;
        }
    }
    return true;
}

BulkheadSnapshot Bulkhead::snapshot() const noexcept {
    return BulkheadSnapshot{m_active.load(std::memory_order_relaxed),
                            m_queued.load(std::memory_order_relaxed),
                            m_options.maxConcurrent,
                            m_options.maxQueued,
                            m_rejections.load(std::memory_order_relaxed),
                            m_queueTimeouts.load(std::memory_order_relaxed),
                            m_admitted.load(std::memory_order_relaxed)};
}

void Bulkhead::pushBackLocked(BulkheadWaiter& waiter) noexcept {
    waiter.m_prev = m_tail;
    waiter.m_next = nullptr;
    if (m_tail)
        m_tail->m_next = &waiter;
    else
        m_head = &waiter;
    m_tail = &waiter;
    waiter.m_state = BulkheadWaiter::State::Queued;
    m_queued.store(m_queued.load(std::memory_order_relaxed) + 1, std::memory_order_seq_cst);
}

void Bulkhead::unlinkLocked(BulkheadWaiter& waiter) noexcept {
    (waiter.m_prev ? waiter.m_prev->m_next : m_head) = waiter.m_next;
    (waiter.m_next ? waiter.m_next->m_prev : m_tail) = waiter.m_prev;
    waiter.m_prev = waiter.m_next = nullptr;
    waiter.m_state = BulkheadWaiter::State::Idle;
    m_queued.store(m_queued.load(std::memory_order_relaxed) - 1, std::memory_order_seq_cst);
}

BulkheadWaiter* Bulkhead::popAdmittableLocked() noexcept {
    while (BulkheadWaiter* w = m_head) {
        unlinkLocked(*w);
        if (w->m_timerArmed) {
            w->m_timerArmed = false;
            if (!m_scheduler.cancel(*w)) {
                // Its timer already left the scheduler: the timeout wins, the slot goes to the next one.
                w->m_state = BulkheadWaiter::State::TimingOut;
                continue;
            }
        }
        return w;
    }
    return nullptr;
}

BulkheadWaiter* Bulkhead::drainLocked(BulkheadWaiter* self, bool& selfAdmitted) noexcept {
    // Popped waiters are chained through their (now unused) m_next into a list notified after unlock.
    BulkheadWaiter* ready = nullptr;
    BulkheadWaiter** tail = &ready;
    while (m_head && tryTakeSlot()) {
        BulkheadWaiter* w = popAdmittableLocked();
        if (!w) {
            m_active.fetch_sub(1, std::memory_order_seq_cst);
            break;
        }
        m_admitted.fetch_add(1, std::memory_order_relaxed);
        if (w == self) {
            selfAdmitted = true;
            continue;
        }
        *tail = w;
        tail = &w->m_next;
    }
    return ready;
}

void Bulkhead::dispatch() noexcept {
    BulkheadWaiter* ready = nullptr;
    bool unused = false;
    {
        std::lock_guard lock(m_mutex);
        ready = drainLocked(nullptr, unused);
    }
    notifyAdmitted(ready);
}

void Bulkhead::notifyAdmitted(BulkheadWaiter* ready) noexcept {
    while (ready) {
        // The waiter may be reused as soon as onAdmitted() starts: read the link first.
        BulkheadWaiter* next = ready->m_next;
        ready->m_next = nullptr;
        ready->onAdmitted();
        ready = next;
    }
}

void Bulkhead::onWaiterTimer(BulkheadWaiter& waiter) {
    {
        std::lock_guard lock(m_mutex);
        if (waiter.m_state == BulkheadWaiter::State::Queued)
            unlinkLocked(waiter);
        else if (waiter.m_state == BulkheadWaiter::State::TimingOut)
            waiter.m_state = BulkheadWaiter::State::Idle;
        else
            return;
        waiter.m_timerArmed = false;
        m_queueTimeouts.fetch_add(1, std::memory_order_relaxed);
    }
    waiter.onQueueTimeout();
}

} // namespace jimini
