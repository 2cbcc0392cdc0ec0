// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthjsonreader.h"

#include "health/healthtime.h"
#include "json/jsontypename.h"

#include <cmath>
#include <limits>

namespace jimini {

namespace {
QString show(double d) {
    return QString::number(d, 'g', 15);
}
} // namespace

void HealthJsonReader::fail(const QString& path, const QString& reason) {
    if (failed())
        return;
    m_errorPath = path;
    m_error = reason;
}

QString HealthJsonReader::join(const QString& parent, const QString& key) {
    return parent.isEmpty() ? key : parent + u'.' + key;
}

QString HealthJsonReader::index(const QString& parent, qsizetype i) {
    return parent + u'[' + QString::number(i) + u']';
}

QString HealthJsonReader::describe(const QJsonValue& value) {
    return JsonTypeName::of(value);
}

std::optional<QJsonValue> HealthJsonReader::take(const QJsonObject& o, const QString& parent,
                                                 const QString& key, Presence presence, QJsonValue::Type type,
                                                 const char* expected) {
    if (failed())
        return std::nullopt;
    const auto it = o.constFind(key);
    if (it == o.constEnd() || it->isUndefined()) {
        if (presence != Optional)
            fail(join(parent, key), QStringLiteral("missing"));
        return std::nullopt;
    }
    const QJsonValue v = *it;
    if (v.isNull() && presence != Required)
        return std::nullopt;
    if (v.type() != type) {
        fail(join(parent, key),
             QStringLiteral("expected %1, got %2").arg(QLatin1String(expected), describe(v)));
        return std::nullopt;
    }
    return v;
}

std::optional<QJsonObject> HealthJsonReader::object(const QJsonObject& o, const QString& parent,
                                                    const QString& key, Presence presence) {
    const auto v = take(o, parent, key, presence, QJsonValue::Object, "an object");
    return v ? std::optional<QJsonObject>(v->toObject()) : std::nullopt;
}

std::optional<QJsonArray> HealthJsonReader::array(const QJsonObject& o, const QString& parent,
                                                  const QString& key, Presence presence) {
    const auto v = take(o, parent, key, presence, QJsonValue::Array, "an array");
    return v ? std::optional<QJsonArray>(v->toArray()) : std::nullopt;
}

QString HealthJsonReader::string(const QJsonObject& o, const QString& parent, const QString& key,
                                 Presence presence, const QString& fallback) {
    const auto v = take(o, parent, key, presence, QJsonValue::String, "a string");
    return v ? v->toString() : fallback;
}

std::optional<QString> HealthJsonReader::boundedString(const QJsonObject& o, const QString& parent,
                                                       const QString& key, Presence presence, int maxLength) {
    const auto v = take(o, parent, key, presence, QJsonValue::String, "a string");
    if (!v)
        return std::nullopt;
    QString text = v->toString();
    if (text.size() > maxLength) {
        fail(join(parent, key),
             QStringLiteral("expected at most %1 characters, got %2").arg(maxLength).arg(text.size()));
        return std::nullopt;
    }
    return text;
}

bool HealthJsonReader::boolean(const QJsonObject& o, const QString& parent, const QString& key,
                               Presence presence, bool fallback) {
    const auto v = take(o, parent, key, presence, QJsonValue::Bool, "a boolean");
    return v ? v->toBool() : fallback;
}

std::uint64_t HealthJsonReader::counter(const QJsonObject& o, const QString& parent, const QString& key,
                                        Presence presence) {
    const auto v = take(o, parent, key, presence, QJsonValue::Double, "a number");
    if (!v)
        return 0;
    const double d = v->toDouble();
    // 2^64 is exactly representable; anything at or above it does not fit.
    if (!std::isfinite(d) || d < 0 || std::floor(d) != d || d >= 18446744073709551616.0) {
        fail(join(parent, key), QStringLiteral("expected a non-negative integer, got %1").arg(show(d)));
        return 0;
    }
    return static_cast<std::uint64_t>(d);
}

std::uint32_t HealthJsonReader::counter32(const QJsonObject& o, const QString& parent, const QString& key,
                                          Presence presence) {
    const std::uint64_t n = counter(o, parent, key, presence);
    if (n > std::numeric_limits<std::uint32_t>::max()) {
        fail(join(parent, key), QStringLiteral("expected at most 4294967295, got %1").arg(n));
        return 0;
    }
    return static_cast<std::uint32_t>(n);
}

double HealthJsonReader::number(const QJsonObject& o, const QString& parent, const QString& key,
                                Presence presence, double fallback) {
    const auto v = take(o, parent, key, presence, QJsonValue::Double, "a number");
    if (!v)
        return fallback;
    const double d = v->toDouble();
    if (!std::isfinite(d)) {
        fail(join(parent, key), QStringLiteral("expected a finite number, got %1").arg(show(d)));
        return fallback;
    }
    return d;
}

double HealthJsonReader::nonNegative(const QJsonObject& o, const QString& parent, const QString& key,
                                     Presence presence, double fallback) {
    const double d = number(o, parent, key, presence, fallback);
    if (!failed() && d < 0) {
        fail(join(parent, key), QStringLiteral("expected a non-negative number, got %1").arg(show(d)));
        return fallback;
    }
    return d;
}

double HealthJsonReader::fraction(const QJsonObject& o, const QString& parent, const QString& key,
                                  Presence presence, double fallback) {
    const double d = number(o, parent, key, presence, fallback);
    if (!failed() && (d < 0 || d > 1)) {
        fail(join(parent, key), QStringLiteral("expected a fraction in [0, 1], got %1").arg(show(d)));
        return fallback;
    }
    return d;
}

std::optional<double> HealthJsonReader::nullableNumber(const QJsonObject& o, const QString& parent,
                                                       const QString& key, Presence presence) {
    const auto v = take(o, parent, key, presence, QJsonValue::Double, "a number");
    if (!v)
        return std::nullopt;
    if (!std::isfinite(v->toDouble())) {
        fail(join(parent, key), QStringLiteral("expected a finite number, got %1").arg(show(v->toDouble())));
        return std::nullopt;
    }
    return v->toDouble();
}

namespace {
// Whether key holds a value (not absent, not null): the optional reads then take the plain one.
bool given(const QJsonObject& o, const QString& key) {
    const auto it = o.constFind(key);
    return it != o.constEnd() && !it->isUndefined() && !it->isNull();
}
} // namespace

template <typename Read>
auto HealthJsonReader::optionalOf(const QJsonObject& o, const QString& parent, const QString& key,
                                  Presence presence, Read read) -> std::optional<std::invoke_result_t<Read>> {
    if (!given(o, key)) {
        take(o, parent, key, presence, QJsonValue::Double, "a number or null"); // reports a missing key
        return std::nullopt;
    }
    const auto value = read();
    if (failed())
        return std::nullopt;
    return value;
}

std::optional<std::uint64_t> HealthJsonReader::optionalCounter(const QJsonObject& o, const QString& parent,
                                                               const QString& key, Presence presence) {
    return optionalOf(o, parent, key, presence, [&] { return counter(o, parent, key, presence); });
}

std::optional<std::uint32_t> HealthJsonReader::optionalCounter32(const QJsonObject& o, const QString& parent,
                                                                 const QString& key, Presence presence) {
    return optionalOf(o, parent, key, presence, [&] { return counter32(o, parent, key, presence); });
}

std::optional<double> HealthJsonReader::optionalNonNegative(const QJsonObject& o, const QString& parent,
                                                            const QString& key, Presence presence) {
    return optionalOf(o, parent, key, presence, [&] { return nonNegative(o, parent, key, presence); });
}

std::optional<double> HealthJsonReader::optionalFraction(const QJsonObject& o, const QString& parent,
                                                         const QString& key, Presence presence) {
    return optionalOf(o, parent, key, presence, [&] { return fraction(o, parent, key, presence); });
}

std::optional<QDateTime> HealthJsonReader::time(const QJsonObject& o, const QString& parent,
                                                const QString& key, Presence presence) {
    const auto v = take(o, parent, key, presence, QJsonValue::String,
                        presence == Required ? "a time string" : "a time string or null");
    if (!v)
        return std::nullopt;
    auto t = parseTimestamp(v->toString());
    if (!t)
        fail(join(parent, key), QStringLiteral("expected an RFC 3339 time, got \"%1\"").arg(v->toString()));
    return t;
}

QString HealthJsonReader::oneOf(const QJsonObject& o, const QString& parent, const QString& key,
                                const QStringList& allowed, Presence presence, const QString& fallback) {
    const auto v = take(o, parent, key, presence, QJsonValue::String, "a string");
    if (!v)
        return fallback;
    const QString s = v->toString();
    if (!allowed.contains(s)) {
        fail(join(parent, key),
             QStringLiteral("expected one of %1, got \"%2\"").arg(allowed.join(QStringLiteral(", ")), s));
        return fallback;
    }
    return s;
}

} // namespace jimini
