// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/auditstore.h"

#include "control/controllog.h"
#include "control/operatoridentity.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QVariant>

#include <unistd.h>

namespace jimini {

namespace {
QAtomicInteger<quint64> g_connections;

// The statements that make a new file a store; each is idempotent, so two processes opening the same new
// file at once both succeed.
const char* const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS audit ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " time_ms INTEGER NOT NULL,"
    " operator TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('intent', 'outcome')),"
    " action TEXT NOT NULL DEFAULT '',"
    " targets TEXT NOT NULL DEFAULT '[]',"
    " environment TEXT NOT NULL DEFAULT '',"
    " service TEXT NOT NULL DEFAULT '',"
    " policy TEXT NOT NULL DEFAULT '',"
    " before TEXT NOT NULL DEFAULT '',"
    " after TEXT NOT NULL DEFAULT '',"
    " reason TEXT NOT NULL DEFAULT '',"
    " intent_id INTEGER REFERENCES audit(id),"
    " ok INTEGER,"
    " detail TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS audit_time ON audit(time_ms)",
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit store is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit store is append-only'); END",
};

// Who the row names: the name the console's preferences give, else the OS account (OperatorIdentity, the
// same name the X-Jimini-Operator header carries), read per record so that a changed preference counts.
QString currentOperator() {
    const QString name = OperatorIdentity::current();
    return name.isEmpty() ? QStringLiteral("uid %1").arg(getuid()) : name;
}

// Never null: QtSql binds a null QString as SQL NULL, which the columns refuse.
QString bounded(const QString& text, qsizetype max) {
    if (text.isNull())
        return QStringLiteral("");
    if (text.size() <= max)
        return text;
    return text.left(max) + QStringLiteral("\u2026 (%1 more characters)").arg(text.size() - max);
}

// An endpoint id is its base URL: one typed as https://user:secret@host must not carry the secret here.
QString withoutUserInfo(const QString& target) {
    const QUrl url(target, QUrl::StrictMode);
    if (url.isValid() && !url.userInfo().isEmpty())
        return url.toString(QUrl::RemoveUserInfo);
    return target;
}

QString targetsJson(const QStringList& targets) {
    QJsonArray array;
    for (qsizetype i = 0; i < targets.size() && i < AuditStore::maxTargets; ++i)
        array.append(bounded(withoutUserInfo(targets[i]), AuditStore::maxFieldChars));
    if (targets.size() > AuditStore::maxTargets)
        array.append(QStringLiteral("\u2026 (%1 more targets)").arg(targets.size() - AuditStore::maxTargets));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}
} // namespace

AuditStore::AuditStore()
    : m_connection(QStringLiteral("jimini.audit.%1").arg(++g_connections))
    , m_error(QStringLiteral("the audit store is not open")) {}

AuditStore::~AuditStore() {
    close();
}

void AuditStore::close() {
    if (!QSqlDatabase::contains(m_connection))
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    m_open = false;
}

QString AuditStore::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/jimini/audit.sqlite");
}

std::unique_ptr<AuditStore> AuditStore::openDefault(const QString& path) {
    auto store = std::make_unique<AuditStore>();
    store->open(path.isEmpty() ? defaultPath() : path);
    return store;
}

QString AuditStore::operatorName() const {
    return m_operator.isEmpty() ? currentOperator() : m_operator;
}

void AuditStore::setOperatorName(const QString& name) {
    m_operator = bounded(name.trimmed(), maxFieldChars);
}

bool AuditStore::fail(const QString& what, const QString& why) {
    m_error = QStringLiteral("audit store %1: %2: %3").arg(m_path, what, why);
    qCWarning(lcControl).noquote() << m_error;
    return false;
}

bool AuditStore::open(const QString& path) {
    close();
    m_path = path;
    if (path.isEmpty())
        return fail(QStringLiteral("open"), QStringLiteral("no file given"));
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("open"),
                    QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    const bool created = !info.exists();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!db.isValid())
        return fail(QStringLiteral("open"),
                    QStringLiteral("the Qt SQLite driver (libqt6sql6-sqlite) is missing"));
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    if (!db.open())
        return fail(QStringLiteral("open"), db.lastError().text());
    if (created) // the operator's actions are theirs to read: owner only (the WAL files follow the file)
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QSqlQuery query(db);
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        if (!query.exec(QString::fromLatin1(pragma)))
            return fail(QString::fromLatin1(pragma), query.lastError().text());
    }
    for (const char* statement : kSchema) {
        if (!query.exec(QString::fromLatin1(statement)))
            return fail(QStringLiteral("schema"), query.lastError().text());
    }
    m_open = true;
    m_error.clear();
    return true;
}

qint64 AuditStore::recordIntent(const AuditEntry& entry) {
    if (!m_open)
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "INSERT INTO audit (time_ms, operator, kind, action, targets, environment, service, policy, before, "
        "after, reason) VALUES (?, ?, 'intent', ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(operatorName());
    query.addBindValue(bounded(entry.action, maxFieldChars));
    query.addBindValue(targetsJson(entry.targets));
    query.addBindValue(bounded(entry.environment, maxFieldChars));
    query.addBindValue(bounded(entry.service, maxFieldChars));
    query.addBindValue(bounded(entry.policy, maxFieldChars));
    query.addBindValue(bounded(entry.before, maxStateChars));
    query.addBindValue(bounded(entry.after, maxStateChars));
    query.addBindValue(bounded(entry.reason, maxFieldChars));
    if (!query.exec()) {
        fail(QStringLiteral("recording %1").arg(entry.action), query.lastError().text());
        return 0;
    }
    m_error.clear();
    const qint64 id = query.lastInsertId().toLongLong();
    if (m_recorded)
        m_recorded(id);
    return id;
}

void AuditStore::recordOutcome(qint64 intentId, const AuditOutcome& outcome) {
    if (!m_open)
        return;
    if (intentId <= 0) {
        fail(QStringLiteral("recording an outcome"),
             QStringLiteral("no intent was recorded (id %1)").arg(intentId));
        return;
    }
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT INTO audit (time_ms, operator, kind, intent_id, ok, detail) "
                                 "VALUES (?, ?, 'outcome', ?, ?, ?)"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(operatorName());
    query.addBindValue(intentId);
    query.addBindValue(outcome.ok ? 1 : 0);
    query.addBindValue(bounded(outcome.detail, maxFieldChars));
    if (!query.exec()) {
        fail(QStringLiteral("recording the outcome of intent %1").arg(intentId), query.lastError().text());
        return;
    }
    m_error.clear();
    if (m_recorded)
        m_recorded(query.lastInsertId().toLongLong());
}

} // namespace jimini
