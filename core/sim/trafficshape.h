// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <cstdint>

namespace jimini {

// The callers' arrival rate over a scenario, in calls per second: constant, a linear ramp over the
// whole run, periodic bursts over a base rate, or a diurnal curve (a cosine between a trough and a peak).
struct TrafficShape {
    enum class Kind : std::uint8_t { Constant, Ramp, Bursts, Diurnal };

    Kind kind = Kind::Constant;
    double rate = 0;     // constant; ramp: at the start; bursts: between bursts; diurnal: the trough
    double rateTo = 0;   // ramp: at the end; bursts: during a burst; diurnal: the peak
    Duration period{};   // bursts: from one burst's start to the next; diurnal: one cycle
    Duration length{};   // bursts: how long each lasts (from the period's start)
    Duration peakAt{};   // diurnal: when in the cycle the peak is
    Duration duration{}; // ramp: the run it spans

    double rateAt(Duration sinceStart) const noexcept;
    double maxRate() const noexcept;
    bool operator==(const TrafficShape&) const = default;
};

} // namespace jimini
