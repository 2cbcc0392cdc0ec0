// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditcommand.h"

#include "control/auditjsonlines.h"
#include "control/auditstore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>

namespace jimini {

std::optional<qint64> parseSince(const QString& text, const QDateTime& now) {
    static const QRegularExpression span(QStringLiteral("^(\\d{1,9})([smhd])$"));
    if (const QRegularExpressionMatch m = span.match(text); m.hasMatch()) {
        const qint64 unit = m.captured(2) == QLatin1String("s")   ? 1
                            : m.captured(2) == QLatin1String("m") ? 60
                            : m.captured(2) == QLatin1String("h") ? 3600
                                                                  : 86400;
        return now.toMSecsSinceEpoch() - m.captured(1).toLongLong() * unit * 1000;
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    // A time without a zone would mean whatever zone the machine is in: ask for one.
    static const QRegularExpression zoned(QStringLiteral("(Z|[+-]\\d\\d:?\\d\\d)$"));
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid() && zoned.match(text).hasMatch())
        return time.toMSecsSinceEpoch();
    return std::nullopt;
}

int runAuditCommand(const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Exports the audit store, every control action of the console and the CLI (an intent before it "
        "was sent, an outcome with the service's answer), as JSON Lines on stdout, oldest first."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("the only subcommand"));
    const QCommandLineOption since(
        QStringLiteral("since"),
        QStringLiteral(
            "only records written at or after T: an ISO 8601 time with a zone "
            "(2026-11-30T17:00:00Z), a date (midnight UTC), or a span back from now (90s, 15m, 2h, "
            "7d)"),
        QStringLiteral("T"));
    const QCommandLineOption auditDb(
        QStringLiteral("audit-db"),
        QStringLiteral("the audit store (default: %1)").arg(AuditStore::defaultPath()),
        QStringLiteral("FILE"));
    parser.addOptions({since, auditDb});
    if (!parser.parse(arguments)) {
        err << "jimini audit: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options] export"),
                                         QStringLiteral("audit export [options]"));
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional != QStringList{QStringLiteral("export")}) {
        err << "jimini audit: expected `export` (see jimini audit --help)\n";
        return 2;
    }
    qint64 sinceMs = 0;
    if (parser.isSet(since)) {
        const std::optional<qint64> parsed = parseSince(parser.value(since), QDateTime::currentDateTimeUtc());
        if (!parsed) {
            err << "jimini audit: --since wants an ISO 8601 time with a zone, a date, or a span like 15m, "
                   "2h, "
                   "7d; got \""
                << parser.value(since) << "\"\n";
            return 2;
        }
        sinceMs = *parsed;
    }
    const QString path = parser.isSet(auditDb) ? parser.value(auditDb) : AuditStore::defaultPath();
    if (!QFileInfo(path).isFile()) {
        err << "jimini audit: no audit store at " << path << "\n";
        return 1;
    }
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly)) {
        err << "jimini audit: cannot write to stdout\n";
        return 1;
    }
    const AuditExportResult result = AuditJsonLines::write(path, sinceMs, &stdoutFile);
    stdoutFile.flush();
    if (!result.ok()) {
        err << "jimini audit: " << result.error << "\n";
        return 1;
    }
    return 0;
}

} // namespace jimini
