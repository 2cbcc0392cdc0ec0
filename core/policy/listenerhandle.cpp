// SPDX-License-Identifier: GPL-3.0-or-later
#include "listenerhandle.h"

#include <utility>

namespace jimini {

ListenerHandle::ListenerHandle(std::weak_ptr<ListenerSlots> slots, std::uint64_t id) noexcept
    : m_slots(std::move(slots))
    , m_id(id) {}

ListenerHandle::ListenerHandle(ListenerHandle&& other) noexcept
    : m_slots(std::move(other.m_slots))
    , m_id(std::exchange(other.m_id, 0)) {}

ListenerHandle& ListenerHandle::operator=(ListenerHandle&& other) noexcept {
    if (this != &other) {
        reset();
        m_slots = std::move(other.m_slots);
        m_id = std::exchange(other.m_id, 0);
    }
    return *this;
}

ListenerHandle::~ListenerHandle() {
    reset();
}

void ListenerHandle::reset() noexcept {
    if (m_id == 0)
        return;
    if (const std::shared_ptr<ListenerSlots> slots = m_slots.lock())
        slots->remove(m_id);
    m_slots.reset();
    m_id = 0;
}

} // namespace jimini
