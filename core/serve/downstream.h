// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serve/fault.h"
#include "serve/latencydistribution.h"

#include "policy/outcome.h"
#include "policy/splitmix.h"

#include <chrono>
#include <vector>

namespace jimini {

// The simulated dependency's own behaviour, before any injected fault.
struct DownstreamOptions {
    LatencyDistribution latency =
        LatencyDistribution::logNormal(std::chrono::milliseconds(40), std::chrono::milliseconds(20));
    double errorRate = 0.01;
    std::vector<StatusWeight> statusMix{{503, 0.8}, {500, 0.2}};
};

// What one attempt against the simulated downstream does: answer after latency with outcome, or hang.
struct AttemptPlan {
    bool hang = false;
    Duration latency{};
    Outcome outcome;
};

// The simulated downstream: a latency distribution, an error rate and a status mix, overridden key by
// key by the faults in force. Outcomes come from the policy core's HTTP and network classification, so
// they carry exactly what a real client would see. Stateless apart from its options; the caller owns the
// random generator (one per traffic lane keeps a seeded run reproducible).
class Downstream {
public:
    explicit Downstream(DownstreamOptions options = {});

    AttemptPlan plan(const FaultEffect& fault, SplitMix64& random) const noexcept;
    const DownstreamOptions& options() const noexcept { return m_options; }

private:
    DownstreamOptions m_options;
};

} // namespace jimini
