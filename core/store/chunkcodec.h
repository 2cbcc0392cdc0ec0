// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/seriesslot.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace jimini {

// Packs a finished chunk of 64 steps into a few bytes; the store keeps all but the newest chunk of a ring
// this way, which is what bounds a day of 2,000 instances to a few hundred MB.
//
// Layout: a 64-bit mask of the steps that have a point, a layout byte, then one stream per field (the
// mean alone when every point has min == mean == max, else mean, min and max), each its own encoding:
// - Constant: one float (error rates at 0, limits, capacities, a breaker that stays closed);
// - Scaled8 / Scaled16: v = (base + q) / 10^k for k in 0..4, exact (counts, tokens, JSON decimals);
// - Quantized12: v = lo + q * (hi - lo) / 4095, 1.5 bytes a point, at most (hi - lo) / 8190 off (noisy
//   rates and latencies): an eighth of a pixel on a chart 1,000 pixels tall showing only this chunk;
// - Raw: four bytes a point (non-finite values).
// Counts are not kept: a late sample merged into a packed point weighs as much as all its earlier ones.
class ChunkCodec {
public:
    static constexpr int steps = 64;

    struct Packed {
        std::unique_ptr<std::uint8_t[]> bytes;
        std::uint16_t size = 0;
    };

    // cells: steps cells; an all-empty chunk packs to nothing (size 0).
    static Packed pack(const SeriesSlot* cells);
    // Fills steps cells; count 1 for a step with a point, 0 for one without.
    static void unpack(const std::uint8_t* bytes, std::uint16_t size, SeriesSlot* cells) noexcept;

    // Every step has a point and all are the same value (limits, capacities, a closed breaker): such a
    // chunk needs no bytes at all, only the value.
    static bool isFullConstant(const SeriesSlot* cells, float& value) noexcept;
    static void unpackConstant(float value, SeriesSlot* cells) noexcept;
};

} // namespace jimini
