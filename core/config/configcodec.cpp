// SPDX-License-Identifier: GPL-3.0-or-later
#include "configcodec.h"

#include "configreader.h"
#include "configtext.h"
#include "configvalidator.h"
#include "configwriter.h"

#include "json/strictjson.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace jimini {

namespace {
ConfigParseResult documentError(const QString& message) {
    return {std::nullopt, {ConfigError{QString(), message}}};
}
} // namespace

ConfigParseResult ConfigCodec::parse(const QByteArray& json) {
    if (json.size() > maxDocumentSize)
        return documentError(QStringLiteral("document is %1 bytes, more than the limit of %2 bytes (1 MiB)")
                                 .arg(json.size())
                                 .arg(maxDocumentSize));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // QJsonDocument only takes objects and arrays at the top; a lone scalar deserves the clearer message.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + json + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1)
            return documentError(QStringLiteral("the top level must be an object, found %1")
                                     .arg(ConfigText::typeName(wrapped.array().first())));
        return documentError(QStringLiteral("malformed JSON at offset %1: %2")
                                 .arg(parseError.offset)
                                 .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return documentError(QStringLiteral("the top level must be an object, found an array"));
    // What the parser let through silently (a second key it would have kept, NUL, lone surrogates).
    if (const std::optional<StrictJsonIssue> issue = StrictJson::check(json))
        return {std::nullopt, {ConfigError{issue->path, issue->message}}};

    ConfigParseResult result;
    ResilienceConfig config = ConfigReader::read(document.object(), result.errors);
    QSet<QString> reported;
    for (const ConfigError& e : std::as_const(result.errors))
        reported.insert(e.path);
    result.errors += ConfigValidator::validate(config, reported);
    if (result.errors.isEmpty())
        result.config = std::move(config);
    return result;
}

QByteArray ConfigCodec::serialize(const ResilienceConfig& config) {
    return ConfigWriter::write(config).toText();
}

QList<ConfigError> ConfigCodec::validate(const ResilienceConfig& config) {
    return ConfigValidator::validate(config);
}

} // namespace jimini
