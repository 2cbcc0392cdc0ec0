// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probeform.h"

#include "widgets/tools/editordraft.h"

#include <QList>
#include <QPair>
#include <QUrl>

#include <optional>

namespace jimini {

class FleetHub;

// What the probe offers from the console as it is: a target per service of the fleet's agents (the
// reference agent's GET|POST /target/<service>, on the instance in trouble when there is one, as the
// demo fleet does), and the profiles: the built-in ones, the config editor's draft when there is one,
// and each watched instance's live config, one choice per policy.
struct ProbeTargets {
    QList<QPair<QString, QUrl>> targets; // (label, URL)
    QList<ProbeProfileChoice> profiles;

    static ProbeTargets of(const FleetHub& hub, const std::optional<EditorDraft>& draft);
};

} // namespace jimini
