// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakercommandcodec.h"

#include "health/healthnames.h"
#include "json/strictjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace jimini {

namespace {
std::optional<QJsonObject> bodyObject(const QByteArray& body, QList<ConfigError>* errors) {
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
    if (e.error != QJsonParseError::NoError) {
        errors->append(
            {QString(),
             QStringLiteral("malformed JSON at offset %1: %2").arg(e.offset).arg(e.errorString())});
        return std::nullopt;
    }
    if (!doc.isObject()) {
        errors->append({QString(), QStringLiteral("the document must be an object")});
        return std::nullopt;
    }
    if (const std::optional<StrictJsonIssue> issue = StrictJson::check(body)) {
        errors->append({issue->path, issue->message});
        return std::nullopt;
    }
    return doc.object();
}
} // namespace

BreakerCommandParseResult BreakerCommandCodec::parse(const QByteArray& body) {
    BreakerCommandParseResult result;
    QList<ConfigError>& errors = result.errors;
    const std::optional<QJsonObject> o = bodyObject(body, &errors);
    if (!o)
        return result;
    BreakerCommand command;
    // Exact names only: the wire is the protocol's, not another library's.
    const QString state = o->value(QLatin1String("state")).toString();
    if (state == breakerStateName(BreakerState::Isolated))
        command.state = BreakerState::Isolated;
    else if (state == breakerStateName(BreakerState::Disabled))
        command.state = BreakerState::Disabled;
    else if (state != QLatin1String("auto"))
        errors.append(
            {QStringLiteral("state"), QStringLiteral("must be \"isolated\", \"disabled\" or \"auto\"")});
    for (auto it = o->begin(); it != o->end(); ++it)
        if (it.key() != QLatin1String("state") && it.key() != QLatin1String("reason") &&
            it.key() != QLatin1String("ttl_seconds"))
            errors.append({it.key(), QStringLiteral("unknown key")});
    const QJsonValue why = o->value(QLatin1String("reason"));
    command.reason = why.toString();
    if (!why.isString() || command.reason.isEmpty() || command.reason.size() > 1024)
        errors.append(
            {QStringLiteral("reason"), QStringLiteral("required: a string of 1 to 1024 characters")});
    const QJsonValue t = o->value(QLatin1String("ttl_seconds"));
    if (!t.isUndefined() && !t.isNull()) {
        if (!t.isDouble() || !(t.toDouble() > 0 && t.toDouble() <= 31536000))
            errors.append({QStringLiteral("ttl_seconds"),
                           QStringLiteral("must be a number of seconds in (0, 31536000]")});
        else if (!command.state)
            errors.append({QStringLiteral("ttl_seconds"), QStringLiteral("not allowed with state \"auto\"")});
        else
            command.ttlSeconds = t.toDouble();
    }
    if (errors.isEmpty())
        result.command = std::move(command);
    return result;
}

} // namespace jimini
