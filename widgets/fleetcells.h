// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetgroup.h"
#include "fleetroles.h"

#include <QVariant>

namespace jimini {

// The cells of FleetModel: what each role of each column holds for an instance row and a group row.
// Kept apart from the model so the model only deals with structure and diffs.
class FleetCells {
public:
    static FleetState stateOf(const InstanceRow& row);
    static FleetState stateOf(const FleetAggregate& aggregate);
    static QVariant instanceData(const InstanceRow& row, int column, int role);
    static QVariant groupData(const FleetGroup& group, int column, int role);

    static QString stateName(FleetState state);
    static QString statusName(SourceStatus status);
    static QString lastSeenText(const QDateTime& lastSeen); // local HH:mm:ss, or "never"
    static QString percentText(double ratio);
    static QString latencyText(double seconds);
    static QString breakerSummary(const FleetAggregate& aggregate); // "2 of 5 open"
};

} // namespace jimini
