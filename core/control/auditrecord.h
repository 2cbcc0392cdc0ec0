// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/audittrail.h"

#include <QString>

#include <optional>

namespace jimini {

// One row of the audit store as read back: an intent (what was about to be sent) or an outcome (what came
// of it). An outcome carries its intent's entry too, so that it reads on its own.
struct AuditRecord {
    enum class Kind : quint8 { Intent, Outcome };

    qint64 id = 0;     // the store's sequence: the order things were written in
    qint64 timeMs = 0; // UTC, milliseconds since the epoch
    QString operatorName;
    Kind kind = Kind::Intent;
    AuditEntry entry;
    qint64 intentId = 0;    // outcomes: the intent they answer
    std::optional<bool> ok; // outcomes only
    QString detail;         // outcomes: the service's answer, or why there was none

    friend bool operator==(const AuditRecord&, const AuditRecord&) = default;
};

QString toString(AuditRecord::Kind kind); // "intent", "outcome"
std::optional<AuditRecord::Kind> auditKindFromName(const QString& name);

} // namespace jimini
