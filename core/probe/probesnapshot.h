// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probecategory.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <optional>

namespace jimini {

// A probe run once a second: what the policies are doing now. Optional figures are absent when the
// policy has no such stage (or, for the error rate, no call finished in that second).
struct ProbeSnapshot {
    double elapsedSeconds = 0;
    std::uint64_t offered = 0;
    std::uint64_t attemptsSent = 0;
    std::uint64_t inFlight = 0;
    ProbeCounts calls;
    QString breakerState; // "closed", "open", "half_open", "isolated", "disabled"; empty: no breaker
    std::optional<double> tokensAvailable;
    std::optional<std::uint32_t> bulkheadActive;
    std::optional<std::uint32_t> bulkheadQueued;
    std::optional<std::uint32_t> bulkheadCapacity;
    std::optional<double> errorRate; // calls finished in the last second that did not succeed
};

} // namespace jimini

Q_DECLARE_METATYPE(jimini::ProbeSnapshot)
