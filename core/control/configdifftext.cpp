// SPDX-License-Identifier: GPL-3.0-or-later
#include "configdifftext.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace jimini {

QString ConfigDiffText::value(const QJsonValue& value) {
    if (value.isUndefined())
        return QStringLiteral("(absent)");
    // QJsonDocument writes only arrays and objects; wrap a scalar and strip the brackets.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString ConfigDiffText::line(const ConfigChange& change) {
    if (change.isAddition())
        return QStringLiteral("+ %1: %2").arg(change.path, value(change.after));
    if (change.isRemoval())
        return QStringLiteral("- %1: %2").arg(change.path, value(change.before));
    return QStringLiteral("  %1: %2 → %3").arg(change.path, value(change.before), value(change.after));
}

QStringList ConfigDiffText::lines(const QList<ConfigChange>& changes) {
    QStringList out;
    out.reserve(changes.size());
    for (const ConfigChange& change : changes)
        out.append(line(change));
    return out;
}

QJsonArray ConfigDiffText::toJson(const QList<ConfigChange>& changes) {
    QJsonArray out;
    for (const ConfigChange& change : changes) {
        QJsonObject o{{QStringLiteral("path"), change.path}};
        if (!change.before.isUndefined())
            o.insert(QStringLiteral("before"), change.before);
        if (!change.after.isUndefined())
            o.insert(QStringLiteral("after"), change.after);
        out.append(o);
    }
    return out;
}

} // namespace jimini
