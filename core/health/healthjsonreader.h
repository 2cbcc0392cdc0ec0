// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <type_traits>

namespace jimini {

// Typed reads from JSON objects that remember the first schema error with its JSON path, so that the
// readers of the health documents can read straight through and check failed() once per block. After
// a failure every read returns its default. Keys the readers do not ask for are ignored.
class HealthJsonReader {
public:
    // Required: absent is "missing", null is a type error. Nullable: absent is "missing", null gives the
    // default. Optional: absent or null gives the default.
    enum Presence : std::uint8_t { Required, Nullable, Optional };

    bool failed() const noexcept { return !m_error.isEmpty(); }
    const QString& errorPath() const noexcept { return m_errorPath; }
    const QString& error() const noexcept { return m_error; }
    void fail(const QString& path, const QString& reason);

    static QString join(const QString& parent, const QString& key);
    static QString index(const QString& parent, qsizetype i);
    // "a string", "a number", "an object", "an array", "a boolean", "null".
    static QString describe(const QJsonValue& value);

    std::optional<QJsonObject> object(const QJsonObject& o, const QString& parent, const QString& key,
                                      Presence presence);
    std::optional<QJsonArray> array(const QJsonObject& o, const QString& parent, const QString& key,
                                    Presence presence);
    QString string(const QJsonObject& o, const QString& parent, const QString& key, Presence presence,
                   const QString& fallback = {});
    // A string of at most maxLength characters (UTF-16 units); absent or null is nullopt (Optional), a
    // longer one an error that names the limit.
    std::optional<QString> boundedString(const QJsonObject& o, const QString& parent, const QString& key,
                                         Presence presence, int maxLength);
    bool boolean(const QJsonObject& o, const QString& parent, const QString& key, Presence presence,
                 bool fallback = false);
    // A non-negative integer; 12.0 is accepted as 12.
    std::uint64_t counter(const QJsonObject& o, const QString& parent, const QString& key, Presence presence);
    std::uint32_t counter32(const QJsonObject& o, const QString& parent, const QString& key,
                            Presence presence);
    // Any finite number.
    double number(const QJsonObject& o, const QString& parent, const QString& key, Presence presence,
                  double fallback = 0);
    double nonNegative(const QJsonObject& o, const QString& parent, const QString& key, Presence presence,
                       double fallback = 0);
    // A number in [0, 1].
    double fraction(const QJsonObject& o, const QString& parent, const QString& key, Presence presence,
                    double fallback = 0);
    // A number or null.
    std::optional<double> nullableNumber(const QJsonObject& o, const QString& parent, const QString& key,
                                         Presence presence);
    // The same reads where null (or, Optional, absence) is "not reported": nullopt, never a made-up 0.
    std::optional<std::uint64_t> optionalCounter(const QJsonObject& o, const QString& parent,
                                                 const QString& key, Presence presence);
    std::optional<std::uint32_t> optionalCounter32(const QJsonObject& o, const QString& parent,
                                                   const QString& key, Presence presence);
    std::optional<double> optionalNonNegative(const QJsonObject& o, const QString& parent, const QString& key,
                                              Presence presence);
    std::optional<double> optionalFraction(const QJsonObject& o, const QString& parent, const QString& key,
                                           Presence presence);
    // A time string (RFC 3339 or Python isoformat), or null unless Required.
    std::optional<QDateTime> time(const QJsonObject& o, const QString& parent, const QString& key,
                                  Presence presence);
    // One of the allowed strings; the error lists them.
    QString oneOf(const QJsonObject& o, const QString& parent, const QString& key, const QStringList& allowed,
                  Presence presence, const QString& fallback = {});

private:
    // The value if present and of the right kind; nullopt (and maybe an error) otherwise.
    std::optional<QJsonValue> take(const QJsonObject& o, const QString& parent, const QString& key,
                                   Presence presence, QJsonValue::Type type, const char* expected);
    // An optional figure: read() (a plain reader of key) when key holds a value; absent or null is
    // nullopt, a missing required key still an error.
    template <typename Read>
    auto optionalOf(const QJsonObject& o, const QString& parent, const QString& key, Presence presence,
                    Read read) -> std::optional<std::invoke_result_t<Read>>;

    QString m_errorPath;
    QString m_error;
};

} // namespace jimini
