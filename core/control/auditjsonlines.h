// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/auditrecord.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QIODevice;

namespace jimini {

struct AuditLineResult {
    std::optional<AuditRecord> record;
    QString error; // empty when read; otherwise the key and what is wrong with it
    bool ok() const { return record.has_value(); }
};

struct AuditExportResult {
    qint64 written = 0; // records
    QString error;      // empty when every record was written
    bool ok() const { return error.isEmpty(); }
};

// The audit store as JSON Lines, one record a line (what `jimini audit export` and the event log's export
// write): {"id":7,"time":"2026-11-30T17:02:11.204Z","time_ms":...,"operator":"alice","kind":"intent",
// "action":"breaker.isolate","targets":["http://10.0.0.5:8081"],"environment":"production",
// "service":"orders","policy":"payments","before":"closed","after":"isolated","reason":"..."}; an outcome
// adds "intent_id", "ok" and "detail". parse() reads such a line back to the same record.
class AuditJsonLines {
public:
    static constexpr qsizetype maxLineSize = 1024 * 1024; // parse() refuses a longer line unread
    static constexpr int pageSize = 1000;                 // records read from the store at a time

    static QByteArray line(const AuditRecord& record); // with its "\n"
    static AuditLineResult parse(const QByteArray& line);

    // Every record of the store at dbPath written at or after sinceMs (0: all), oldest first, read in
    // bounded pages. Any thread (it reads through AuditReader).
    static AuditExportResult write(const QString& dbPath, qint64 sinceMs, QIODevice* out);
};

} // namespace jimini
