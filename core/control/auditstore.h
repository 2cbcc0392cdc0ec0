// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/audittrail.h"

#include <QString>

#include <functional>
#include <memory>

namespace jimini {

// The local audit store: a SQLite file (QtSql) that only grows. Every recordIntent and recordOutcome
// appends one row (id, time UTC ms, operator, kind, action, targets, environment, service, policy,
// before, after, reason, intent_id, ok, detail); there is no update or delete path, and the file's own
// triggers refuse UPDATE and DELETE from any writer. WAL journal and a busy timeout, so that the console
// and the CLI (or two consoles) append to the same file. Fields are bounded (longer text is cut, saying
// how much was cut) and URL user info is dropped from targets: a credential never reaches a row.
// Writes are one short INSERT on the caller's thread; reading is AuditReader's (any thread).
class AuditStore final : public AuditTrail {
public:
    static constexpr qsizetype maxFieldChars = 4096;  // action, environment, service, policy, reason, detail
    static constexpr qsizetype maxStateChars = 65536; // before, after
    static constexpr qsizetype maxTargets = 1000;
    static constexpr int busyTimeoutMs = 5000;

    AuditStore();
    ~AuditStore() override;
    AuditStore(const AuditStore&) = delete;
    AuditStore& operator=(const AuditStore&) = delete;

    // Opens (creating the file, its folder and the schema when missing) the store at path. False with
    // error() naming the file and the reason; the store then refuses every record.
    bool open(const QString& path);
    // open(path), or open(defaultPath()) when path is empty: what the console and the CLI's --audit-db do.
    static std::unique_ptr<AuditStore> openDefault(const QString& path = {});
    // <generic data location>/jimini/audit.sqlite (~/.local/share/jimini/audit.sqlite), shared by the console
    // and the CLI.
    static QString defaultPath();

    bool isOpen() const noexcept { return m_open; }
    const QString& path() const noexcept { return m_path; }
    // Why the store is not open, or why the last record failed; empty when neither.
    const QString& error() const noexcept { return m_error; }

    // The operator written into each row: OperatorIdentity::current() (the preferences' name, else the OS
    // account) at the time of the record, unless set here; an empty name goes back to that.
    QString operatorName() const;
    void setOperatorName(const QString& name);

    // Called with each appended row's id, after the write (a view of the store reads what is new).
    void setRecordedListener(std::function<void(qint64 id)> listener) { m_recorded = std::move(listener); }

    qint64 recordIntent(const AuditEntry& entry) override;
    void recordOutcome(qint64 intentId, const AuditOutcome& outcome) override;

private:
    void close();
    bool fail(const QString& what, const QString& why);

    QString m_connection;
    QString m_path;
    QString m_error;
    QString m_operator;
    std::function<void(qint64)> m_recorded;
    bool m_open = false;
};

} // namespace jimini
