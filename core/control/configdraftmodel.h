// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/resilienceconfig.h"
#include "json/fielderror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

namespace jimini {

// Where a draft's text stops being JSON: 1-based line and column (in characters), and why.
struct JsonSyntaxError {
    int line = 0;
    int column = 0;
    qsizetype offset = 0; // bytes
    QString message;

    QString toString() const;
};

// The one draft an editor works on, edited as text (the JSON view) or field by field (the form); both
// views show this model. Every change is checked at once by the agent's own rules (ConfigCodec::parse,
// StrictJson): a syntax error with its line and column, or every field error with its path. A field edit
// needs text that is a JSON object; it rewrites the text (four-space indentation). Headless, UI thread.
class ConfigDraftModel final : public QObject {
    Q_OBJECT
public:
    explicit ConfigDraftModel(QObject* parent = nullptr);

    const QByteArray& text() const noexcept { return m_text; }
    void setText(const QByteArray& text);
    // False (nothing changed) when the text is not a JSON object.
    bool setField(const QStringList& keys, const QJsonValue& value);
    // The value at keys as written in the draft; undefined when the draft does not say.
    QJsonValue writtenValue(const QStringList& keys) const;
    // The value at keys in effect: as written, else the default (when the draft is a valid config).
    QJsonValue effectiveValue(const QStringList& keys) const;

    const std::optional<JsonSyntaxError>& syntaxError() const noexcept { return m_syntax; }
    const QList<FieldError>& errors() const noexcept { return m_errors; } // empty when valid
    const std::optional<ResilienceConfig>& config() const noexcept { return m_config; }
    bool isObject() const noexcept { return m_isObject; }
    const QJsonObject& object() const noexcept { return m_object; }

    static JsonSyntaxError syntaxErrorAt(const QByteArray& text, qsizetype offset, const QString& message);

signals:
    void changed();

private:
    void check();

    QByteArray m_text;
    QJsonObject m_object;
    QJsonObject m_effective;
    bool m_isObject = false;
    std::optional<JsonSyntaxError> m_syntax;
    QList<FieldError> m_errors;
    std::optional<ResilienceConfig> m_config;
};

} // namespace jimini
