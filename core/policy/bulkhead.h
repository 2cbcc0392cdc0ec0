// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bulkheadoptions.h"
#include "bulkheadwaiter.h"
#include "scheduler.h"

#include <atomic>
#include <cstdint>
#include <mutex>

namespace jimini {

enum class Admission : std::uint8_t { Admitted, Queued, Rejected };

struct BulkheadSnapshot {
    std::uint32_t active;
    std::uint32_t queued;
    std::uint32_t capacity;
    std::uint32_t queueLimit;
    std::uint64_t rejections;
    std::uint64_t queueTimeouts;
    std::uint64_t admitted;
};

// The guide's bulkhead: at most maxConcurrent calls inside, at most maxQueued waiting in FIFO order, each
// waiting at most maxQueueWait. Taking and returning a slot is one CAS while nobody waits; the queue
// lives under a mutex. A freed slot goes straight to the oldest waiter, never back to the pool first.
class Bulkhead {
public:
    Bulkhead(const BulkheadOptions& options, Scheduler& scheduler);
    ~Bulkhead();
    Bulkhead(const Bulkhead&) = delete;
    Bulkhead& operator=(const Bulkhead&) = delete;

    // A slot now, or false (counted as a rejection); never queues, never jumps ahead of waiters.
    bool tryEnter() noexcept;
    // Admitted: the slot is taken now and no callback follows. Queued: exactly one of onAdmitted() or
    // onQueueTimeout() follows, unless cancel() returns true. Rejected: no slot and the queue is full.
    Admission enter(BulkheadWaiter& waiter);
    // Returns a slot taken by tryEnter()/enter()/onAdmitted(); hands it to the oldest waiter if any.
    void leave() noexcept;
    // Removes a queued waiter: true means no callback will come. False: it was not queued, or its
    // timeout is already firing, in which case onQueueTimeout() still comes.
    bool cancel(BulkheadWaiter& waiter) noexcept;

    BulkheadSnapshot snapshot() const noexcept;
    const BulkheadOptions& options() const noexcept { return m_options; }

private:
    friend class BulkheadWaiter;

    bool tryTakeSlot() noexcept;
    void pushBackLocked(BulkheadWaiter& waiter) noexcept;
    void unlinkLocked(BulkheadWaiter& waiter) noexcept;
    BulkheadWaiter* popAdmittableLocked() noexcept;
    BulkheadWaiter* drainLocked(BulkheadWaiter* self, bool& selfAdmitted) noexcept;
    void dispatch() noexcept;
    static void notifyAdmitted(BulkheadWaiter* ready) noexcept;
    void onWaiterTimer(BulkheadWaiter& waiter);

    const BulkheadOptions m_options;
    Scheduler& m_scheduler;

    std::atomic<std::uint32_t> m_active{0};
    // Mirrors the queue length (written under m_mutex) so that the lock-free paths can see waiters.
    std::atomic<std::uint32_t> m_queued{0};
    std::atomic<std::uint64_t> m_rejections{0};
    std::atomic<std::uint64_t> m_queueTimeouts{0};
    std::atomic<std::uint64_t> m_admitted{0};

    mutable std::mutex m_mutex;
    BulkheadWaiter* m_head = nullptr;
    BulkheadWaiter* m_tail = nullptr;
};

} // namespace jimini
