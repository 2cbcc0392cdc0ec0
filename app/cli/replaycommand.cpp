// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaycommand.h"

#include "livereplaycommand.h"
#include "replaytable.h"

#include "config/configcodec.h"
#include "config/profiles.h"
#include "sim/replayengine.h"
#include "sim/replayjson.h"
#include "sim/replaysummary.h"
#include "sim/scenariolibrary.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace jimini {

namespace {
struct NamedConfig {
    QString name;
    ResilienceConfig config;
};

// A profile name, or a config file (bounded before it is read); errors say which and where.
std::optional<NamedConfig> loadConfig(const QString& what, QTextStream& err) {
    if (Profiles::names().contains(what))
        return NamedConfig{what, *Profiles::load(what)};
    QFile file(what);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "jimini replay: " << what << ": " << file.errorString()
            << " (not a file, nor a profile: " << Profiles::names().join(QStringLiteral(", ")) << ")\n";
        return std::nullopt;
    }
    if (file.size() > ConfigCodec::maxDocumentSize) {
        err << "jimini replay: " << what << ": larger than " << ConfigCodec::maxDocumentSize << " bytes\n";
        return std::nullopt;
    }
    const ConfigParseResult parsed = ConfigCodec::parse(file.read(ConfigCodec::maxDocumentSize + 1));
    if (!parsed.config) {
        for (const ConfigError& e : parsed.errors)
            err << "jimini replay: " << what << ": " << e.toString() << "\n";
        return std::nullopt;
    }
    return NamedConfig{QFileInfo(what).completeBaseName(), *parsed.config};
}
} // namespace

int runReplayCommand(const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Replays a failure scenario on simulated time against the real policy pipeline of one "
                       "to three configs and compares them (docs/scenarios.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SCENARIO"),
                                 QStringLiteral("a scenario file, or a bundled scenario's name (--list)"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("the config: a file, or production, staging, development"),
                                    QStringLiteral("FILE"));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("another config to compare (up to two)"),
                                     QStringLiteral("FILE"));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral("print every second of every run, the transitions and the summary "
                       "as one JSON document"));
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("list the bundled scenarios"));
    const QCommandLineOption live(
        QStringLiteral("live"),
        QStringLiteral("play the scenario against the agents at URL... through their "
                       "/faults, in real time (jimini replay --live URL... SCENARIO)"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("--live: bearer token file, sent to every URL"),
                                       QStringLiteral("F"));
    const QCommandLineOption auditDb(QStringLiteral("audit-db"),
                                     QStringLiteral("--live: the audit store (default: the shared one)"),
                                     QStringLiteral("FILE"));
    parser.addOptions({config, compare, json, list, live, tokenFile, auditDb});
    if (!parser.parse(arguments)) {
        err << "jimini replay: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options] SCENARIO"),
                                         QStringLiteral("replay [options] SCENARIO"));
        return 0;
    }
    if (parser.isSet(list)) {
        for (const QString& name : ScenarioLibrary::names())
            out << name << "\n";
        return 0;
    }
    if (parser.isSet(live)) {
        QStringList positional = parser.positionalArguments();
        if (positional.size() < 2 || parser.isSet(config) || parser.isSet(compare)) {
            err << "jimini replay --live: give one or more URLs and then one SCENARIO, without --config (the "
                   "agents run their own)\n";
            return 2;
        }
        LiveReplayCommandOptions options;
        options.scenario = positional.takeLast();
        options.urls = positional;
        options.tokenFile = parser.value(tokenFile);
        options.auditDb = parser.value(auditDb);
        options.json = parser.isSet(json);
        return runLiveReplayCommand(options);
    }
    if (parser.isSet(tokenFile) || parser.isSet(auditDb)) {
        err << "jimini replay: --token-file and --audit-db are for --live\n";
        return 2;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(config)) {
        err << "jimini replay: give one SCENARIO and --config (see jimini replay --help)\n";
        return 2;
    }
    const QStringList others = parser.values(compare);
    if (others.size() > 2) {
        err << "jimini replay: at most two --compare configs (three columns in all)\n";
        return 2;
    }
    const ScenarioParseResult scenario = ScenarioLibrary::load(parser.positionalArguments().first());
    if (!scenario.scenario) {
        for (const FieldError& e : scenario.errors) // a file's errors name the file; a JSON path needs it
            err << "jimini replay: "
                << (e.path.isEmpty()
                        ? e.message
                        : parser.positionalArguments().first() + QStringLiteral(": ") + e.toString())
                << "\n";
        return 2;
    }
    std::vector<NamedConfig> configs;
    for (const QString& what : QStringList{parser.value(config)} + others) {
        std::optional<NamedConfig> c = loadConfig(what, err);
        if (!c)
            return 2;
        const QList<FieldError> problems = ReplayEngine::check(*scenario.scenario, c->config);
        for (const FieldError& e : problems)
            err << "jimini replay: " << what << " against the scenario: " << e.toString() << "\n";
        if (!problems.isEmpty())
            return 2;
        configs.push_back(std::move(*c));
    }

    const Scenario& s = *scenario.scenario;
    QFile stdoutFile;
    if (parser.isSet(json)) {
        out.flush();
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
            return 2;
        const QJsonObject head{
            {QStringLiteral("name"), s.name},
            {QStringLiteral("seed"), double(s.seed)},
            {QStringLiteral("duration_seconds"), std::chrono::duration<double>(s.duration).count()}};
        stdoutFile.write("{\"scenario\":" + QJsonDocument(head).toJson(QJsonDocument::Compact) +
                         ",\"configs\":[");
    }
    std::vector<ReplayColumn> columns;
    for (std::size_t i = 0; i < configs.size(); ++i) {
        std::optional<ReplayJsonStream> stream;
        if (parser.isSet(json)) {
            if (i > 0)
                stdoutFile.write(",");
            stream.emplace(stdoutFile, configs[i].name);
        }
        ReplaySummary summary(s, stream ? &*stream : nullptr);
        const ReplayRun run = ReplayEngine::run(s, configs[i].config, summary);
        if (stream)
            stream->finish(summary.dependencies(), run.inFlightAtEnd);
        columns.push_back({configs[i].name, summary.dependencies(), run.inFlightAtEnd});
    }
    if (parser.isSet(json)) {
        stdoutFile.write("]}\n");
        stdoutFile.flush();
        return 0;
    }
    out << "Scenario " << s.name << ": " << std::chrono::duration<double>(s.duration).count() << " s, seed "
        << s.seed << ", replayed on simulated time\n\n"
        << replayTable(columns);
    return 0;
}

} // namespace jimini
