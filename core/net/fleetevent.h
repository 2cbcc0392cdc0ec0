// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace jimini {

// A breaker transition or control action seen on an instance (from its event stream, or from the
// difference between two consecutive documents when it is polled).
struct FleetEvent {
    QString endpointId;
    QString service;
    QString instance;
    QDateTime time;
    QString type; // transition, control, config, fault, connection
    QString policy;
    QString from;
    QString to;
    QString reason;
    QString actor;
    QString note;
};

} // namespace jimini
