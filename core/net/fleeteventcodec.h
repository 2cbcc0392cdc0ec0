// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"

#include "health/healthdocument.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace jimini {

// FleetEvents from what a service sent: one audit event of its stream, or the breaker changes between
// two consecutive health documents of a polled service.
//
// Field use by type: transition: policy, from, to, reason (the service's reason), actor, note.
// control: policy, from/to = before/after, reason = action (isolate, disable, auto), actor, note.
// config: from/to = the config versions before/after. fault: reason = action (injected, cleared),
// policy, note; gap: from/to = the lost range, note says so. connection: reason says what happened.
class FleetEventCodec {
public:
    // nullopt when data is not a JSON object. service/instance come from the caller (the source's last
    // document); the event data does not repeat them.
    static std::optional<FleetEvent> fromStream(const QString& endpointId, const QString& service,
                                                const QString& instance, const QByteArray& type,
                                                const QByteArray& data);
    // One "transition" event (actor "observed") per policy whose breaker state differs.
    static std::vector<FleetEvent> diff(const QString& endpointId, const HealthDocument& before,
                                        const HealthDocument& after);
};

} // namespace jimini
