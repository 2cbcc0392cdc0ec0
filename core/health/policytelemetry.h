// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/latencyhistogram.h"
#include "policy/outcome.h"

#include <array>
#include <cstdint>
#include <mutex>

namespace jimini {

// Lifetime figures of one policy for /metrics: calls by outcome and the latency histogram. It belongs
// to the policy name, not to a Pipeline object, so it survives config changes. Thread-safe.
class PolicyTelemetry {
public:
    static constexpr std::size_t outcomeCount = 8; // OutcomeKind values

    struct Snapshot {
        std::array<std::uint64_t, outcomeCount> calls{}; // indexed by OutcomeKind
        LatencyHistogram latency;
    };

    void record(const Outcome& outcome, Duration latency) noexcept;
    Snapshot snapshot() const;

private:
    mutable std::mutex m_mutex;
    Snapshot m_data;
};

} // namespace jimini
