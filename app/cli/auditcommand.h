// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace jimini {

// `jimini audit export [--since T] [--audit-db FILE]`: the audit store (the console's and the CLI's
// actions) as JSON Lines on stdout, oldest first. Returns the exit code: 0 written, 1 the store could not
// be read (the reason on stderr), 2 usage.
int runAuditCommand(const QStringList& arguments);

// --since: an ISO 8601 time ("2026-11-30T17:00:00Z", an offset, or a date alone: midnight UTC) or a span
// back from now ("90s", "15m", "2h", "7d"). nullopt for anything else.
std::optional<qint64> parseSince(const QString& text, const QDateTime& now);

} // namespace jimini
