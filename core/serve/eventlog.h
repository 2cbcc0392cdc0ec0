// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/agentevent.h"

#include "policy/listenerlist.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

namespace jimini {

// Events after a sequence number, and whether some of them are no longer retained.
struct EventSlice {
    std::vector<AgentEvent> events;
    std::optional<std::uint64_t> gapFrom; // set when events after gapFrom were dropped
    std::uint64_t gapTo = 0;              // the first retained sequence then
    std::uint64_t next = 1;               // the sequence the next event will get
};

// The audit trail: a ring of the last `capacity` events, numbered from 1 without holes. Thread-safe;
// the listeners run after each append, outside the log's lock, on the appending thread. They may be
// added and dropped on any thread (see ListenerList), but must not append to the log themselves.
class EventLog {
public:
    static constexpr std::size_t defaultCapacity = 1024;

    explicit EventLog(std::size_t capacity = defaultCapacity);

    // Numbers the event and keeps it; returns its sequence.
    std::uint64_t append(AgentEvent event);
    // Retained events with sequence > last, at most max of them (oldest first).
    EventSlice after(std::uint64_t last, std::size_t max = std::numeric_limits<std::size_t>::max()) const;
    std::uint64_t lastSequence() const;
    std::uint64_t firstRetained() const; // 0 while empty
    std::size_t capacity() const noexcept { return m_capacity; }

    using Listener = std::function<void(std::uint64_t sequence)>;
    ListenerHandle addListener(Listener listener) { return m_listeners.add(std::move(listener)); }

private:
    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::deque<AgentEvent> m_events;
    std::uint64_t m_next = 1;
    ListenerList<Listener> m_listeners;
};

} // namespace jimini
