// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/auditrecord.h"

#include <QList>
#include <QString>

namespace jimini {

// Which records to read: those after afterId (0: from the first) written at or after sinceMs (0: any
// time), at most limit of them (capped at maxLimit), oldest first. newest: the last limit of those
// instead of the first (still returned oldest first), what a view opening on a large store shows.
struct AuditQuery {
    static constexpr int maxLimit = 10000;

    qint64 afterId = 0;
    qint64 sinceMs = 0;
    int limit = 1000;
    bool newest = false;
};

struct AuditPage {
    QList<AuditRecord> records; // in id order
    bool more = false;          // more records match beyond this page (in the direction read)
    QString error;              // empty when read; otherwise the file and the reason
    bool ok() const { return error.isEmpty(); }
};

// Reads an audit store (the file AuditStore writes) in bounded pages, read-only, through a connection of its
// own per call: safe on any thread, so that a view reads a large store off the UI thread while the console
// keeps appending.
class AuditReader {
public:
    static AuditPage read(const QString& path, const AuditQuery& query);
};

} // namespace jimini
