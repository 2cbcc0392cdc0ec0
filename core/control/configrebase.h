// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/configconflict.h"

#include "config/configchange.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace jimini {

// A field the draft takes over from the service's current config (only they changed it).
struct ConfigTakenChange {
    QStringList keys;
    QString path;
    QJsonValue value; // undefined: the key goes away

    friend bool operator==(const ConfigTakenChange&, const ConfigTakenChange&) = default;
};

// The three-way rebase of a draft onto a config that changed underneath it (ConfigMerge::rebase).
struct ConfigRebase {
    QJsonObject merged;              // the draft with theirs' changes; each conflict holds mine's value
    QList<ConfigChange> underneath;  // base -> theirs: what changed underneath, in file order
    QList<ConfigTakenChange> taken;  // theirs' changes the draft took over
    QList<ConfigConflict> conflicts; // fields both sides changed differently, for the operator

    bool clean() const { return conflicts.isEmpty(); }
};

} // namespace jimini
