// SPDX-License-Identifier: GPL-3.0-or-later
// jimini: headless commands of the Jimini console.
#include "auditcommand.h"
#include "breakercommand.h"
#include "configcommand.h"
#include "healthcommand.h"
#include "probecommand.h"
#include "replaycommand.h"
#include "rolloutcommand.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>

namespace {
const char* const kUsage = R"(Usage: jimini COMMAND [options]

Commands:
  health URL [--token-file FILE] [--ca-file FILE] [--json] [--timeout S]
             Read a service's health document once and print it as the console understands it.
             Exit 0 when read; 1 on a usage error or a bad URL (what is wrong with it on
             stderr); 2 with the reason on stderr when not read (refused, HTTP error, malformed
             with the JSON path, over 4 MiB, TLS, timeout, a bad token file, a refused redirect).
             The token goes only to the URL's origin: a redirect elsewhere is followed without it.

  audit export [--since T] [--audit-db FILE]
             Print the audit store (every control action of the console and the CLI, its intent
             and its outcome) as JSON Lines, oldest first. Exit 0 when written; 1 when the store
             cannot be read; 2 on a usage error.

  config get URL [--json] [--token-file F]
             Print a service's live config (its ETag on stderr). Exit 0 read; 1 not read; 2 usage.

  config push URL... FILE [--dry-run] [--json] [--token-file F] [--reason R]
             Print each target's field-level diff against its live config, then push FILE with
             If-Match (--dry-run: send nothing). Exit 0 applied; 1 a target unreadable or
             refused; 2 usage or invalid FILE; 3 a 412 (changed between read and push).

  config rollout --workspace W --service S --canary-watch D --batch N FILE [--threshold PP]
             [--token-file F] [--json]
             Push FILE to every instance of S as a staged rollout (a canary, then batches, each
             watched); roll back when an error rate rises or a breaker opens. Exit 0 completed;
             1 rolled back, aborted or refused; 2 usage or input error; 3 a 412 stopped it.

  trip URL... --policy P --reason R [--ttl D] [--state isolated|disabled] [--token-file F]
             [--operator NAME] [--json]
  reset URL... --policy P --reason R [--token-file F] [--operator NAME] [--json]
             Isolate (or disable) a breaker on every URL at once, or return it to automatic; D is
             seconds or with a unit (90, 5m, 1h). Exit 0 every instance took it; 1 at least one
             did not (refused, unreachable, the service said no); 2 usage or input error.

  probe URL [--profile P] [--rate R | --workers N] [--duration D] [--requests N] [--method M]
             [--header H]... [--body-file F] [--token-file F] [--compare P,P] [--max-error-rate R]
             [--max-p95 D] [--json] [--csv F]
             Call URL through the policy core with profile P (open loop at R calls/s, or N workers)
             and report what each policy decided. Exit 0 thresholds held; 1 a threshold broken;
             2 usage or input error (nothing sent).

  replay SCENARIO --config FILE [--compare FILE ...] [--json] [--list]
             Replay a failure scenario (a file, or a bundled one's name) on simulated time
             against the real pipeline of a config (a file, or production, staging,
             development) and up to two more, and print the comparison, or every second as
             JSON. Exit 0 when replayed; 2 on a usage or input error (what, and where).

  replay --live URL... SCENARIO [--token-file F] [--json]
             Play the scenario against the agents through their /faults in real time, one line per
             phase step; Ctrl+C (or SIGTERM) clears every injected fault before exiting. Exit 0
             played to the end; 1 an agent failed or it was interrupted; 2 usage or input error.

Options:
  -h, --help     this list
  -v, --version  the version

Run `jimini COMMAND --help` for a command's options.
)";
}

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jimini"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QLocale::setDefault(QLocale::c());
    QStringList args = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") ||
        args[1] == QLatin1String("help")) {
        (args.size() < 2 ? err : out) << kUsage;
        return args.size() < 2 ? 1 : 0;
    }
    if (args[1] == QLatin1String("--version") || args[1] == QLatin1String("-v")) {
        out << "jimini " << QCoreApplication::applicationVersion() << "\n";
        return 0;
    }
    const QString command = args[1];
    args.removeAt(1); // the parser sees "jimini [options] URL"
    if (command == QLatin1String("health")) {
        const int code = jimini::runHealthCommand(args);
        // Qt's HTTP thread may still be draining a hostile peer (runHealthCommand leaves it running rather
        // than wait for it): exit without the static destructors it could race with.
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code);
    }
    if (command == QLatin1String("config") && args.value(1) == QLatin1String("rollout")) {
        args.removeAt(1);
        const int code = jimini::runConfigRolloutCommand(args);
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code); // as for health: Qt's HTTP thread is not waited for
    }
    if (command == QLatin1String("config") &&
        (args.value(1) == QLatin1String("get") || args.value(1) == QLatin1String("push"))) {
        const bool get = args.takeAt(1) == QLatin1String("get");
        const int code = get ? jimini::runConfigGetCommand(args) : jimini::runConfigPushCommand(args);
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code); // as for health: Qt's HTTP thread is not waited for
    }
    if (command == QLatin1String("trip") || command == QLatin1String("reset")) {
        const int code = jimini::runBreakerCommand(command, args);
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code); // as for health: Qt's HTTP thread is not waited for
    }
    if (command == QLatin1String("probe")) {
        const int code = jimini::runProbeCommand(args);
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code); // as for health: Qt's HTTP thread is not waited for
    }
    if (command == QLatin1String("audit"))
        return jimini::runAuditCommand(args);
    if (command == QLatin1String("replay")) {
        const int code = jimini::runReplayCommand(args);
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code); // --live: as for health, Qt's HTTP thread is not waited for
    }
    err << "jimini: unknown command \"" << command << "\"\n\n" << kUsage;
    return 1;
}
