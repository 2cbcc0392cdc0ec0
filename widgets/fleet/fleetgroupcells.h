// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetgroup.h"
#include "fleetroles.h"

#include <QVariant>

namespace jimini {

// The cells of a service's group row in FleetModel: its instances' aggregate, role by role.
class FleetGroupCells {
public:
    static FleetState stateOf(const FleetAggregate& aggregate);
    static QVariant data(const FleetGroup& group, int column, int role);
};

} // namespace jimini
