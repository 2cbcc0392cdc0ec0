// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace jimini {

// A breaker transition or control action seen on an instance (from its event stream, or from the
// difference between two consecutive documents when it is polled).
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
    qint64 sequence = 0; // the service's event sequence (0: not from its event log)
};

} // namespace jimini

Q_DECLARE_METATYPE(jimini::FleetEvent)
