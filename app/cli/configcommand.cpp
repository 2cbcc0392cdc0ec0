// SPDX-License-Identifier: GPL-3.0-or-later
#include "configcommand.h"

#include "control/auditstore.h"
#include "control/configdifftext.h"
#include "control/configsession.h"

#include "auth/tokenfile.h"
#include "config/configcodec.h"
#include "config/configdiff.h"
#include "net/baseurl.h"
#include "net/controlresult.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cmath>

namespace jimini {

namespace {

struct Common {
    QCommandLineOption tokenFile{
        QStringLiteral("token-file"),
        QStringLiteral("bearer token file (one line of printable ASCII); the token goes "
                       "only to the URL's origin"),
        QStringLiteral("F")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("print one JSON document on stdout")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("seconds per request, redirects included (default 15)"),
                               QStringLiteral("S"), QStringLiteral("15")};
};

// Parses the URLs and the shared options into endpoints; an error message (for exit code 2) or empty.
QString endpointsOf(const QStringList& urls, const QCommandLineParser& parser, const Common& common,
                    QList<ServiceEndpoint>* endpoints, int* timeoutMs, QTextStream& err,
                    const QString& name) {
    bool ok = false;
    const double seconds = parser.value(common.timeout).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600)
        return QStringLiteral("--timeout must be a number of seconds in (0, 3600]");
    *timeoutMs = int(std::lround(seconds * 1000));
    if (parser.isSet(common.tokenFile)) {
        const TokenFile token = TokenFile::read(parser.value(common.tokenFile));
        if (!token.ok())
            return token.error();
    }
    for (const QString& text : urls) {
        const BaseUrl url = BaseUrl::parse(text);
        if (!url.ok())
            return url.error;
        if (url.schemeAssumed)
            err << name << ": " << url.note() << "\n";
        ServiceEndpoint endpoint;
        endpoint.baseUrl = url.url;
        endpoint.tokenFile = parser.value(common.tokenFile);
        if (!endpoint.apiBase())
            return QStringLiteral("%1: a document URL has no config endpoint; give the service's base URL")
                .arg(text);
        endpoints->append(endpoint);
    }
    return {};
}

ControlResult load(ConfigSession& session) {
    ControlResult answer;
    QEventLoop loop;
    QObject::connect(&session, &ConfigSession::loaded, &loop, [&](const ControlResult& r) {
        answer = r;
        loop.quit();
    });
    session.load();
    loop.exec();
    return answer;
}

ConfigPushOutcome push(ConfigSession& session, const QByteArray& document) {
    ConfigPushOutcome outcome;
    QEventLoop loop;
    QObject::connect(&session, &ConfigSession::pushed, &loop, [&](const ConfigPushOutcome& o) {
        outcome = o;
        loop.quit();
    });
    session.push(document);
    if (session.busy())
        loop.exec();
    return outcome;
}

QJsonArray errorsJson(const QList<FieldError>& errors) {
    QJsonArray out;
    for (const FieldError& e : errors)
        out.append(QJsonObject{{QStringLiteral("path"), e.path}, {QStringLiteral("message"), e.message}});
    return out;
}

QString kindName(ConfigPushOutcome::Kind kind) {
    switch (kind) {
    case ConfigPushOutcome::Kind::Applied:
        return QStringLiteral("applied");
    case ConfigPushOutcome::Kind::Stale:
        return QStringLiteral("conflict");
    case ConfigPushOutcome::Kind::Invalid:
        return QStringLiteral("invalid");
    case ConfigPushOutcome::Kind::Failed:
        return QStringLiteral("failed");
    case ConfigPushOutcome::Kind::NotRecorded:
        return QStringLiteral("not-recorded");
    }
    return {};
}

} // namespace

int runConfigGetCommand(const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reads a service's live resilience config (GET /resilience/v1/config). The config goes "
        "to stdout, its ETag to stderr; with --json both in one document."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("the service's base URL"));
    const Common common;
    parser.addOptions({common.tokenFile, common.json, common.timeout});
    const auto usage = [&err](const QString& what) {
        err << "jimini config get: " << what << "\n";
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options] URL"),
                                         QStringLiteral("config get [options] URL"));
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usage(QStringLiteral("expected one URL (see jimini config get --help)"));
    QList<ServiceEndpoint> endpoints;
    int timeoutMs = 0;
    if (const QString why = endpointsOf(parser.positionalArguments(), parser, common, &endpoints, &timeoutMs,
                                        err, QStringLiteral("jimini config get"));
        !why.isEmpty())
        return usage(why);
    auto* nam = new QNetworkAccessManager; // left to the process's exit, as in `jimini health`
    ConfigSession session(endpoints.front(), nam, nullptr, nullptr);
    session.setTimeout(timeoutMs);
    const ControlResult answer = load(session);
    if (!answer.ok) {
        err << "jimini config get: " << endpoints.front().id() << ": " << answer.reason << "\n";
        return 1;
    }
    const QByteArray text = ConfigCodec::serialize(*session.base());
    if (parser.isSet(common.json)) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("url"), endpoints.front().id()},
                                         {QStringLiteral("etag"), QString::fromLatin1(session.etag())},
                                         {QStringLiteral("config"), QJsonDocument::fromJson(text).object()}})
                   .toJson(QJsonDocument::Compact)
            << "\n";
    } else {
        err << "ETag: " << QString::fromLatin1(session.etag()) << "\n";
        out << QString::fromUtf8(text);
    }
    return 0;
}

