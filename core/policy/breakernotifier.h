// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "breakerstate.h"
#include "listenerlist.h"

#include <functional>
#include <mutex>
#include <vector>

namespace jimini {

// Hands a breaker's transitions to its listeners outside the breaker's lock, in transition order, once
// each. Shares the breaker's mutex: a transition is queued in the same critical section that makes it.
class BreakerNotifier {
public:
    explicit BreakerNotifier(std::mutex& mutex);
    BreakerNotifier(const BreakerNotifier&) = delete;
    BreakerNotifier& operator=(const BreakerNotifier&) = delete;

    using Listener = std::function<void(const BreakerTransition&)>;

    ListenerHandle addListener(Listener listener) { return m_listeners.add(std::move(listener)); }
    // Both need the shared mutex held.
    void pushLocked(BreakerTransition transition) { m_pending.push_back(std::move(transition)); }
    bool hasPendingLocked() const noexcept { return !m_pending.empty(); }
    // Needs no lock held; a listener that throws is ignored.
    void deliver() noexcept;

private:
    std::mutex& m_mutex;
    std::vector<BreakerTransition> m_pending;
    std::vector<BreakerTransition> m_delivering;
    bool m_notifying = false; // one thread delivers at a time, so the order holds
    ListenerList<Listener> m_listeners;
};

} // namespace jimini
