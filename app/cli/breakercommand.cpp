// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakercommand.h"

#include "control/auditstore.h"
#include "control/breakerttl.h"
#include "control/controlservice.h"
#include "control/fleetbreakeraction.h"
#include "control/operatoridentity.h"

#include "auth/tokenfile.h"
#include "net/baseurl.h"
#include "net/operatorheader.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>

namespace jimini {

namespace {

QJsonObject toJson(const QString& command, const FleetBreakerAction& action, const QString& operatorName) {
    const FleetBreakerRequest& request = action.request();
    QJsonArray results;
    for (const BreakerItem& item : action.items()) {
        QJsonObject o{{QStringLiteral("url"), item.endpointId},
                      {QStringLiteral("policy"), item.policy},
                      {QStringLiteral("ok"), item.status == BreakerItem::Status::Done},
                      {QStringLiteral("http_status"), item.answer.httpStatus},
                      {QStringLiteral("attempts"), item.attempts}};
        o.insert(QStringLiteral("state"), item.state.isEmpty() ? QJsonValue() : QJsonValue(item.state));
        o.insert(QStringLiteral("manual_until"),
                 item.manualUntil ? QJsonValue(item.manualUntil->toString(Qt::ISODateWithMs)) : QJsonValue());
        o.insert(QStringLiteral("manual_actor"),
                 item.manualActor ? QJsonValue(*item.manualActor) : QJsonValue());
        o.insert(QStringLiteral("manual_reason"),
                 item.manualReason ? QJsonValue(*item.manualReason) : QJsonValue());
        o.insert(QStringLiteral("error"), item.error.isEmpty() ? QJsonValue() : QJsonValue(item.error));
        results.append(o);
    }
    QJsonObject doc{{QStringLiteral("command"), command},
                    {QStringLiteral("state"), ControlClient::toString(request.command)},
                    {QStringLiteral("reason"), request.reason},
                    {QStringLiteral("operator"), operatorName},
                    {QStringLiteral("failed"), action.count(BreakerItem::Status::Failed)},
                    {QStringLiteral("results"), results}};
    doc.insert(QStringLiteral("ttl_seconds"),
               request.ttlSeconds ? QJsonValue(*request.ttlSeconds) : QJsonValue());
    return doc;
}

} // namespace

int runBreakerCommand(const QString& command, const QStringList& arguments) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    const bool trip = command == QLatin1String("trip");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        trip ? QStringLiteral("Trips a circuit breaker by hand on every URL at once: isolated (forced open: "
                              "every call is refused without reaching the dependency) or disabled (forced "
                              "closed: calls go through whatever the failures). With --ttl it returns to "
                              "automatic by itself.")
             : QStringLiteral("Returns a circuit breaker to automatic control on every URL at once (from "
                              "isolated or disabled; an open breaker is closed)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 QStringLiteral("a service's base URL (http://host:port); one or more"));
    const QCommandLineOption policy(QStringLiteral("policy"),
                                    QStringLiteral("the policy whose breaker it is; repeat for several"),
                                    QStringLiteral("P"));
    const QCommandLineOption reason(QStringLiteral("reason"),
                                    QStringLiteral("why (required: the services' and the local audit trail)"),
                                    QStringLiteral("R"));
    const QCommandLineOption ttl(QStringLiteral("ttl"),
                                 QStringLiteral("trip only: back to automatic after D (90, 90s, 5m, 1h)"),
                                 QStringLiteral("D"));
    const QCommandLineOption state(QStringLiteral("state"),
                                   QStringLiteral("trip only: isolated (default) or disabled"),
                                   QStringLiteral("S"), QStringLiteral("isolated"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("bearer token file, sent to every URL"),
                                       QStringLiteral("F"));
    const QCommandLineOption operatorName(
        QStringLiteral("operator"),
        QStringLiteral("who acts (X-Jimini-Operator and the audit store); default: the OS user"),
        QStringLiteral("NAME"));
    const QCommandLineOption auditDb(
        QStringLiteral("audit-db"),
        QStringLiteral("the audit store (default: %1)").arg(AuditStore::defaultPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("seconds to wait for each answer (default 10)"),
                                     QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("print the results as one JSON document on stdout"));
    parser.addOptions({policy, reason, ttl, state, tokenFile, operatorName, auditDb, timeout, json});
    const auto usage = [&err, &command](const QString& what) {
        err << "jimini " << command << ": " << what << "\n";
        return 2;
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options] URL"),
                                         command + QStringLiteral(" [options] URL..."));
        return 0;
    }
    if (parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("expected one or more URLs (see jimini %1 --help)").arg(command));
    if (!parser.isSet(policy))
        return usage(QStringLiteral("--policy is required"));
    if (parser.value(reason).trimmed().isEmpty())
        return usage(QStringLiteral("--reason is required (it goes into the audit trail)"));

    FleetBreakerRequest request;
    request.reason = parser.value(reason).trimmed();
    if (request.reason.size() > 1024)
        return usage(QStringLiteral("--reason is longer than 1024 characters"));
    if (trip) {
        const QString s = parser.value(state);
        if (s == QLatin1String("isolated"))
            request.command = ControlClient::BreakerCommand::Isolate;
        else if (s == QLatin1String("disabled"))
            request.command = ControlClient::BreakerCommand::Disable;
        else
            return usage(QStringLiteral("--state wants isolated or disabled; got \"%1\"").arg(s));
        if (parser.isSet(ttl)) {
            const BreakerTtl parsed = BreakerTtl::parse(parser.value(ttl));
            if (!parsed.seconds)
                return usage(QStringLiteral("--ttl: ") + parsed.error);
            request.ttlSeconds = parsed.seconds;
        }
    } else {
        request.command = ControlClient::BreakerCommand::Auto;
        if (parser.isSet(ttl))
            return usage(QStringLiteral("--ttl is for trip: a breaker returned to automatic has no TTL"));
        if (parser.isSet(state))
            return usage(QStringLiteral("--state is for trip"));
    }
    bool ok = false;
    const double seconds = parser.value(timeout).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600)
        return usage(
            QStringLiteral("--timeout wants seconds in (0, 3600]; got \"%1\"").arg(parser.value(timeout)));
    request.timeoutMs = int(std::lround(seconds * 1000));
    if (parser.isSet(tokenFile)) {
        const TokenFile token = TokenFile::read(parser.value(tokenFile));
        if (!token.ok())
            return usage(token.error());
    }
    QStringList policies;
    for (const QString& p : parser.values(policy)) {
        if (p.trimmed().isEmpty())
            return usage(QStringLiteral("--policy wants a policy name"));
        if (!policies.contains(p.trimmed()))
            policies << p.trimmed();
    }
    for (const QString& text : parser.positionalArguments()) {
        const BaseUrl url = BaseUrl::parse(text);
        if (!url.ok())
            return usage(url.error);
        BreakerTarget target;
        target.endpoint.baseUrl = url.url;
        target.endpoint.tokenFile = parser.value(tokenFile);
        target.instance = target.endpoint.id();
        target.policies = policies;
        request.targets.append(target);
    }
    QString who = OperatorIdentity::osUser();
    if (parser.isSet(operatorName)) {
        who = OperatorHeader::sanitized(parser.value(operatorName));
        if (who.isEmpty())
            return usage(QStringLiteral("--operator wants a name (printable, up to 64 characters)"));
    }

    const std::unique_ptr<AuditStore> audit = AuditStore::openDefault(parser.value(auditDb));
    if (!audit->isOpen()) {
        err << "jimini " << command << ": nothing sent: the audit store cannot be opened: " << audit->error()
            << "\n";
        return 1;
    }
    audit->setOperatorName(who);
    ControlService control;
    control.setOperator(who);
    FleetBreakerAction action(request, control, audit.get());
    QEventLoop loop;
    QObject::connect(&action, &FleetBreakerAction::finished, &loop, &QEventLoop::quit);
    action.start();
    if (action.isRunning())
        loop.exec();

    if (parser.isSet(json)) {
        out << QJsonDocument(toJson(command, action, who)).toJson(QJsonDocument::Compact) << "\n";
    } else {
        for (const BreakerItem& item : action.items())
            (item.status == BreakerItem::Status::Done ? out : err)
                << item.endpointId << " " << item.policy << ": "
                << (item.status == BreakerItem::Status::Done ? QString() : QStringLiteral("failed: "))
                << item.answerText() << "\n";
    }
    return action.count(BreakerItem::Status::Failed) > 0 ? 1 : 0;
}

} // namespace jimini
