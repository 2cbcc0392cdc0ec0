// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/configconflict.h"
#include "control/configrebase.h"

#include "config/resilienceconfig.h"

#include <QJsonObject>
#include <QList>

namespace jimini {

// Three-way merge of configs in their JSON form. Every side is compared written out in full (defaults
// included, ConfigCodec::serialize), so a key one side spells and the other leaves to its default is not a
// change. A stage that is null counts as absent, lists are compared whole, and a subtree one side removed
// while the other changed something in it is one conflict at the subtree. Pure functions.
class ConfigMerge {
public:
    // base: the config the draft was made from; theirs: the service's config now; mine: the draft. A draft
    // that is not a valid config is merged as written (its missing keys then read as removed).
    static ConfigRebase rebase(const ResilienceConfig& base, const ResilienceConfig& theirs,
                               const QJsonObject& mine);
    // The merged draft with each conflict settled by choices[i] (missing choices keep mine).
    static QJsonObject resolve(const ConfigRebase& rebase, const QList<ConflictChoice>& choices);
    // The JSON form a merge compares: a valid draft written out in full, any other as it is.
    static QJsonObject normalized(const QJsonObject& draft);
    // Sets (or, for an undefined value, removes) the value at keys, creating objects on the way.
    static QJsonObject withValue(const QJsonObject& root, const QStringList& keys, const QJsonValue& value);
};

} // namespace jimini
