// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/consoleoptions.h"

#include <QCommandLineParser>

#include <cstring>

namespace jimini {

bool ConsoleOptions::asksHelpOrVersion(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        for (const char* flag : {"-h", "--help", "--help-all", "-?", "-v", "--version"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

bool ConsoleOptions::parse(const QStringList& arguments, ConsoleOptions* options, QString* error) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Jimini Resilience Console: live breaker states, error rates, latency, bulkheads and "
                       "rate limiters of "
                       "a fleet of services speaking the Jimini Health API v1."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Start an in-process demo fleet on loopback and watch it."));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
                                       QStringLiteral("Open this workspace file (default: the last one)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Write a PNG of the window after --after seconds and quit."), QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"), QStringLiteral("Seconds before the screenshot."),
                                   QStringLiteral("SECONDS"), QStringLiteral("5"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("What the screenshot shows: fleet or detail (the instance "
                                                 "in the most trouble)."),
                                  QStringLiteral("VIEW"), QStringLiteral("fleet"));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      QStringLiteral("Poll period of the demo fleet's endpoints, in ms."),
                                      QStringLiteral("MS"), QStringLiteral("1000"));
    const QCommandLineOption auditDb(
        QStringLiteral("audit-db"),
        QStringLiteral(
            "Record control actions in this audit store (default: ~/.local/share/jimini/audit.sqlite)."),
        QStringLiteral("FILE"));
    parser.addOptions({demo, workspace, screenshot, after, view, interval, auditDb});
    parser.process(arguments);

    options->demo = parser.isSet(demo);
    options->workspace = parser.value(workspace);
    options->screenshot = parser.value(screenshot);
    options->auditDb = parser.value(auditDb);
    bool ok = false;
    options->afterSeconds = parser.value(after).toDouble(&ok);
    if (!ok || options->afterSeconds < 0 || options->afterSeconds > 3600) {
        *error = QStringLiteral("--after wants seconds in [0, 3600], got %1").arg(parser.value(after));
        return false;
    }
    const QString v = parser.value(view);
    if (v == QLatin1String("fleet")) {
        options->view = View::Fleet;
    } else if (v == QLatin1String("detail")) {
        options->view = View::Detail;
    } else {
        *error = QStringLiteral("--view wants fleet or detail, got %1").arg(v);
        return false;
    }
    options->intervalMs = parser.value(interval).toInt(&ok);
    if (!ok || options->intervalMs < 50 || options->intervalMs > 3600000) {
        *error = QStringLiteral("--interval wants ms in [50, 3600000], got %1").arg(parser.value(interval));
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first());
        return false;
    }
    return true;
}

} // namespace jimini
