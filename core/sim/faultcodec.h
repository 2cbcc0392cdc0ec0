// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/fault.h"

#include "config/configerror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace jimini {

struct FaultLeaseParseResult {
    std::optional<FaultLease> lease;
    QList<ConfigError> errors;
};

struct FaultParseResult {
    std::optional<Fault> fault;
    QList<ConfigError> errors; // {path, message}, as the 422 answer lists them
};

// The fault document of docs/protocol.md. A parsed fault keeps its body: toJson gives it back as stored
// (absent keys stay absent) plus id and expires_at.
class FaultCodec {
public:
    enum class DurationRule : quint8 { Required, Absent };
    enum class LeaseRule : quint8 { Allowed, Absent };

    static constexpr double maxTtlSeconds = 86400;

    // A POST body: ttl_seconds allowed.
    static FaultParseResult parse(const QByteArray& json);
    // The same rules on an object already parsed (and checked with StrictJson): a scenario's phases
    // (duration required) and its dependencies' baselines (no duration) are fault-shaped; neither
    // takes a lease (ttl_seconds is an unknown key there).
    static FaultParseResult parseObject(const QJsonObject& object,
                                        DurationRule duration = DurationRule::Required,
                                        LeaseRule lease = LeaseRule::Absent);
    // A PUT /faults/{id} body: {"ttl_seconds": N}, nothing else.
    static FaultLeaseParseResult parseLease(const QByteArray& json);
    static QJsonObject toJson(const Fault& fault);
};

} // namespace jimini
