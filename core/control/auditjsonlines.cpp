// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/auditjsonlines.h"

#include "control/auditreader.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace jimini {

namespace {
const char* const kEntryKeys[] = {"action", "environment", "service", "policy", "before", "after", "reason"};

QString* entryField(AuditEntry& e, int index) {
    QString* fields[] = {&e.action, &e.environment, &e.service, &e.policy, &e.before, &e.after, &e.reason};
    return fields[index];
}

QString wrongType(const char* key, const char* wanted) {
    return QStringLiteral("\"%1\" must be %2").arg(QLatin1String(key), QLatin1String(wanted));
}
} // namespace

QByteArray AuditJsonLines::line(const AuditRecord& r) {
    QJsonObject o;
    o.insert(QStringLiteral("id"), r.id);
    o.insert(QStringLiteral("time"),
             QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("time_ms"), r.timeMs);
    o.insert(QStringLiteral("operator"), r.operatorName);
    o.insert(QStringLiteral("kind"), toString(r.kind));
    AuditEntry entry = r.entry;
    for (int i = 0; i < int(std::size(kEntryKeys)); ++i)
        o.insert(QLatin1String(kEntryKeys[i]), *entryField(entry, i));
    o.insert(QStringLiteral("targets"), QJsonArray::fromStringList(r.entry.targets));
    if (r.kind == AuditRecord::Kind::Outcome) {
        o.insert(QStringLiteral("intent_id"), r.intentId);
        o.insert(QStringLiteral("ok"), r.ok.value_or(false));
        o.insert(QStringLiteral("detail"), r.detail);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

AuditLineResult AuditJsonLines::parse(const QByteArray& bytes) {
    if (bytes.size() > maxLineSize)
        return {std::nullopt,
                QStringLiteral("line of %1 bytes, over the %2 allowed").arg(bytes.size()).arg(maxLineSize)};
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return {
            std::nullopt,
            QStringLiteral("not JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString())};
    if (!doc.isObject())
        return {std::nullopt, QStringLiteral("not a JSON object")};
    const QJsonObject o = doc.object();
    AuditRecord r;
    const auto integer = [&o](const char* key, qint64* into) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble() || v.toDouble() != double(v.toInteger()))
            return false;
        *into = v.toInteger();
        return true;
    };
    if (!integer("id", &r.id))
        return {std::nullopt, wrongType("id", "an integer")};
    if (!integer("time_ms", &r.timeMs))
        return {std::nullopt, wrongType("time_ms", "an integer")};
    const std::optional<AuditRecord::Kind> kind =
        auditKindFromName(o.value(QStringLiteral("kind")).toString());
    if (!kind)
        return {std::nullopt, wrongType("kind", "\"intent\" or \"outcome\"")};
    r.kind = *kind;
    if (!o.value(QStringLiteral("operator")).isString())
        return {std::nullopt, wrongType("operator", "a string")};
    r.operatorName = o.value(QStringLiteral("operator")).toString();
    for (int i = 0; i < int(std::size(kEntryKeys)); ++i) {
        const QJsonValue v = o.value(QLatin1String(kEntryKeys[i]));
        if (!v.isString())
            return {std::nullopt, wrongType(kEntryKeys[i], "a string")};
        *entryField(r.entry, i) = v.toString();
    }
    if (!o.value(QStringLiteral("targets")).isArray())
        return {std::nullopt, wrongType("targets", "an array of strings")};
    for (const QJsonValue& target : o.value(QStringLiteral("targets")).toArray()) {
        if (!target.isString())
            return {std::nullopt, wrongType("targets", "an array of strings")};
        r.entry.targets.append(target.toString());
    }
    if (r.kind == AuditRecord::Kind::Outcome) {
        if (!integer("intent_id", &r.intentId))
            return {std::nullopt, wrongType("intent_id", "an integer")};
        if (!o.value(QStringLiteral("ok")).isBool())
            return {std::nullopt, wrongType("ok", "true or false")};
        r.ok = o.value(QStringLiteral("ok")).toBool();
        if (!o.value(QStringLiteral("detail")).isString())
            return {std::nullopt, wrongType("detail", "a string")};
        r.detail = o.value(QStringLiteral("detail")).toString();
    }
    return {r, {}};
}

AuditExportResult AuditJsonLines::write(const QString& dbPath, qint64 sinceMs, QIODevice* out) {
    AuditExportResult result;
    AuditQuery query;
    query.sinceMs = sinceMs;
    query.limit = pageSize;
    for (;;) {
        const AuditPage page = AuditReader::read(dbPath, query);
        if (!page.ok()) {
            result.error = page.error;
            return result;
        }
        for (const AuditRecord& record : page.records) {
            const QByteArray bytes = line(record);
            if (out->write(bytes) != bytes.size()) {
                result.error = QStringLiteral("writing the export: %1").arg(out->errorString());
                return result;
            }
            ++result.written;
        }
        if (!page.more || page.records.isEmpty())
            return result;
        query.afterId = page.records.back().id;
    }
}

} // namespace jimini
