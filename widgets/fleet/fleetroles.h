// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace jimini {

// Columns and item roles of FleetModel, shared by its proxy, delegate and view.
namespace FleetColumn {
enum : int { Name, Health, Breakers, ErrorRate, RequestRate, P95, Tokens, Bulkhead, LastUpdate, Count };
}

namespace FleetRole {
enum : int {
    Sort = Qt::UserRole + 1, // the raw value of the cell (number, date, name) so sorting is by value
    Lamps,                   // BreakerLampList (instance rows, Breakers column)
    Sparkline,               // QVector<float> (instance rows, ErrorRate column)
    Level,                   // int(HealthLevel): instance level, or the group's worst
    State,                   // int(FleetState)
    EndpointId,              // QString, empty for group rows
    Service,                 // QString
    Environment,             // QString
    IsGroup,                 // bool
    TroubleCount,            // int: stale + failing instances (group rows)
};
}

// What the state filter and the health badge distinguish.
enum class FleetState : int { Healthy, Degraded, Critical, Stale, Failing, Connecting };

} // namespace jimini
