// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
// Everything is computed in double nanoseconds, where overflow becomes inf and is clamped away,
// and only the final, clamped value goes back to integers.
Duration toDuration(double ns, Duration maxDelay) noexcept {
    if (!(ns > 0))
        return Duration::zero();
    // double(maxDelay) may round above the int64 range, so the top is returned exactly, not converted.
    if (ns >= static_cast<double>(maxDelay.count()))
        return maxDelay;
    return Duration{static_cast<Duration::rep>(std::llround(ns))};
}

double curve(const RetryOptions& o, std::uint32_t n, double initial) noexcept {
    switch (o.backoff) {
    case BackoffKind::Constant:
        return initial;
    case BackoffKind::Linear:
        return initial * static_cast<double>(n);
    case BackoffKind::Exponential:
        // pow saturates to inf for large n, which the cap below absorbs.
        return initial * std::pow(o.multiplier, static_cast<double>(n - 1));
    }
    return initial;
}
} // namespace

Duration backoffDelay(const RetryOptions& options, std::uint32_t retryNumber, Duration previousDelay,
                      double uniform01) noexcept {
    const Duration maxDelay = options.maxDelay;
    if (maxDelay <= Duration::zero())
        return Duration::zero();
    const double cap = static_cast<double>(maxDelay.count());
    const double initial = std::max(0.0, static_cast<double>(options.initialDelay.count()));
    const double u = std::isnan(uniform01) ? 0.0 : std::clamp(uniform01, 0.0, 1.0);
    const std::uint32_t n = std::max<std::uint32_t>(retryNumber, 1);

    double d = initial > 0 ? curve(options, n, initial) : 0.0;
    // A NaN multiplier is a configuration error; waiting the longest is the harmless reading of it.
    d = std::isnan(d) ? cap : std::clamp(d, 0.0, cap);

    switch (options.jitter) {
    case JitterKind::None:
        break;
    case JitterKind::Full:
        d *= u;
        break;
    case JitterKind::Equal:
        d = d / 2 + u * (d / 2);
        break;
    case JitterKind::Decorrelated: {
        const double previous =
            previousDelay > Duration::zero() ? static_cast<double>(previousDelay.count()) : initial;
        // Drawn over the full range and then capped, as AWS does: at the cap the mass piles up at maxDelay.
        const double high = std::max(initial, previous * 3);
        d = initial + u * (high - initial);
        break;
    }
    }
    return toDuration(d, maxDelay);
}

} // namespace jimini
