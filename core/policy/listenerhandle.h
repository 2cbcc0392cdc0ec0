// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>

namespace jimini {

// What a ListenerHandle removes its listener from; implemented by ListenerList's shared state.
class ListenerSlots {
public:
    virtual ~ListenerSlots() = default;
    virtual void remove(std::uint64_t id) noexcept = 0;
};

// One subscription to a ListenerList: resetting or destroying it removes exactly that listener. Move-only.
// It holds the list's state weakly, so it may outlive the list (a pipeline rebuilt by a config change,
// a breaker dropped): resetting it then does nothing.
class [[nodiscard]] ListenerHandle {
public:
    ListenerHandle() noexcept = default;
    ListenerHandle(std::weak_ptr<ListenerSlots> slots, std::uint64_t id) noexcept;
    ListenerHandle(ListenerHandle&& other) noexcept;
    ListenerHandle& operator=(ListenerHandle&& other) noexcept;
    ListenerHandle(const ListenerHandle&) = delete;
    ListenerHandle& operator=(const ListenerHandle&) = delete;
    ~ListenerHandle();

    // Removes the listener; once this returns it is not running and is never called again.
    void reset() noexcept;
    bool active() const noexcept { return m_id != 0; }

private:
    std::weak_ptr<ListenerSlots> m_slots;
    std::uint64_t m_id = 0; // 0: holds nothing
};

} // namespace jimini
