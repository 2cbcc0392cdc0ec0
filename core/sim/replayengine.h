// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/scenario.h"

#include "config/resilienceconfig.h"
#include "json/fielderror.h"

#include <QList>

#include <atomic>
#include <cstdint>
#include <vector>

namespace jimini {

class ReplaySink;

// How a replay ended. Calls still in flight when the scenario's time ran out are counted here (they
// belong to no second), never dropped silently.
struct ReplayRun {
    QList<FieldError> errors; // non-empty: nothing ran
    bool cancelled = false;
    std::int64_t seconds = 0;                 // seconds handed to the sink, per dependency
    std::vector<std::uint64_t> inFlightAtEnd; // per dependency
};

// Replays a scenario against one config: every dependency gets the real Pipeline of the policy that
// guards it, on a simulated scheduler of its own, so a day takes seconds and the same seed gives the
// same results to the byte on any machine. Results stream to the sink second by second. Runs on the
// caller's thread; cancel (may be null) is polled once per simulated second.
class ReplayEngine {
public:
    // Problems of this pairing: a dependency's policy the config does not have.
    static QList<FieldError> check(const Scenario& scenario, const ResilienceConfig& config);
    static ReplayRun run(const Scenario& scenario, const ResilienceConfig& config, ReplaySink& sink,
                         const std::atomic<bool>* cancel = nullptr);
};

} // namespace jimini
