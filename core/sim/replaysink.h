// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/replaysecond.h"

#include "policy/clock.h"

namespace jimini {

// Where a replay streams its results as it computes them, so that memory does not grow with the calls
// (nor with the duration, unless the sink keeps the seconds). Called on the replay's thread, in time
// order: a second's transitions before the second itself.
class ReplaySink {
public:
    virtual ~ReplaySink() = default;
    virtual void onSecond(const ReplaySecond& second) = 0;
    // at: since the scenario's start.
    virtual void onTransition(std::uint32_t dependency, Duration at, const BreakerTransition& transition) {
        (void)dependency;
        (void)at;
        (void)transition;
    }
};

} // namespace jimini
