// SPDX-License-Identifier: GPL-3.0-or-later
#include "configdiff.h"

#include "configtext.h"
#include "configtree.h"
#include "configwriter.h"

namespace jimini {

namespace {

// Null marks a stage that is off, which for a diff is the same as not being there.
const ConfigTree* present(const ConfigTree* tree) {
    return tree && (tree->isObject() || !tree->leaf().isNull()) ? tree : nullptr;
}

void compare(const ConfigTree& a, const ConfigTree& b, const QString& path, QList<ConfigChange>& changes) {
    if (!a.isObject() || !b.isObject()) {
        const QJsonValue before = a.toJson();
        const QJsonValue after = b.toJson();
        if (before != after)
            changes.append({path, before, after});
        return;
    }
    for (const auto& [key, value] : a.members()) {
        const QString at = ConfigText::join(path, key);
        const ConfigTree* mine = present(&value);
        const ConfigTree* theirs = present(b.member(key));
        if (mine && theirs)
            compare(*mine, *theirs, at, changes);
        else if (mine)
            changes.append({at, mine->toJson(), QJsonValue(QJsonValue::Undefined)});
        else if (theirs)
            changes.append({at, QJsonValue(QJsonValue::Undefined), theirs->toJson()});
    }
    for (const auto& [key, value] : b.members())
        if (!a.member(key) && present(&value))
            changes.append({ConfigText::join(path, key), QJsonValue(QJsonValue::Undefined), value.toJson()});
}

} // namespace

QList<ConfigChange> ConfigDiff::diff(const ResilienceConfig& before, const ResilienceConfig& after) {
    QList<ConfigChange> changes;
    compare(ConfigWriter::write(before), ConfigWriter::write(after), QString(), changes);
    return changes;
}

} // namespace jimini
