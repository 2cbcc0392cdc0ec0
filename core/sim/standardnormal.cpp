// SPDX-License-Identifier: GPL-3.0-or-later
#include "standardnormal.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace jimini {

namespace {
constexpr int kLayers = 128;
constexpr double kTail = 3.442619855899;      // r: where the base layer's tail starts
constexpr double kArea = 9.91256303526217e-3; // v: the area of each layer
constexpr double kScale = 2147483648.0;       // 2^31: draws are signed 32-bit words

// Layer i spans [0, x_i]; k[i] is the share of it that lies under the curve for sure (as a 31-bit
// threshold), w[i] turns a word into x, f[i] is the density at x_i.
struct Tables {
    std::array<std::uint32_t, kLayers> k{};
    std::array<double, kLayers> w{};
    std::array<double, kLayers> f{};

    Tables() {
        double d = kTail;
        double t = d;
        const double q = kArea / std::exp(-0.5 * d * d);
        k[0] = std::uint32_t((d / q) * kScale);
        k[1] = 0;
        w[0] = q / kScale;
        w[kLayers - 1] = d / kScale;
        f[0] = 1.0;
        f[kLayers - 1] = std::exp(-0.5 * d * d);
        for (int i = kLayers - 2; i >= 1; --i) {
            d = std::sqrt(-2.0 * std::log(kArea / d + std::exp(-0.5 * d * d)));
            k[i + 1] = std::uint32_t((d / t) * kScale);
            t = d;
            f[i] = std::exp(-0.5 * d * d);
            w[i] = d / kScale;
        }
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

// (0, 1]: never 0, so its logarithm is finite.
double unitOpenAtZero(SplitMix64& random) noexcept {
    return 1.0 - random.nextUnit();
}
} // namespace

double StandardNormal::draw(SplitMix64& random) noexcept {
    const Tables& t = tables();
    for (;;) {
        const std::uint64_t word = random.next();
        const auto hz = static_cast<std::int32_t>(static_cast<std::uint32_t>(word));
        const int iz = static_cast<int>((word >> 32) & (kLayers - 1));
        const std::uint32_t magnitude = hz < 0 ? std::uint32_t(-std::int64_t(hz)) : std::uint32_t(hz);
        const double x = double(hz) * t.w[std::size_t(iz)];
        if (magnitude < t.k[std::size_t(iz)])
            return x; // inside the layer's rectangle: under the curve for sure
        if (iz == 0) {
            // The tail beyond r, by Marsaglia's exponential method.
            double tx = 0;
            double ty = 0;
            do {
                tx = -std::log(unitOpenAtZero(random)) / kTail;
                ty = -std::log(unitOpenAtZero(random));
            } while (ty + ty < tx * tx);
            return hz > 0 ? kTail + tx : -kTail - tx;
        }
        // The wedge between the rectangle and the curve: accept under the density, else draw again.
        const std::size_t i = std::size_t(iz);
        if (t.f[i] + random.nextUnit() * (t.f[i - 1] - t.f[i]) < std::exp(-0.5 * x * x))
            return x;
    }
}

} // namespace jimini
