// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ratelimiter.h"
#include "ratelimiteroptions.h"

#include <memory>

namespace jimini {

// The limiter options.kind names, wrapped in an AdaptiveRateLimiter when options.adaptive is set.
std::unique_ptr<RateLimiter> makeRateLimiter(const RateLimiterOptions& options);

} // namespace jimini
