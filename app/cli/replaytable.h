// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/replaysummary.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace jimini {

// The comparison table jimini replay prints: one block per dependency, one column per config. A figure
// the replay cannot give (no call ended, the breaker never opened) is a dash.
struct ReplayColumn {
    QString config;
    std::vector<DependencySummary> summaries;
    std::vector<std::uint64_t> inFlightAtEnd;
};

QString replayTable(const std::vector<ReplayColumn>& columns);

} // namespace jimini
