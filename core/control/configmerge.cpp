// SPDX-License-Identifier: GPL-3.0-or-later
#include "configmerge.h"

#include "config/configcodec.h"
#include "config/configdiff.h"
#include "config/configtext.h"

#include <QJsonDocument>
#include <QSet>

namespace jimini {

namespace {

bool absent(const QJsonValue& v) {
    return v.isUndefined() || v.isNull();
}

bool same(const QJsonValue& a, const QJsonValue& b) {
    return (absent(a) && absent(b)) || a == b;
}

// Absent and null read the same; report absence as undefined so callers see one spelling.
QJsonValue shown(const QJsonValue& v) {
    return absent(v) ? QJsonValue(QJsonValue::Undefined) : v;
}

QString display(const QStringList& keys) {
    QString path;
    for (const QString& key : keys)
        path = ConfigText::join(path, key);
    return path;
}

QJsonObject objectOf(const ResilienceConfig& config) {
    return QJsonDocument::fromJson(ConfigCodec::serialize(config)).object();
}

struct Walk {
    QList<ConfigTakenChange> taken;
    QList<ConfigConflict> conflicts;

    void merge(const QJsonValue& base, const QJsonValue& theirs, const QJsonValue& mine,
               const QStringList& keys) {
        if (same(theirs, base) || same(theirs, mine))
            return; // mine stands
        // Objects are walked down to their fields, so that a conflict names a field, not a policy.
        if (theirs.isObject() && mine.isObject() && (base.isObject() || absent(base))) {
            const QJsonObject b = base.toObject();
            const QJsonObject t = theirs.toObject();
            const QJsonObject m = mine.toObject();
            QStringList names = m.keys();
            QSet<QString> seen(names.begin(), names.end());
            for (const QJsonObject& o : {t, b})
                for (const QString& key : o.keys())
                    if (!seen.contains(key)) {
                        seen.insert(key);
                        names.append(key);
                    }
            names.sort();
            for (const QString& key : names)
                merge(b.value(key), t.value(key), m.value(key), keys + QStringList{key});
            return;
        }
        if (same(mine, base)) {
            taken.append({keys, display(keys), shown(theirs)});
            return;
        }
        conflicts.append({keys, display(keys), shown(base), shown(theirs), shown(mine)});
    }
};

QJsonValue setIn(const QJsonValue& node, const QStringList& keys, qsizetype i, const QJsonValue& value) {
    if (i == keys.size())
        return value;
    QJsonObject object = node.toObject();
    const QJsonValue child = setIn(object.value(keys[i]), keys, i + 1, value);
    if (child.isUndefined())
        object.remove(keys[i]);
    else
        object.insert(keys[i], child);
    return object;
}

} // namespace

QJsonObject ConfigMerge::normalized(const QJsonObject& draft) {
    const ConfigParseResult parsed = ConfigCodec::parse(QJsonDocument(draft).toJson(QJsonDocument::Compact));
    return parsed.ok() ? objectOf(*parsed.config) : draft;
}

ConfigRebase ConfigMerge::rebase(const ResilienceConfig& base, const ResilienceConfig& theirs,
                                 const QJsonObject& mine) {
    ConfigRebase result;
    result.merged = normalized(mine);
    result.underneath = ConfigDiff::diff(base, theirs);
    Walk walk;
    walk.merge(objectOf(base), objectOf(theirs), result.merged, {});
    for (const ConfigTakenChange& change : walk.taken)
        result.merged = withValue(result.merged, change.keys, change.value);
    result.taken = std::move(walk.taken);
    result.conflicts = std::move(walk.conflicts);
    return result;
}

QJsonObject ConfigMerge::resolve(const ConfigRebase& rebase, const QList<ConflictChoice>& choices) {
    QJsonObject merged = rebase.merged;
    for (qsizetype i = 0; i < rebase.conflicts.size() && i < choices.size(); ++i)
        if (choices[i] == ConflictChoice::Theirs)
            merged = withValue(merged, rebase.conflicts[i].keys, rebase.conflicts[i].theirs);
    return merged;
}

QJsonObject ConfigMerge::withValue(const QJsonObject& root, const QStringList& keys,
                                   const QJsonValue& value) {
    if (keys.isEmpty())
        return value.toObject();
    return setIn(root, keys, 0, value).toObject();
}

} // namespace jimini
