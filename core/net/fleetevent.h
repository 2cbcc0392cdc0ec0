// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace jimini {

// A breaker transition or control action of an instance: from the service's own record (its event
// stream, or GET /resilience/v1/events after each poll), or, for a service that keeps none, inferred
// from the difference between two consecutive documents.
struct FleetEvent {
    QString endpointId;
    QString service;
    QString instance;
    QDateTime time;
    QString type; // transition, control, config, fault, gap, connection
    QString policy;
    QString from;
    QString to;
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
