// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleeteventcodec.h"

#include "health/healthnames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace jimini {

namespace {
// The largest integer a double holds exactly: sequences past it would not compare right.
constexpr double kMaxSequence = 9007199254740991.0;

bool isSequence(const QJsonValue& v, double min) {
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d >= min && d <= kMaxSequence && d == std::floor(d);
}

// A state the name table does not know is left unsaid rather than guessed.
std::optional<BreakerState> stateOf(const QJsonObject& o, const QString& key) {
    return breakerStateFromName(o.value(key).toString());
}

// The fields of one audit event (or gap) by type; time is left to the caller.
FleetEvent eventOf(const QString& endpointId, const QString& service, const QString& instance,
                   FleetEventType type, const QJsonObject& o) {
    FleetEvent e;
    e.endpointId = endpointId;
    e.service = service;
    e.instance = instance;
    e.type = type;
    e.sequence = o.value(QStringLiteral("sequence")).toInteger();
    e.policy = o.value(QStringLiteral("policy")).toString();
    e.actor = o.value(QStringLiteral("actor")).toString();
    e.note = o.value(QStringLiteral("note")).toString();
    switch (type) {
    case FleetEventType::Transition:
        e.from = stateOf(o, QStringLiteral("from"));
        e.to = stateOf(o, QStringLiteral("to"));
        e.reason = o.value(QStringLiteral("reason")).toString();
        break;
    case FleetEventType::Control:
    case FleetEventType::Config: {
        if (type == FleetEventType::Control) {
            e.from = stateOf(o, QStringLiteral("before"));
            e.to = stateOf(o, QStringLiteral("after"));
        } else {
            e.versionBefore = o.value(QStringLiteral("before")).toString();
            e.versionAfter = o.value(QStringLiteral("after")).toString();
        }
        e.reason = o.value(QStringLiteral("action")).toString();
        const QJsonValue ttl = o.value(QStringLiteral("ttl_seconds"));
        if (ttl.isDouble() && std::isfinite(ttl.toDouble()) && ttl.toDouble() >= 0)
            e.ttlSeconds = ttl.toDouble();
        break;
    }
    case FleetEventType::Fault:
        e.reason = o.value(QStringLiteral("action")).toString();
        break;
    case FleetEventType::Gap:
    case FleetEventType::Connection:
        break;
    }
    return e;
}
} // namespace

std::optional<FleetEvent> FleetEventCodec::fromStream(const QString& endpointId, const QString& service,
                                                      const QString& instance, const QByteArray& type,
                                                      const QByteArray& data, const QDateTime& receivedAt) {
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !json.isObject())
        return std::nullopt;
    const QJsonObject o = json.object();
    if (type == "gap")
        return gap(endpointId, o.value(QStringLiteral("from")).toInteger(),
                   o.value(QStringLiteral("to")).toInteger(), receivedAt);
    const std::optional<FleetEventType> kind = fleetEventTypeFromName(QString::fromUtf8(type));
    if (!kind || !isAuditType(*kind))
        return std::nullopt;
    FleetEvent e = eventOf(endpointId, service, instance, *kind, o);
    e.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!e.time.isValid())
        e.time = receivedAt;
    return e;
}

FleetEvent FleetEventCodec::gap(const QString& endpointId, qint64 from, qint64 to, const QDateTime& time,
                                const QString& note) {
    FleetEvent e;
    e.endpointId = endpointId;
    e.type = FleetEventType::Gap;
    e.time = time;
    e.gapFrom = from;
    e.gapTo = to;
    e.reason = QStringLiteral("events lost");
    e.note = note.isEmpty()
                 ? QStringLiteral("events %1..%2 were not retained by the service").arg(from + 1).arg(to - 1)
                 : note;
    return e;
}

EventRecordPage FleetEventCodec::fromRecord(const QString& endpointId, const QString& service,
                                            const QString& instance, const QByteArray& body) {
    EventRecordPage page;
    QJsonParseError parseError{};
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        page.error = QStringLiteral("malformed JSON at offset %1: %2")
                         .arg(QString::number(parseError.offset), parseError.errorString());
        return page;
    }
    if (!json.isObject()) {
        page.error = QStringLiteral("expected an object with events and next");
        return page;
    }
    const QJsonObject root = json.object();
    const QJsonValue next = root.value(QStringLiteral("next"));
    if (!isSequence(next, 0)) {
        page.error = QStringLiteral("next: expected an integer >= 0");
        return page;
    }
    page.next = next.toInteger();
    const QJsonValue list = root.value(QStringLiteral("events"));
    if (!list.isArray()) {
        page.error = QStringLiteral("events: expected an array");
        return page;
    }
    const QJsonArray events = list.toArray();
    qint64 previous = 0;
    struct Control {
        qint64 sequence = -1;
        QString policy;
        std::optional<double> ttl;
    } control;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QString at = QStringLiteral("events[%1].").arg(i);
        if (!events[i].isObject()) {
            page.error = at.chopped(1) + QStringLiteral(": expected an object");
            return {{}, 0, page.error};
        }
        const QJsonObject o = events[i].toObject();
        const QJsonValue sequence = o.value(QStringLiteral("sequence"));
        if (!isSequence(sequence, 1) || sequence.toInteger() <= previous ||
            sequence.toInteger() >= page.next) {
            page.error =
                at + QStringLiteral("sequence: expected an integer above the one before and below next");
            return {{}, 0, page.error};
        }
        previous = sequence.toInteger();
        const QJsonValue type = o.value(QStringLiteral("type"));
        if (!type.isString()) {
            page.error = at + QStringLiteral("type: expected a string");
            return {{}, 0, page.error};
        }
        const QDateTime time =
            QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        if (!time.isValid()) {
            page.error = at + QStringLiteral("time: expected an RFC 3339 time");
            return {{}, 0, page.error};
        }
        const std::optional<FleetEventType> kind = fleetEventTypeFromName(type.toString());
        if (!kind || !isAuditType(*kind))
            continue; // v1 has four; a reader passes over what it does not know
        FleetEvent e = eventOf(endpointId, service, instance, *kind, o);
        e.time = time.toUTC();
        // The transition a control request made follows it directly (docs/protocol.md): it holds for the
        // control's TTL.
        if (e.type == FleetEventType::Transition && e.sequence == control.sequence + 1 &&
            e.policy == control.policy)
            e.ttlSeconds = control.ttl;
        if (e.type == FleetEventType::Control)
            control = {e.sequence, e.policy, e.ttlSeconds};
        page.events.push_back(std::move(e));
    }
    return page;
}

} // namespace jimini
