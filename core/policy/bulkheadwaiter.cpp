// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkheadwaiter.h"

#include "bulkhead.h"

namespace jimini {

void BulkheadWaiter::fire() {
    // m_owner was set under the bulkhead's lock before the timer was armed; the scheduler's own lock
    // orders that write before this read.
    if (m_owner)
        m_owner->onWaiterTimer(*this);
}

} // namespace jimini
