// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventlog.h"

#include <algorithm>

namespace jimini {

EventLog::EventLog(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(capacity, 1)) {}

std::uint64_t EventLog::append(AgentEvent event) {
    std::uint64_t sequence = 0;
    {
        std::lock_guard lock(m_mutex);
        sequence = m_next++;
        event.sequence = sequence;
        m_events.push_back(std::move(event));
        if (m_events.size() > m_capacity)
            m_events.pop_front();
    }
    m_listeners.forEach([sequence](const Listener& listener) { listener(sequence); });
    return sequence;
}

EventSlice EventLog::after(std::uint64_t last, std::size_t max) const {
    std::lock_guard lock(m_mutex);
    EventSlice slice;
    slice.next = m_next;
    if (m_events.empty() || last >= m_next - 1)
        return slice;
    const std::uint64_t first = m_events.front().sequence;
    if (last + 1 < first) {
        slice.gapFrom = last;
        slice.gapTo = first;
    }
    // Sequences are dense, so the position is arithmetic.
    const std::uint64_t start = std::max(last + 1, first);
    for (std::size_t i = start - first; i < m_events.size() && slice.events.size() < max; ++i)
        slice.events.push_back(m_events[i]);
    return slice;
}

std::uint64_t EventLog::lastSequence() const {
    std::lock_guard lock(m_mutex);
    return m_next - 1;
}

std::uint64_t EventLog::firstRetained() const {
    std::lock_guard lock(m_mutex);
    return m_events.empty() ? 0 : m_events.front().sequence;
}

} // namespace jimini
