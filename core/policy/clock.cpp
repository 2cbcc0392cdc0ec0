// SPDX-License-Identifier: GPL-3.0-or-later
#include "clock.h"

namespace jimini {

SteadyClock& SteadyClock::instance() noexcept
{
    static SteadyClock clock;
    return clock;
}

} // namespace jimini
