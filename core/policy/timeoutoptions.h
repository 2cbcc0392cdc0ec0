// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

namespace jimini {

// Zero means "no limit".
struct TimeoutOptions {
    Duration perAttempt = std::chrono::seconds(30); // the guide's timeout
    Duration overall = Duration::zero();            // deadline for the whole call, retries included
};

} // namespace jimini