int runConfigPushCommand(const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Pushes the config in FILE to each URL: reads the live config and its ETag, prints the field-level "
        "diff, and sends FILE with If-Match. --dry-run prints the diffs and sends nothing."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL..."), QStringLiteral("the services' base URLs"));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("the config (docs/config.md)"));
    const Common common;
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("print each target's diff; send nothing"));
    const QCommandLineOption reason(QStringLiteral("reason"), QStringLiteral("why, for the audit trail"),
                                    QStringLiteral("R"));
    const QCommandLineOption auditDb(
        QStringLiteral("audit-db"),
        QStringLiteral("the audit store (default: %1)").arg(AuditStore::defaultPath()),
        QStringLiteral("FILE"));
    parser.addOptions({common.tokenFile, common.json, common.timeout, dryRun, reason, auditDb});
    const auto usage = [&err](const QString& what) {
        err << "jimini config push: " << what << "\n";
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options] URL... FILE"),
                                         QStringLiteral("config push [options] URL... FILE"));
        return 0;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return usage(
            QStringLiteral("expected one or more URLs and a config FILE (see jimini config push --help)"));
    const QString file = positional.takeLast();
    QList<ServiceEndpoint> endpoints;
    int timeoutMs = 0;
    if (const QString why = endpointsOf(positional, parser, common, &endpoints, &timeoutMs, err,
                                        QStringLiteral("jimini config push"));
        !why.isEmpty())
        return usage(why);

    QFile configFile(file);
    if (!configFile.open(QIODevice::ReadOnly))
        return usage(QStringLiteral("%1: %2").arg(file, configFile.errorString()));
    if (configFile.size() > ConfigCodec::maxDocumentSize)
        return usage(QStringLiteral("%1: larger than %2 bytes").arg(file).arg(ConfigCodec::maxDocumentSize));
    const QByteArray document = configFile.read(ConfigCodec::maxDocumentSize + 1);
    const ConfigParseResult parsed = ConfigCodec::parse(document);
    if (!parsed.ok()) {
        for (const ConfigError& e : parsed.errors)
            err << "jimini config push: " << file << ": "
                << (e.path.isEmpty() ? QStringLiteral("(document)") : e.path) << ": " << e.message << "\n";
        return 2;
    }

    std::unique_ptr<AuditStore> audit;
    if (!parser.isSet(dryRun)) {
        audit = AuditStore::openDefault(parser.value(auditDb));
        if (!audit->isOpen()) {
            err << "jimini config push: nothing sent: the audit store cannot be written: " << audit->error()
                << "\n";
            return 1;
        }
    }
    const bool json = parser.isSet(common.json);
    auto* nam = new QNetworkAccessManager; // left to the process's exit, as in `jimini health`
    bool failed = false;
    bool conflict = false;
    QJsonArray targets;
    for (const ServiceEndpoint& endpoint : std::as_const(endpoints)) {
        ConfigSession session(endpoint, nam, audit.get(), nullptr);
        session.setTimeout(timeoutMs);
        session.setReason(parser.value(reason));
        QJsonObject target{{QStringLiteral("url"), endpoint.id()}};
        const ControlResult live = load(session);
        if (!live.ok) {
            failed = true;
            target.insert(QStringLiteral("result"), QStringLiteral("unread"));
            target.insert(QStringLiteral("detail"), live.reason);
            err << endpoint.id() << ": live config not read: " << live.reason << "\n";
            targets.append(target);
            continue;
        }
        const QList<ConfigChange> changes = ConfigDiff::diff(*session.base(), *parsed.config);
        target.insert(QStringLiteral("etag_before"), QString::fromLatin1(session.etag()));
        target.insert(QStringLiteral("diff"), ConfigDiffText::toJson(changes));
        if (!json) {
            out << endpoint.id() << " (" << QString::fromLatin1(session.etag()) << "): "
                << (changes.isEmpty() ? QStringLiteral("no change")
                                      : QStringLiteral("%1 change(s)").arg(changes.size()))
                << "\n";
            for (const QString& line : ConfigDiffText::lines(changes))
                out << "  " << line << "\n";
        }
        if (parser.isSet(dryRun) || changes.isEmpty()) {
            target.insert(QStringLiteral("result"),
                          parser.isSet(dryRun) ? QStringLiteral("dry-run") : QStringLiteral("unchanged"));
            targets.append(target);
            continue;
        }
        const ConfigPushOutcome outcome = push(session, document);
        target.insert(QStringLiteral("result"), kindName(outcome.kind));
        target.insert(QStringLiteral("detail"), outcome.detail);
        if (outcome.kind == ConfigPushOutcome::Kind::Applied)
            target.insert(QStringLiteral("etag_after"), QString::fromLatin1(outcome.etag));
        if (!outcome.errors.isEmpty())
            target.insert(QStringLiteral("errors"), errorsJson(outcome.errors));
        if (outcome.kind == ConfigPushOutcome::Kind::Stale) {
            conflict = true;
            if (outcome.rebase)
                target.insert(QStringLiteral("changed_underneath"),
                              ConfigDiffText::toJson(outcome.rebase->underneath));
        } else if (outcome.kind != ConfigPushOutcome::Kind::Applied) {
            failed = true;
        }
        if (!json) {
            out << "  " << outcome.detail << "\n";
            for (const FieldError& e : outcome.errors)
                out << "    " << e.toString() << "\n";
            if (outcome.rebase)
                for (const QString& line : ConfigDiffText::lines(outcome.rebase->underneath))
                    out << "    changed underneath: " << line.trimmed() << "\n";
        }
        targets.append(target);
    }
    if (json)
        out << QJsonDocument(QJsonObject{{QStringLiteral("file"), file},
                                         {QStringLiteral("dry_run"), parser.isSet(dryRun)},
                                         {QStringLiteral("targets"), targets}})
                   .toJson(QJsonDocument::Compact)
            << "\n";
    return failed ? 1 : conflict ? 3 : 0;
}

} // namespace jimini
