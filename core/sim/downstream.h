// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/fault.h"
#include "sim/latencydistribution.h"

#include "policy/outcome.h"
#include "policy/splitmix.h"

#include <chrono>
#include <optional>
#include <vector>

namespace jimini {

// The simulated dependency's own behaviour, before any injected fault.
struct DownstreamOptions {
    LatencyDistribution latency =
        LatencyDistribution::logNormal(std::chrono::milliseconds(40), std::chrono::milliseconds(20));
    double errorRate = 0.01;
    std::vector<StatusWeight> statusMix{{503, 0.8}, {500, 0.2}};
    std::optional<Duration> retryAfter; // sent with its own 429 and 503 answers
    bool operator==(const DownstreamOptions&) const = default;
};

// What one attempt does: answer after latency with outcome, or hang (faultId: the fault that hangs it).
// realCall: no fault decided the outcome, so the attempt goes to the downstream (simulated: outcome and
// latency include it; upstream: the real request is made after latency).
struct AttemptPlan {
    bool hang = false;
    bool realCall = false;
    int faultId = 0;
    Duration latency{};      // everything before the answer
    Duration faultLatency{}; // the injected part of it
    Outcome outcome;
};

// The simulated downstream (a latency distribution, an error rate and a status mix) under the faults in
// force, as docs/protocol.md ("What a fault does") specifies: the faults are taken in id order, each
// draws u in [0, 1): hang below hang_rate, reset below hang_rate + reset_rate, an HTTP error from its
// status mix below hang_rate + reset_rate + error_rate; the first that decides wins, and the latencies
// of all of them add up (before every answer but hangs and resets). Otherwise the downstream answers
// for itself. Outcomes come from the policy core's HTTP and network classification, so they carry
// exactly what a real client would see. Stateless apart from its options; the caller owns the random
// generator (one per traffic lane keeps a seeded run reproducible).
class Downstream {
public:
    explicit Downstream(DownstreamOptions options = {});

    AttemptPlan plan(const FaultEffect& fault, SplitMix64& random) const noexcept;
    const DownstreamOptions& options() const noexcept { return m_options; }

private:
    DownstreamOptions m_options;
};

} // namespace jimini
