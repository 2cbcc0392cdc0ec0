// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace jimini {

enum class AgentEventType : std::uint8_t { Transition, Control, Config, Fault };

// One entry of the audit trail (docs/protocol.md, "Events"). Which fields are written depends on type:
// transition: from, to, reason; control: action, ttl_seconds, before, after; config: before, after
// (config versions); fault: action (injected, cleared), fault_id and the fault as stored.
struct AgentEvent {
    std::uint64_t sequence = 0; // given by EventLog::append
    QDateTime time;             // UTC
    AgentEventType type = AgentEventType::Transition;
    QString policy; // empty: null
    QString actor = QStringLiteral("system");
    QString note;
    QString from;
    QString to;
    QString reason;
    QString action;
    std::optional<double> ttlSeconds;
    QString before;
    QString after;
    int faultId = 0;
    QJsonObject fault;

    QJsonObject toJson() const;
    static QString typeName(AgentEventType type);
};

} // namespace jimini
