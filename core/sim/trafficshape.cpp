// SPDX-License-Identifier: GPL-3.0-or-later
#include "trafficshape.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace jimini {

double TrafficShape::rateAt(Duration t) const noexcept {
    switch (kind) {
    case Kind::Constant:
        return rate;
    case Kind::Ramp: {
        const double f =
            duration > Duration::zero() ? std::clamp(toSeconds(t) / toSeconds(duration), 0.0, 1.0) : 0.0;
        return rate + (rateTo - rate) * f;
    }
    case Kind::Bursts:
        if (period <= Duration::zero())
            return rate;
        return t % period < length ? rateTo : rate;
    case Kind::Diurnal: {
        if (period <= Duration::zero())
            return rate;
        const double phase = toSeconds(t - peakAt) / toSeconds(period);
        return rate + (rateTo - rate) * (1 + std::cos(2 * std::numbers::pi * phase)) / 2;
    }
    }
    return rate;
}

double TrafficShape::maxRate() const noexcept {
    return kind == Kind::Constant ? rate : std::max(rate, rateTo);
}

} // namespace jimini
