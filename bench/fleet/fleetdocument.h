// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QtGlobal>

#include <cstdint>

namespace jimini {

// The figures of fixture document n at a given second: shared by the fixture, which serves them, and the
// fleet bench, which writes a day of them as history.
struct FleetFigures {
    double requestsPerSecond = 0;
    double errorRate = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double tokensAvailable = 0;
    std::uint32_t bulkheadActive = 0;
    bool breakerOpen = false;
    bool degraded = false;

    static constexpr double tokenLimit = 15;
    static constexpr std::uint32_t bulkheadCapacity = 10;
    static FleetFigures of(int n, qint64 second);
};

HealthDocument fleetDocument(int n, qint64 second);

} // namespace jimini
