// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <atomic>
#include <cstdint>

namespace jimini {

// A clock that only moves when told to: the time source of the simulated scheduler and of unit tests.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start = TimePoint{}) noexcept : m_ns(start.time_since_epoch().count()) {}

    TimePoint now() const noexcept override { return TimePoint{Duration{m_ns.load(std::memory_order_acquire)}}; }
    void setNow(TimePoint t) noexcept { m_ns.store(t.time_since_epoch().count(), std::memory_order_release); }
    void advance(Duration d) noexcept { m_ns.fetch_add(d.count(), std::memory_order_acq_rel); }

private:
    std::atomic<std::int64_t> m_ns;
};

} // namespace jimini
