// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/auditreader.h"

#include "control/auditstore.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace jimini {

namespace {
QAtomicInteger<quint64> g_readers;

// An outcome row carries only its result: its intent's entry is joined in, so that each record reads alone.
const char* const kSelect =
    "SELECT r.id, r.time_ms, r.operator, r.kind, r.intent_id, r.ok, r.detail,"
    " COALESCE(i.action, r.action), COALESCE(i.targets, r.targets), COALESCE(i.environment, r.environment),"
    " COALESCE(i.service, r.service), COALESCE(i.policy, r.policy), COALESCE(i.before, r.before),"
    " COALESCE(i.after, r.after), COALESCE(i.reason, r.reason)"
    " FROM audit r LEFT JOIN audit i ON r.kind = 'outcome' AND i.id = r.intent_id"
    " WHERE r.id > ? AND r.time_ms >= ?";

QStringList targetsFrom(const QString& json) {
    QStringList targets;
    for (const QJsonValue& value : QJsonDocument::fromJson(json.toUtf8()).array())
        targets.append(value.toString());
    return targets;
}

AuditRecord recordFrom(const QSqlQuery& q) {
    AuditRecord r;
    r.id = q.value(0).toLongLong();
    r.timeMs = q.value(1).toLongLong();
    r.operatorName = q.value(2).toString();
    r.kind = auditKindFromName(q.value(3).toString()).value_or(AuditRecord::Kind::Intent);
    if (r.kind == AuditRecord::Kind::Outcome) {
        r.intentId = q.value(4).toLongLong();
        r.ok = q.value(5).toInt() != 0;
        r.detail = q.value(6).toString();
    }
    r.entry.action = q.value(7).toString();
    r.entry.targets = targetsFrom(q.value(8).toString());
    r.entry.environment = q.value(9).toString();
    r.entry.service = q.value(10).toString();
    r.entry.policy = q.value(11).toString();
    r.entry.before = q.value(12).toString();
    r.entry.after = q.value(13).toString();
    r.entry.reason = q.value(14).toString();
    return r;
}

AuditPage readWith(QSqlDatabase& db, const QString& path, const AuditQuery& query) {
    AuditPage page;
    const int limit = std::clamp(query.limit, 1, AuditQuery::maxLimit);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QString::fromLatin1(kSelect) + (query.newest ? QStringLiteral(" ORDER BY r.id DESC LIMIT ?")
                                                           : QStringLiteral(" ORDER BY r.id LIMIT ?")));
    q.addBindValue(query.afterId);
    q.addBindValue(query.sinceMs);
    q.addBindValue(limit + 1); // one more says whether there is more
    if (!q.exec()) {
        page.error = QStringLiteral("audit store %1: %2").arg(path, q.lastError().text());
        return page;
    }
    while (q.next()) {
        if (page.records.size() == limit) {
            page.more = true;
            break;
        }
        page.records.append(recordFrom(q));
    }
    if (query.newest)
        std::reverse(page.records.begin(), page.records.end());
    return page;
}
} // namespace

AuditPage AuditReader::read(const QString& path, const AuditQuery& query) {
    if (!QFileInfo::exists(path))
        return {{}, false, QStringLiteral("audit store %1: no such file").arg(path)};
    const QString name = QStringLiteral("jimini.audit.read.%1").arg(++g_readers);
    AuditPage page;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(
            QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(AuditStore::busyTimeoutMs));
        if (!db.open())
            page.error = QStringLiteral("audit store %1: %2").arg(path, db.lastError().text());
        else
            page = readWith(db, path, query);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return page;
}

} // namespace jimini
