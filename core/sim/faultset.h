// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/fault.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

namespace jimini {

// The faults in force, in id order. Each expires by itself (duration), or earlier when it has a lease
// (ttl) that is not renewed. Thread-safe; effect() is cheap and allocation-free, and skips the lock
// while no fault is set.
class FaultSet {
public:
    // Gives the fault its id and expiry (now + duration, or now + ttl when earlier); returns the id.
    int add(Fault fault, TimePoint now);
    // The fault in force with this id.
    std::optional<Fault> find(int id, TimePoint now) const;
    // Renews the lease of the fault in force with this id (expiry: now + ttl, never past its duration's
    // end); the fault as it is now, or nothing when no such fault is in force.
    std::optional<Fault> renew(int id, const FaultLease& lease, TimePoint now);
    // Removes the fault with this id and returns it (to be reported), or nothing when not in force.
    std::optional<Fault> remove(int id, TimePoint now);
    // Removes every fault and returns them (to be reported).
    std::vector<Fault> clear();
    // Removes the faults expired at now and returns them (to be reported).
    std::vector<Fault> purge(TimePoint now);
    std::vector<Fault> active(TimePoint now) const;
    FaultEffect effect(const QString& policy, TimePoint now) const noexcept;

private:
    mutable std::mutex m_mutex;
    std::vector<Fault> m_faults; // oldest first
    std::atomic<int> m_count{0};
    int m_nextId = 1;
};

} // namespace jimini
