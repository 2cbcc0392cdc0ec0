// SPDX-License-Identifier: GPL-3.0-or-later
#include "ratelimiterfactory.h"

#include "adaptiveratelimiter.h"
#include "fixedwindowlimiter.h"
#include "slidingwindowlimiter.h"
#include "tokenbucketlimiter.h"

namespace jimini {

std::unique_ptr<RateLimiter> makeRateLimiter(const RateLimiterOptions& options) {
    std::unique_ptr<RateLimiter> limiter;
    switch (options.kind) {
    case RateLimiterKind::FixedWindow:
        limiter = std::make_unique<FixedWindowLimiter>(options);
        break;
    case RateLimiterKind::SlidingWindow:
        limiter = std::make_unique<SlidingWindowLimiter>(options);
        break;
    case RateLimiterKind::TokenBucket:
    default:
        limiter = std::make_unique<TokenBucketLimiter>(options);
        break;
    }
    if (options.adaptive)
        return std::make_unique<AdaptiveRateLimiter>(std::move(limiter), options);
    return limiter;
}

} // namespace jimini
