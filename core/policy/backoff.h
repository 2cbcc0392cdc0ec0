// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"
#include "retryoptions.h"

#include <cstdint>

namespace jimini {

// The delay before retry number retryNumber (1-based; 0 counts as 1): the backoff curve, capped at
// maxDelay, then jitter drawn from uniform01 (a value in [0, 1], clamped), then clamped to
// [0, maxDelay] again. Pure: the randomness is the caller's, so tests can pin it.
// previousDelay is only read by decorrelated jitter (AWS: min(cap, uniform[base, previous * 3]));
// zero or negative means "no previous retry" and uses initialDelay.
// Safe for any input: huge retry numbers or multipliers saturate at maxDelay, never overflow.
Duration backoffDelay(const RetryOptions& options, std::uint32_t retryNumber, Duration previousDelay,
                      double uniform01) noexcept;

} // namespace jimini
