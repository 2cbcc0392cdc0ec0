// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "listenerhandle.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <utility>
#include <vector>

namespace jimini {

// Any number of subscribers to one hook (a pipeline's events, a breaker's transitions, an event log).
// add() returns the handle that removes the listener again; a second subscriber never replaces the first.
//
// Threads: add, remove and forEach may run on any thread at once. forEach calls the listeners under a
// shared lock and add/remove take it exclusively, so a removal waits for calls in progress: once a
// handle's reset() returns, its listener is not running and is never called again, and whatever it
// captured may be destroyed. Hence the one rule: a listener must not add to, remove from, or emit on
// its own list (that would wait on itself).
//
// Cost: with nobody listening, forEach is one relaxed atomic load and one predictable branch, and never
// allocates; the hot paths of the policy core depend on that (docs/benchmarks.md). With listeners it
// takes the shared lock once per event. add() allocates; it is not meant for a hot path.
template <class T> class ListenerList {
public:
    ListenerList()
        : m_state(std::make_shared<State>()) {
        m_state->owner = this;
    }
    ListenerList(const ListenerList&) = delete;
    ListenerList& operator=(const ListenerList&) = delete;
    ~ListenerList() {
        std::unique_lock lock(m_state->mutex);
        m_state->owner = nullptr; // handles outliving the list find nobody to tell
    }

    ListenerHandle add(T listener) {
        std::unique_lock lock(m_state->mutex);
        const std::uint64_t id = ++m_state->lastId;
        m_state->entries.push_back(Entry{id, std::move(listener)});
        m_count.store(m_state->entries.size(), std::memory_order_relaxed);
        return ListenerHandle(std::weak_ptr<ListenerSlots>(m_state), id);
    }

    bool empty() const noexcept { return m_count.load(std::memory_order_relaxed) == 0; }
    std::size_t size() const noexcept { return m_count.load(std::memory_order_relaxed); }

    // Calls visit(listener) for each listener, in the order they were added.
    template <class Visit> void forEach(Visit&& visit) const {
        if (empty()) [[likely]]
            return;
        visitAll(visit);
    }

private:
    template <class Visit> void visitAll(Visit& visit) const {
        std::shared_lock lock(m_state->mutex);
        for (const Entry& entry : m_state->entries)
            visit(entry.listener);
    }

    struct Entry {
        std::uint64_t id;
        T listener;
    };
    struct State final : ListenerSlots {
        void remove(std::uint64_t id) noexcept override {
            std::optional<Entry> removed; // destroyed after the lock is released
            {
                std::unique_lock lock(mutex);
                for (auto it = entries.begin(); it != entries.end(); ++it) {
                    if (it->id == id) {
                        removed.emplace(std::move(*it));
                        entries.erase(it);
                        break;
                    }
                }
                if (owner)
                    owner->m_count.store(entries.size(), std::memory_order_relaxed);
            }
        }

        mutable std::shared_mutex mutex;
        std::vector<Entry> entries;
        std::uint64_t lastId = 0;
        ListenerList* owner = nullptr; // null once the list is gone
    };

    std::atomic<std::size_t> m_count{0}; // entries.size(), readable without the lock: the fast path
    std::shared_ptr<State> m_state;      // shared with the handles (weakly), so they may outlive the list
};

} // namespace jimini
