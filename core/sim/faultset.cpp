// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultset.h"

#include <algorithm>

namespace jimini {

int FaultSet::add(Fault fault, TimePoint now) {
    std::lock_guard lock(m_mutex);
    fault.id = m_nextId++;
    fault.endsAt = now + fault.duration;
    fault.expiresAt = fault.ttl ? std::min(fault.endsAt, now + *fault.ttl) : fault.endsAt;
    m_faults.push_back(std::move(fault));
    m_count.store(int(m_faults.size()), std::memory_order_release);
    return m_faults.back().id;
}

std::optional<Fault> FaultSet::find(int id, TimePoint now) const {
    std::lock_guard lock(m_mutex);
    for (const Fault& f : m_faults)
        if (f.id == id && f.expiresAt > now)
            return f;
    return std::nullopt;
}

std::optional<Fault> FaultSet::renew(int id, const FaultLease& lease, TimePoint now) {
    std::lock_guard lock(m_mutex);
    for (Fault& f : m_faults) {
        if (f.id != id || f.expiresAt <= now)
            continue;
        f.ttl = lease.ttl;
        f.expiresAt = std::min(f.endsAt, now + lease.ttl);
        f.stored.insert(QStringLiteral("ttl_seconds"), lease.seconds);
        return f;
    }
    return std::nullopt;
}

std::optional<Fault> FaultSet::remove(int id, TimePoint now) {
    std::lock_guard lock(m_mutex);
    const auto it = std::find_if(m_faults.begin(), m_faults.end(),
                                 [&](const Fault& f) { return f.id == id && f.expiresAt > now; });
    if (it == m_faults.end())
        return std::nullopt;
    Fault removed = std::move(*it);
    m_faults.erase(it);
    m_count.store(int(m_faults.size()), std::memory_order_release);
    return removed;
}

std::vector<Fault> FaultSet::clear() {
    std::lock_guard lock(m_mutex);
    std::vector<Fault> cleared = std::move(m_faults);
    m_faults.clear();
    m_count.store(0, std::memory_order_release);
    return cleared;
}

std::vector<Fault> FaultSet::purge(TimePoint now) {
    std::lock_guard lock(m_mutex);
    std::vector<Fault> expired;
    const auto split = std::stable_partition(m_faults.begin(), m_faults.end(),
                                             [&](const Fault& f) { return f.expiresAt > now; });
    std::move(split, m_faults.end(), std::back_inserter(expired));
    m_faults.erase(split, m_faults.end());
    m_count.store(int(m_faults.size()), std::memory_order_release);
    return expired;
}

std::vector<Fault> FaultSet::active(TimePoint now) const {
    std::lock_guard lock(m_mutex);
    std::vector<Fault> result;
    std::copy_if(m_faults.begin(), m_faults.end(), std::back_inserter(result),
                 [&](const Fault& f) { return f.expiresAt > now; });
    return result;
}

FaultEffect FaultSet::effect(const QString& policy, TimePoint now) const noexcept {
    FaultEffect e;
    if (m_count.load(std::memory_order_acquire) == 0)
        return e;
    std::lock_guard lock(m_mutex);
    for (const Fault& f : m_faults) { // id order
        if (f.expiresAt <= now || (!f.policy.isEmpty() && f.policy != policy))
            continue;
        if (e.count == e.rules.size())
            break;
        FaultRule& r = e.rules[e.count++];
        r.id = f.id;
        r.hangRate = f.hangRate;
        r.resetRate = f.resetRate;
        r.errorRate = f.errorRate.value_or(0);
        r.statusCount = std::min(f.statusMix.size(), r.statusMix.size());
        std::copy_n(f.statusMix.begin(), r.statusCount, r.statusMix.begin());
        r.retryAfter = f.retryAfter;
        r.latency = f.latency;
    }
    e.active = e.count > 0;
    return e;
}

} // namespace jimini
