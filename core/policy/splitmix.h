// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>

namespace jimini {

// SplitMix64 as a counter-based generator: the state only ever advances by a constant, so one relaxed
// fetch_add per draw makes it lock-free and race-free, and a fixed seed replays the same sequence.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed = 0) noexcept
        : m_state(seed) {}

    static constexpr std::uint64_t mix(std::uint64_t z) noexcept {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    std::uint64_t next() noexcept {
        return mix(m_state.fetch_add(kGamma, std::memory_order_relaxed) + kGamma);
    }

    // Uniform in [0, 1): the top 53 bits, so every value is exactly representable.
    double nextUnit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    static constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ull;
    std::atomic<std::uint64_t> m_state;
};

} // namespace jimini
