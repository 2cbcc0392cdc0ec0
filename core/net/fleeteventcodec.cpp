// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleeteventcodec.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace jimini {

std::optional<FleetEvent> FleetEventCodec::fromStream(const QString& endpointId, const QString& service,
                                                      const QString& instance, const QByteArray& type,
                                                      const QByteArray& data) {
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !json.isObject())
        return std::nullopt;
    const QJsonObject o = json.object();
    FleetEvent e;
    e.endpointId = endpointId;
    e.service = service;
    e.instance = instance;
    e.type = QString::fromUtf8(type);
    e.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!e.time.isValid())
        e.time = QDateTime::currentDateTimeUtc();
    e.sequence = o.value(QStringLiteral("sequence")).toInteger();
    e.policy = o.value(QStringLiteral("policy")).toString();
    e.actor = o.value(QStringLiteral("actor")).toString();
    e.note = o.value(QStringLiteral("note")).toString();
    if (type == "transition") {
        e.from = o.value(QStringLiteral("from")).toString();
        e.to = o.value(QStringLiteral("to")).toString();
        e.reason = o.value(QStringLiteral("reason")).toString();
    } else if (type == "control" || type == "config") {
        e.from = o.value(QStringLiteral("before")).toString();
        e.to = o.value(QStringLiteral("after")).toString();
        e.reason = o.value(QStringLiteral("action")).toString();
    } else if (type == "fault") {
        e.reason = o.value(QStringLiteral("action")).toString();
    } else if (type == "gap") {
        const qint64 from = o.value(QStringLiteral("from")).toInteger();
        const qint64 to = o.value(QStringLiteral("to")).toInteger();
        e.from = QString::number(from);
        e.to = QString::number(to);
        e.reason = QStringLiteral("events lost");
        e.note = QStringLiteral("events %1..%2 were not retained by the service").arg(from + 1).arg(to - 1);
    }
    return e;
}

std::vector<FleetEvent> FleetEventCodec::diff(const QString& endpointId, const HealthDocument& before,
                                              const HealthDocument& after) {
    std::vector<FleetEvent> events;
    for (const PolicyHealth& p : after.policies) {
        if (!p.circuitBreaker)
            continue;
        for (const PolicyHealth& q : before.policies) {
            if (q.name != p.name || !q.circuitBreaker || q.circuitBreaker->state == p.circuitBreaker->state)
                continue;
            FleetEvent e;
            e.endpointId = endpointId;
            e.service = after.service;
            e.instance = after.instance;
            e.time = after.timestamp.isValid() ? after.timestamp : QDateTime::currentDateTimeUtc();
            e.type = QStringLiteral("transition");
            e.policy = p.name;
            e.from = q.circuitBreaker->state;
            e.to = p.circuitBreaker->state;
            e.actor = QStringLiteral("observed");
            e.note = QStringLiteral("seen between two polls");
            events.push_back(std::move(e));
        }
    }
    return events;
}

} // namespace jimini
