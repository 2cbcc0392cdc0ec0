// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace jimini {

// jimini-console's command line.
struct ConsoleOptions {
    enum class View : quint8 { Fleet, Detail };

    bool demo = false;
    QString workspace;  // --workspace FILE: open it instead of the last one
    QString screenshot; // --screenshot FILE: write a PNG of the window and quit
    QString auditDb;    // --audit-db FILE: the audit store to record into (default: AuditStore::defaultPath)
    double afterSeconds = 5;
    View view = View::Fleet;
    int intervalMs = 1000; // --interval MS: poll period of the demo fleet's endpoints

    // Parses arguments (argv, program name first). --help and --version print and exit, like
    // QCommandLineParser::process(); false with *error set for a bad value.
    static bool parse(const QStringList& arguments, ConsoleOptions* options, QString* error);
    // -h, --help, --help-all, -v or --version among argv: answered before any display is needed.
    static bool asksHelpOrVersion(int argc, const char* const* argv);
};

} // namespace jimini
