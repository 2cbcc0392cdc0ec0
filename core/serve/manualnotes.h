// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QHash>
#include <QString>

namespace jimini {

// Who put each policy's breaker into a manual state and why, as the breaker control endpoint recorded
// it, for the health document's manual_reason and manual_actor. A note belongs to the manual state it
// was recorded for: once the breaker left that state (a TTL ran out, "auto", another command) it is not
// shown, so a document never names an actor for a state someone else, or nobody, set.
class ManualNotes {
public:
    // An operator command set state (isolated or disabled) on policy; any other state forgets the note.
    void record(const QString& policy, BreakerState state, const QString& reason, const QString& actor);
    // Fills manual_reason and manual_actor of every breaker still in the state its note was taken for.
    void annotate(HealthDocument& document) const;

private:
    struct Note {
        BreakerState state = BreakerState::Isolated;
        QString reason;
        QString actor;
    };
    QHash<QString, Note> m_notes;
};

} // namespace jimini
