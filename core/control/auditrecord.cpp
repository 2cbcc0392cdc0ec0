// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/auditrecord.h"

namespace jimini {

QString toString(AuditRecord::Kind kind) {
    return kind == AuditRecord::Kind::Outcome ? QStringLiteral("outcome") : QStringLiteral("intent");
}

std::optional<AuditRecord::Kind> auditKindFromName(const QString& name) {
    if (name == QLatin1String("intent"))
        return AuditRecord::Kind::Intent;
    if (name == QLatin1String("outcome"))
        return AuditRecord::Kind::Outcome;
    return std::nullopt;
}

} // namespace jimini
