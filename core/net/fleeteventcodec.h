// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/fleetevent.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace jimini {

// One page of a service's event record: the answer of GET /resilience/v1/events?since=N.
struct EventRecordPage {
    std::vector<FleetEvent> events; // oldest first; types other than the four audit types are left out
    qint64 next = 0;                // the sequence the service gives its next event
    QString error;                  // empty when the answer is a record: "events[2].time: ..."
    bool ok() const noexcept { return error.isEmpty(); }
};

// FleetEvents from what a service sent: one audit event of its stream, or a page of its event record.
//
// Field use by type: transition: policy, from, to, reason (the service's reason), actor, note.
// control: policy, from/to = before/after, reason = action (isolate, disable, auto), actor, note,
// ttlSeconds. config: versionBefore/versionAfter = before/after. fault: reason = action (injected,
// cleared), policy, note; gap: gapFrom/gapTo = the lost range, note says so. connection: reason says
// what happened. Breaker states are read through breakerStateFromName (core/health/healthnames).
class FleetEventCodec {
public:
    // nullopt when data is not a JSON object. service/instance come from the caller (the source's last
    // document); the event data does not repeat them. receivedAt (the source clock's wall time) dates an
    // event that carries no time of its own.
    static std::optional<FleetEvent> fromStream(const QString& endpointId, const QString& service,
                                                const QString& instance, const QByteArray& type,
                                                const QByteArray& data, const QDateTime& receivedAt);
    // {"events": [...], "next": N}: every event needs an integer sequence (rising, below next), a time
    // and a type. A transition right after the control event that made it gets that control's TTL.
    static EventRecordPage fromRecord(const QString& endpointId, const QString& service,
                                      const QString& instance, const QByteArray& body);
    // A gap in a record or stream: events from+1 .. to-1 were not retained (or the service restarted).
    // time: when the reader found out (its clock's wall time).
    static FleetEvent gap(const QString& endpointId, qint64 from, qint64 to, const QDateTime& time,
                          const QString& note = {});
};

} // namespace jimini
