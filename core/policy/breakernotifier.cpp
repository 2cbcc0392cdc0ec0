// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakernotifier.h"

#include <utility>

namespace jimini {

BreakerNotifier::BreakerNotifier(std::mutex& mutex)
    : m_mutex(mutex) {
    // Transitions are rare, but reserving keeps them from allocating in the common case.
    m_pending.reserve(8);
    m_delivering.reserve(8);
}

void BreakerNotifier::deliver() noexcept {
    {
        std::lock_guard lock(m_mutex);
        if (m_notifying || m_pending.empty())
            return;
        m_notifying = true; // whoever delivers keeps delivering until the queue is empty
    }
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_pending.empty()) {
                m_notifying = false;
                return;
            }
            m_pending.swap(m_delivering);
        }
        for (const auto& transition : m_delivering) {
            m_listeners.forEach([&](const Listener& listener) {
                try {
                    listener(transition);
                } catch (...) {
                    // A broken listener must not wedge the breaker, nor keep the others from hearing.
                }
            });
        }
        m_delivering.clear();
    }
}

} // namespace jimini
