// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clock.h"

#include <cstdint>

namespace jimini {

struct BulkheadOptions {
    std::uint32_t maxConcurrent = 10;                // the guide's bulkhead limit
    std::uint32_t maxQueued = 5;                     // the guide's bulkhead queue
    Duration maxQueueWait = std::chrono::seconds(5); // a queued call gives up after this (0: waits forever)
};

} // namespace jimini
