// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/rolloutverdict.h"
#include "net/serviceendpoint.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace jimini {

// Where one instance is in a rollout. Pending: not pushed yet; Pushed: the new config is in force
// (answered 200); Watching: its health is being compared with its baseline; Done: it passed its watch;
// RolledBack: the old config is back in force; Failed: a push or a rollback it needed did not succeed
// (figure says why).
enum class RolloutStep : quint8 { Pending, Pushed, Watching, Done, RolledBack, Failed };

// "pending", "pushed", "watching", "done", "rolled back", "failed".
QString rolloutStepName(RolloutStep step);

struct RolloutInstance {
    ServiceEndpoint endpoint;
    QString name; // the health document's instance, or the endpoint id when it gave none
    RolloutStep step = RolloutStep::Pending;
    QString figure;                // what decided the step, in the operator's words
    QByteArray oldConfig;          // as GET gave it before the rollout
    QByteArray oldEtag;            // quotes included
    QByteArray currentEtag;        // the version last known to be in force there
    bool mayHaveNewConfig = false; // a push was sent (answered 200, or no answer): rollback must cover it
    std::optional<WatchedHealth> baseline;
    std::optional<WatchedHealth> watched;
};

} // namespace jimini
