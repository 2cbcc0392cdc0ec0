// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutaudit.h"

#include "control/audittrail.h"
#include "control/rolloutoptions.h"

namespace jimini {

namespace {
// The audit store writes a null string as SQL NULL, which its columns refuse; a blank stays blank.
QString filled(const QString& text) {
    return text.isNull() ? QStringLiteral("") : text;
}
} // namespace

RolloutAudit::RolloutAudit(AuditTrail* trail, const RolloutOptions& options)
    : m_trail(trail)
    , m_options(options) {}

qint64 RolloutAudit::intent(const QString& action, const QStringList& targets, const QString& before,
                            const QString& after) {
    if (!m_trail)
        return 0;
    AuditEntry entry;
    entry.action = action;
    entry.targets = targets;
    entry.environment = filled(m_options.environment);
    entry.service = filled(m_options.service);
    entry.policy = QStringLiteral(""); // the whole config, every policy
    entry.before = filled(before);
    entry.after = filled(after);
    entry.reason = filled(m_options.reason);
    return m_trail->recordIntent(entry);
}

void RolloutAudit::outcome(qint64 intent, bool ok, const QString& detail) {
    if (m_trail && intent)
        m_trail->recordOutcome(intent, AuditOutcome{ok, filled(detail)});
}

} // namespace jimini
