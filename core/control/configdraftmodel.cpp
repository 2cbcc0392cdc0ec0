// SPDX-License-Identifier: GPL-3.0-or-later
#include "configdraftmodel.h"

#include "control/configmerge.h"

#include "config/configcodec.h"
#include "json/strictjson.h"

#include <QJsonDocument>

#include <algorithm>

namespace jimini {

namespace {

QJsonValue valueAt(const QJsonObject& root, const QStringList& keys) {
    QJsonValue v = root;
    for (const QString& key : keys) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(key);
    }
    return v;
}

} // namespace

QString JsonSyntaxError::toString() const {
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

ConfigDraftModel::ConfigDraftModel(QObject* parent)
    : QObject(parent) {
    check();
}

JsonSyntaxError ConfigDraftModel::syntaxErrorAt(const QByteArray& text, qsizetype offset,
                                                const QString& message) {
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const QByteArray before = text.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    JsonSyntaxError error;
    error.offset = offset;
    error.line = int(before.count('\n')) + 1;
    error.column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    error.message = message;
    return error;
}

void ConfigDraftModel::setText(const QByteArray& text) {
    if (text == m_text)
        return;
    m_text = text;
    check();
    emit changed();
}

bool ConfigDraftModel::setField(const QStringList& keys, const QJsonValue& value) {
    if (!m_isObject || keys.isEmpty())
        return false;
    const QJsonObject edited = ConfigMerge::withValue(m_object, keys, value);
    if (edited == m_object)
        return true;
    m_text = QJsonDocument(edited).toJson(QJsonDocument::Indented);
    check();
    emit changed();
    return true;
}

QJsonValue ConfigDraftModel::writtenValue(const QStringList& keys) const {
    return valueAt(m_object, keys);
}

QJsonValue ConfigDraftModel::effectiveValue(const QStringList& keys) const {
    const QJsonValue written = writtenValue(keys);
    if (!written.isUndefined() || m_effective.isEmpty())
        return written;
    return valueAt(m_effective, keys);
}

void ConfigDraftModel::check() {
    m_syntax.reset();
    m_errors.clear();
    m_config.reset();
    m_object = {};
    m_effective = {};
    m_isObject = false;
    if (m_text.size() > ConfigCodec::maxDocumentSize) {
        m_errors.append(
            {QString(), QStringLiteral("larger than %1 bytes").arg(ConfigCodec::maxDocumentSize)});
        return;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(m_text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_syntax = syntaxErrorAt(m_text, parseError.offset, parseError.errorString());
        return;
    }
    if (const std::optional<StrictJsonIssue> issue = StrictJson::check(m_text)) {
        m_syntax = syntaxErrorAt(m_text, issue->offset,
                                 issue->path.isEmpty() ? issue->message
                                                       : issue->path + QStringLiteral(": ") + issue->message);
        return;
    }
    m_isObject = document.isObject();
    m_object = document.object();
    ConfigParseResult parsed = ConfigCodec::parse(m_text);
    m_errors = parsed.errors;
    m_config = std::move(parsed.config);
    if (m_config)
        m_effective = QJsonDocument::fromJson(ConfigCodec::serialize(*m_config)).object();
}

} // namespace jimini
