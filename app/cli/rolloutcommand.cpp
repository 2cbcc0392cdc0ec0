// SPDX-License-Identifier: GPL-3.0-or-later
#include "rolloutcommand.h"

#include "control/auditstore.h"
#include "control/configdifftext.h"
#include "control/controlservice.h"
#include "control/operatoridentity.h"
#include "control/rollout.h"

#include "auth/tokenfile.h"
#include "config/configcodec.h"
#include "net/connection.h"
#include "net/operatorheader.h"
#include "net/workspace.h"
#include "runtime/consoleclock.h"
#include "sources/standardsources.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <csignal>

namespace jimini {

namespace {

std::atomic<bool> g_rolloutInterrupted{false};

extern "C" void onRolloutInterrupt(int) {
    g_rolloutInterrupted = true;
}

// Endpoints of the service: those whose group says so, and those without a group whose health document
// names it (read once, the console's way). Workspace order; the first is the canary.
QList<ServiceEndpoint> instancesOf(const QList<ServiceEndpoint>& endpoints, const QString& service,
                                   std::chrono::milliseconds timeout, QNetworkAccessManager* nam,
                                   ConsoleClock& clock, QStringList* unread) {
    QList<std::optional<bool>> member(endpoints.size());
    int pending = 0;
    QEventLoop loop;
    Connection::Options options;
    options.singleShot = true;
    options.timeout = timeout;
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        if (!endpoints[i].group.isEmpty()) {
            member[i] = endpoints[i].group == service;
            continue;
        }
        auto* read = new Connection(protocolFor(endpoints[i].kind), endpoints[i], clock, nam, options, &loop);
        ++pending;
        QObject::connect(read, &Connection::sampleReady, &loop, [&, i, read](const SourceSample& sample) {
            if (sample.document)
                member[i] = sample.document->service == service;
            else
                *unread << endpoints[i].id() + QStringLiteral(": ") + sample.reason;
            read->stop();
            if (--pending == 0)
                loop.quit();
        });
        read->start();
    }
    if (pending > 0)
        loop.exec();
    QList<ServiceEndpoint> found;
    for (qsizetype i = 0; i < endpoints.size(); ++i)
        if (member[i].value_or(false))
            found.append(endpoints[i]);
    return found;
}

QJsonObject toJson(const Rollout& rollout) {
    QJsonArray instances;
    for (const RolloutInstance& instance : rollout.instances())
        instances.append(QJsonObject{{QStringLiteral("instance"), instance.name},
                                     {QStringLiteral("url"), instance.endpoint.id()},
                                     {QStringLiteral("step"), rolloutStepName(instance.step)},
                                     {QStringLiteral("figure"), instance.figure}});
    return {{QStringLiteral("service"), rollout.options().service},
            {QStringLiteral("result"), Rollout::toString(rollout.result())},
            {QStringLiteral("summary"), rollout.summary()},
            {QStringLiteral("ended_on_one_config"), rollout.endedOnOneConfig()},
            {QStringLiteral("changes"), ConfigDiffText::toJson(rollout.changes())},
            {QStringLiteral("instances"), instances}};
}

} // namespace

std::optional<std::chrono::milliseconds> parseCliDuration(const QString& text) {
    static const QRegularExpression withUnit(QStringLiteral("^(\\d{1,9})(ms|s|m|h)$"));
    if (const QRegularExpressionMatch m = withUnit.match(text); m.hasMatch()) {
        const qint64 unit = m.captured(2) == QLatin1String("ms")  ? 1
                            : m.captured(2) == QLatin1String("s") ? 1000
                            : m.captured(2) == QLatin1String("m") ? 60000
                                                                  : 3600000;
        const qint64 ms = m.captured(1).toLongLong() * unit;
        return ms > 0 ? std::optional(std::chrono::milliseconds(ms)) : std::nullopt;
    }
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 1e6)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(std::llround(seconds * 1000)));
}

