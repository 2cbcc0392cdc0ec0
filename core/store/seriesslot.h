// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace jimini {

// One step of one series while it can still change: the accumulators of its samples.
struct SeriesSlot {
    float value = 0; // running mean, or max when keeping the max
    float min = 0;
    float max = 0;
    std::uint32_t count = 0; // samples merged into the slot; 0: empty
};

} // namespace jimini
