// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probecategory.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <optional>

namespace jimini {

// A probe run once a second: what the policies are doing now, and what the calls finished in the window
// since the previous snapshot (windowSeconds: one second, less for the last). Optional figures are absent
// when the policy has no such stage (or, for the window's figures, no call finished in it).
struct ProbeSnapshot {
    double elapsedSeconds = 0;
    std::uint64_t offered = 0;
    std::uint64_t attemptsSent = 0;
    std::uint64_t inFlight = 0;
    ProbeCounts calls;
    QString breakerState; // "closed", "open", "half_open", "isolated", "disabled"; empty: no breaker
    double windowSeconds = 0;
    std::optional<double> tokensAvailable;
    std::optional<double> tokenLimit;
    std::optional<std::uint32_t> bulkheadActive;
    std::optional<std::uint32_t> bulkheadQueued;
    std::optional<std::uint32_t> bulkheadCapacity;
    std::optional<double> errorRate; // calls finished in the window that did not succeed
    // Whole calls finished in the window (retries and waits included), seconds.
    std::optional<double> callP50;
    std::optional<double> callP95;
    std::optional<double> callP99;
};

} // namespace jimini

Q_DECLARE_METATYPE(jimini::ProbeSnapshot)
