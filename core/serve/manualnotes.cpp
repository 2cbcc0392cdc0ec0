// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/manualnotes.h"

namespace jimini {

void ManualNotes::record(const QString& policy, BreakerState state, const QString& reason,
                         const QString& actor) {
    if (state != BreakerState::Isolated && state != BreakerState::Disabled) {
        m_notes.remove(policy);
        return;
    }
    // The command codec and the operator header bound both already; the document's limits hold anyway.
    m_notes.insert(policy, Note{state, reason.left(BreakerHealth::maxManualReason),
                                actor.left(BreakerHealth::maxManualActor)});
}

void ManualNotes::annotate(HealthDocument& document) const {
    for (PolicyHealth& policy : document.policies) {
        const auto note = m_notes.constFind(policy.name);
        if (note == m_notes.cend() || !policy.circuitBreaker || !policy.circuitBreaker->manual ||
            policy.circuitBreaker->state != note->state)
            continue;
        policy.circuitBreaker->manualReason = note->reason;
        policy.circuitBreaker->manualActor = note->actor;
    }
}

} // namespace jimini
