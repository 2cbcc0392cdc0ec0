// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetgroup.h"
#include "fleetroles.h"
#include "fleettext.h"

#include <QVariant>

namespace jimini {

// The cells of FleetModel: what each role of each column holds for an instance row and a group row.
// Kept apart from the model so the model only deals with structure and diffs.
class FleetCells {
public:
    static FleetState stateOf(const InstanceRow& row);
    static FleetState stateOf(const FleetAggregate& aggregate);
    // now: the wall clock for a manual state's time left (tooltips); invalid: the system's.
    static QVariant instanceData(const InstanceRow& row, int column, int role, const QDateTime& now = {});
    static QVariant groupData(const FleetGroup& group, int column, int role);

    // Kept here for the model's callers; the spelling itself is FleetText's.
    static QString stateName(FleetState state) { return FleetText::stateName(state); }
    static QString statusName(SourceStatus status) { return FleetText::statusName(status); }
    static QString lastSeenText(const QDateTime& lastSeen) { return FleetText::lastSeenText(lastSeen); }
    static QString percentText(double ratio) { return FleetText::percentText(ratio); }
    static QString latencyText(double seconds) { return FleetText::latencyText(seconds); }
    static QString breakerSummary(const FleetAggregate& aggregate) {
        return FleetText::breakerSummary(aggregate);
    }
};

} // namespace jimini
