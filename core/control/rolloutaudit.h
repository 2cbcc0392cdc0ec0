// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace jimini {

class AuditTrail;
struct RolloutOptions;

// A rollout's entries in the audit trail: each step recorded before it is sent (the intent) and again
// with the service's answer (the outcome), under the rollout's service, environment and reason, for the
// whole config (no one policy).
class RolloutAudit {
public:
    // trail may be null: nothing is recorded, and every intent is 0.
    RolloutAudit(AuditTrail* trail, const RolloutOptions& options);

    bool isRecording() const noexcept { return m_trail != nullptr; }
    // The intent's id; 0 when nothing is recorded or the write failed (isRecording() tells which).
    qint64 intent(const QString& action, const QStringList& targets, const QString& before,
                  const QString& after);
    void outcome(qint64 intent, bool ok, const QString& detail); // nothing for intent 0

private:
    AuditTrail* m_trail;
    const RolloutOptions& m_options;
};

} // namespace jimini