int runConfigRolloutCommand(const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Pushes FILE to every instance of a service as a staged rollout: one canary first, watched for the "
        "canary watch time, then the rest in batches, each watched the same way. Rolls back, in reverse, "
        "when an instance's error rate rises by more than the threshold over its own error rate before the "
        "rollout, or a breaker opens that was closed. Ctrl-C aborts: the old config goes back."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("the new config (docs/config.md)"));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
                                       QStringLiteral("the workspace file listing the instances"),
                                       QStringLiteral("W"));
    const QCommandLineOption service(
        QStringLiteral("service"),
        QStringLiteral("the service: a workspace group, or the health document's "
                       "service for an entry without one"),
        QStringLiteral("S"));
    const QCommandLineOption watch(QStringLiteral("canary-watch"),
                                   QStringLiteral("how long the canary, and each batch, is watched: seconds, "
                                                  "or with a unit (90, 30s, 5m)"),
                                   QStringLiteral("D"));
    const QCommandLineOption batch(
        QStringLiteral("batch"), QStringLiteral("instances per batch after the canary"), QStringLiteral("N"));
    const QCommandLineOption threshold(
        QStringLiteral("threshold"),
        QStringLiteral("error-rate rise, in percentage points, that rolls back "
                       "(default 10)"),
        QStringLiteral("PP"), QStringLiteral("10"));
    const QCommandLineOption poll(
        QStringLiteral("poll"), QStringLiteral("how often a watched instance's health is read (default 1s)"),
        QStringLiteral("D"), QStringLiteral("1s"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("bearer token file for every instance (instead of the "
                                                      "workspace's token_file)"),
                                       QStringLiteral("F"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("go on although the instances run different configs (a "
                                                  "rollback then restores each one's own)"));
    const QCommandLineOption reason(QStringLiteral("reason"), QStringLiteral("why, for the audit trail"),
                                    QStringLiteral("R"));
    const QCommandLineOption auditDb(
        QStringLiteral("audit-db"),
        QStringLiteral("the audit store (default: %1)").arg(AuditStore::defaultPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption operatorName(
        QStringLiteral("operator"),
        QStringLiteral("the name the services and the audit trail record (default: "
                       "the OS user)"),
        QStringLiteral("NAME"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("print the outcome as one JSON document on stdout (the "
                                                 "progress lines go to stderr)"));
    parser.addOptions({workspace, service, watch, batch, threshold, poll, tokenFile, force, reason, auditDb,
                       operatorName, json});
    const auto usage = [&err](const QString& what) {
        err << "jimini config rollout: " << what << "\n";
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options] FILE"),
                                         QStringLiteral("config rollout [options] FILE"));
        return 0;
    }
    for (const QCommandLineOption* required : {&workspace, &service, &watch, &batch})
        if (!parser.isSet(*required))
            return usage(QStringLiteral("--%1 is required").arg(required->names().front()));
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("expected one config FILE (see jimini config rollout --help)"));
    RolloutOptions options;
    options.service = parser.value(service);
    options.force = parser.isSet(force);
    options.reason = parser.value(reason);
    const auto watchTime = parseCliDuration(parser.value(watch));
    if (!watchTime)
        return usage(QStringLiteral("--canary-watch wants a positive duration (90, 30s, 5m); got \"%1\"")
                         .arg(parser.value(watch)));
    options.watch = *watchTime;
    const auto pollTime = parseCliDuration(parser.value(poll));
    if (!pollTime)
        return usage(QStringLiteral("--poll wants a positive duration; got \"%1\"").arg(parser.value(poll)));
    options.pollInterval = *pollTime;
    bool ok = false;
    options.batchSize = parser.value(batch).toInt(&ok);
    if (!ok || options.batchSize < 1)
        return usage(
            QStringLiteral("--batch wants a whole number >= 1; got \"%1\"").arg(parser.value(batch)));
    options.thresholdPp = parser.value(threshold).toDouble(&ok);
    if (!ok || !std::isfinite(options.thresholdPp) || options.thresholdPp < 0 || options.thresholdPp > 100)
        return usage(QStringLiteral("--threshold wants percentage points in [0, 100]; got \"%1\"")
                         .arg(parser.value(threshold)));

    const QString file = parser.positionalArguments().front();
    QFile configFile(file);
    if (!configFile.open(QIODevice::ReadOnly))
        return usage(QStringLiteral("%1: %2").arg(file, configFile.errorString()));
    if (configFile.size() > ConfigCodec::maxDocumentSize)
        return usage(QStringLiteral("%1: larger than %2 bytes").arg(file).arg(ConfigCodec::maxDocumentSize));
    options.config = configFile.read(ConfigCodec::maxDocumentSize + 1);
    const ConfigParseResult parsed = ConfigCodec::parse(options.config);
    if (!parsed.ok()) {
        for (const ConfigError& e : parsed.errors)
            err << "jimini config rollout: " << file << ": "
                << (e.path.isEmpty() ? QStringLiteral("(document)") : e.path) << ": " << e.message << "\n";
        return 2;
    }
    options.environment = parsed.config->environment;
    const WorkspaceParseResult loaded = Workspace::load(parser.value(workspace));
    if (!loaded.ok()) {
        for (const FieldError& e : loaded.errors)
            err << "jimini config rollout: " << parser.value(workspace) << ": "
                << (e.path.isEmpty() ? QString() : e.path + QStringLiteral(": ")) << e.message << "\n";
        return 2;
    }
    QList<ServiceEndpoint> endpoints = *loaded.endpoints;
    if (parser.isSet(tokenFile)) {
        const TokenFile token = TokenFile::read(parser.value(tokenFile));
        if (!token.ok())
            return usage(token.error());
        for (ServiceEndpoint& endpoint : endpoints)
            endpoint.tokenFile = parser.value(tokenFile);
    }

    QString who = OperatorIdentity::osUser();
    if (parser.isSet(operatorName)) {
        who = OperatorHeader::sanitized(parser.value(operatorName));
        if (who.isEmpty())
            return usage(QStringLiteral("--operator wants a name (printable, up to 64 characters)"));
    }

    const auto clock = ConsoleClock::live();
    // Left to the process's exit, as in `jimini health` (main() ends with std::_Exit): its network
    // manager's destructor would wait for Qt's HTTP thread.
    auto* control = new ControlService;
    control->setOperator(who);
    QNetworkAccessManager* nam = control->network();
    QStringList unread;
    options.instances = instancesOf(endpoints, options.service, options.requestTimeout, nam, *clock, &unread);
    if (!unread.isEmpty()) {
        err << "jimini config rollout: not every workspace entry could be read to learn its service:\n";
        for (const QString& line : unread)
            err << "  " << line << "\n";
        return 1;
    }
    if (options.instances.isEmpty())
        return usage(QStringLiteral("no instance of service \"%1\" in %2")
                         .arg(options.service, parser.value(workspace)));

    const std::unique_ptr<AuditStore> audit = AuditStore::openDefault(parser.value(auditDb));
    if (!audit->isOpen()) {
        err << "jimini config rollout: nothing sent: the audit store cannot be written: " << audit->error()
            << "\n";
        return 1;
    }
    audit->setOperatorName(who);
    QTextStream& progress = parser.isSet(json) ? err : out;
    Rollout rollout(options, *clock, *control, audit.get());
    QList<QString> shown(options.instances.size());
    QObject::connect(&rollout, &Rollout::instanceChanged, &rollout, [&](int index) {
        const RolloutInstance& instance = rollout.instances()[index];
        if (rollout.phase() == Rollout::Phase::Preparing)
            return;
        const QString line =
            QStringLiteral("%1: %2%3")
                .arg(instance.name, rolloutStepName(instance.step),
                     instance.figure.isEmpty() ? QString() : QStringLiteral(": ") + instance.figure);
        if (line == shown[index])
            return;
        shown[index] = line;
        progress << line << Qt::endl;
    });
    QObject::connect(&rollout, &Rollout::phaseChanged, &rollout, [&](Rollout::Phase phase) {
        if (phase != Rollout::Phase::Pushing || rollout.currentBatch() != 0)
            return;
        if (rollout.changes().isEmpty())
            progress << "changes: none (the new config is the one in force)" << Qt::endl;
        else
            progress << "changes (" << rollout.instances().front().name << " → " << file << "):" << Qt::endl;
        for (const QString& line : ConfigDiffText::lines(rollout.changes()))
            progress << line << Qt::endl; // "  path: old → new", "+ path: value", "- path: value"
        for (const RolloutInstance& instance : rollout.instances()) {
            if (instance.baseline &&
                double(options.watch.count()) < instance.baseline->windowSeconds * 1000) {
                progress << "note: the watch is shorter than " << instance.name << "'s error-rate window ("
                         << instance.baseline->windowSeconds
                         << " s): its last reading still counts calls from before the push" << Qt::endl;
                break;
            }
        }
    });
    QEventLoop loop;
    QObject::connect(&rollout, &Rollout::finished, &loop, &QEventLoop::quit);
    QTimer interrupts;
    QObject::connect(&interrupts, &QTimer::timeout, &rollout, [&] {
        if (g_rolloutInterrupted.exchange(false)) {
            progress << "aborting: the old config goes back" << Qt::endl;
            rollout.abort();
        }
    });
    std::signal(SIGINT, onRolloutInterrupt);
    std::signal(SIGTERM, onRolloutInterrupt);
    interrupts.start(100);
    progress << QStringLiteral("rolling out %1 to %2 instance(s) of %3: canary %4, then batches of %5")
                    .arg(file)
                    .arg(options.instances.size())
                    .arg(options.service, options.instances.front().id())
                    .arg(options.batchSize)
             << Qt::endl;
    rollout.start();
    if (rollout.phase() != Rollout::Phase::Finished)
        loop.exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (parser.isSet(json))
        out << QJsonDocument(toJson(rollout)).toJson(QJsonDocument::Compact) << "\n";
    else
        out << rollout.summary() << "\n";
    if (rollout.result() == Rollout::Result::Completed)
        return 0;
    return rollout.stoppedByConflict() ? 3 : 1;
}

} // namespace jimini
