// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/breakerstate.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace jimini {

// What a FleetEvent is. The first four are the services' audit types (docs/protocol.md, "Events"); gap
// and connection are the console's own.
enum class FleetEventType : quint8 { Transition, Control, Config, Fault, Gap, Connection };

// The one name table: "transition", "control", "config", "fault", "gap", "connection" (the wire's and the
// event log's words). Exact names only; anything else is nullopt.
QString toString(FleetEventType type);
std::optional<FleetEventType> fleetEventTypeFromName(QStringView name);
// The four types a service's event record and stream carry.
bool isAuditType(FleetEventType type);

// A breaker transition or control action of an instance: from the service's own record (its event
// stream, or GET /resilience/v1/events after each poll), or, for a service that keeps none, inferred
// from the difference between two consecutive documents.
struct FleetEvent {
    QString endpointId;
    QString service;
    QString instance;
    QDateTime time;
    FleetEventType type = FleetEventType::Transition;
    QString policy;
    // transition: the breaker's state before and after; control: before/after the command. Empty for the
    // other types, and where the service did not say or named a state no name table knows.
    std::optional<BreakerState> from;
    std::optional<BreakerState> to;
    QString versionBefore; // config: the config_version before and after
    QString versionAfter;
    qint64 gapFrom = 0; // gap: events gapFrom+1 .. gapTo-1 were lost
    qint64 gapTo = 0;
    QString reason;
    QString actor;
    QString note;
    qint64 sequence = 0;              // the service's event sequence (0: not from its event log)
    std::optional<double> ttlSeconds; // control (and the transition it made): how long the state holds
    // Inferred from two polls, not recorded by the service: no reason or actor, the time is when the
    // second document was made, and a change that came and went between the polls is not seen.
    bool inferred = false;
};

} // namespace jimini

Q_DECLARE_METATYPE(jimini::FleetEvent)
