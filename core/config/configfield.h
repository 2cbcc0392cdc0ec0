// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configerror.h"
#include "configrange.h"
#include "configtext.h"
#include "policy/outcome.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QList>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace jimini {

enum class FieldKind : std::uint8_t {
    UInt,       // std::uint32_t
    Number,     // double
    Duration,   // jimini::Duration, seconds in the document
    Bool,       //
    Enum,       // one of names, stored through get/set
    Categories, // std::uint32_t mask of categoryBit(ErrorCategory), an array of names in the document
    Special,    // a key whose form the reader and writer handle by hand (randomize, budget, adaptive)
};

// One key of one option struct: its name, type, rule and member. Reader, writer and validator all walk
// the same tables (ConfigSchema), so a key cannot be readable but not written, or written but unchecked.
template <class O> struct ConfigField {
    const char* key = "";
    FieldKind kind = FieldKind::Special;
    ConfigRange range{};
    std::uint32_t O::*uintMember = nullptr;
    double O::*numberMember = nullptr;
    Duration O::*durationMember = nullptr;
    bool O::*boolMember = nullptr;
    int (*getEnum)(const O&) = nullptr;
    void (*setEnum)(O&, int) = nullptr;
    std::span<const char* const> names{};

    QString name() const { return QString::fromLatin1(key); }

    // Stores the value when it is representable; range rules are the validator's (see check).
    bool read(const QJsonValue& value, O& options, const QString& path, QList<ConfigError>& errors) const {
        const auto fail = [&](const QString& message) {
            errors.append({path, message});
            return false;
        };
        switch (kind) {
        case FieldKind::UInt: {
            if (!value.isDouble())
                return fail(ConfigText::typeError(QStringLiteral("an integer"), value));
            const double d = value.toDouble();
            if (d != std::trunc(d))
                return fail(QStringLiteral("expected an integer, found ") + ConfigText::number(d));
            if (d < 0)
                return fail(range.violation(QStringLiteral("an integer"), d));
            if (d > std::numeric_limits<std::uint32_t>::max()) {
                ConfigRange storable = range; // the rule may have no upper bound, the type has one
                storable.hi = std::min<double>(range.hi, std::numeric_limits<std::uint32_t>::max());
                return fail(storable.violation(QStringLiteral("an integer"), d));
            }
            options.*uintMember = static_cast<std::uint32_t>(d);
            return true;
        }
        case FieldKind::Number:
            if (!value.isDouble())
                return fail(ConfigText::typeError(QStringLiteral("a number"), value));
            options.*numberMember = value.toDouble();
            return true;
        case FieldKind::Duration: {
            if (!value.isDouble())
                return fail(ConfigText::typeError(QStringLiteral("a number of seconds"), value));
            const double s = value.toDouble();
            if (std::fabs(s) > maxRepresentableSeconds)
                return fail(range.violation(durationNoun(), s));
            options.*durationMember = Duration(std::llround(s * 1e9));
            return true;
        }
        case FieldKind::Bool:
            if (!value.isBool())
                return fail(ConfigText::typeError(QStringLiteral("a boolean"), value));
            options.*boolMember = value.toBool();
            return true;
        case FieldKind::Enum: {
            if (!value.isString())
                return fail(ConfigText::typeError(QStringLiteral("a string"), value));
            const QString text = value.toString();
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (text == QLatin1String(names[i])) {
                    setEnum(options, static_cast<int>(i));
                    return true;
                }
            }
            return fail(oneOf(names, text));
        }
        case FieldKind::Categories:
            return readCategories(value, options, path, errors);
        case FieldKind::Special:
            break;
        }
        return true;
    }

    QJsonValue write(const O& options) const {
        switch (kind) {
        case FieldKind::UInt:
            return static_cast<double>(options.*uintMember);
        case FieldKind::Number:
            return options.*numberMember;
        case FieldKind::Duration:
            return ConfigText::seconds(options.*durationMember);
        case FieldKind::Bool:
            return options.*boolMember;
        case FieldKind::Enum: {
            const int i = getEnum(options);
            return i >= 0 && static_cast<std::size_t>(i) < names.size() ? QJsonValue(QLatin1String(names[i]))
                                                                        : QJsonValue(QJsonValue::Null);
        }
        case FieldKind::Categories: {
            QJsonArray list;
            for (const ErrorCategory c : allCategories)
                if (options.*uintMember & categoryBit(c))
                    list.append(QString::fromLatin1(toString(c)));
            return list;
        }
        case FieldKind::Special:
            break;
        }
        return {};
    }

    void check(const O& options, const QString& path, QList<ConfigError>& errors) const {
        switch (kind) {
        case FieldKind::UInt:
            if (!range.contains(options.*uintMember))
                errors.append({path, range.violation(QStringLiteral("an integer"), options.*uintMember)});
            break;
        case FieldKind::Number:
            if (!range.contains(options.*numberMember))
                errors.append({path, range.violation(QStringLiteral("a number"), options.*numberMember)});
            break;
        case FieldKind::Duration: {
            const double s = ConfigText::seconds(options.*durationMember);
            if (!range.contains(s))
                errors.append({path, range.violation(durationNoun(), s)});
            break;
        }
        case FieldKind::Enum: {
            const int i = getEnum(options);
            if (i < 0 || static_cast<std::size_t>(i) >= names.size())
                errors.append({path, QStringLiteral("invalid enumerator %1").arg(i)});
            break;
        }
        case FieldKind::Categories: {
            std::uint32_t known = 0;
            for (const ErrorCategory c : allCategories)
                known |= categoryBit(c);
            if (options.*uintMember & ~known)
                errors.append({path, QStringLiteral("contains a category outside %1").arg(categoryList())});
            break;
        }
        case FieldKind::Bool:
        case FieldKind::Special:
            break;
        }
    }

    static QString oneOf(std::span<const char* const> choices, const QString& got) {
        QStringList list;
        for (const char* c : choices)
            list.append(QString::fromLatin1(c));
        return QStringLiteral("must be one of %1 (got %2)")
            .arg(list.join(QStringLiteral(", ")), ConfigText::quoted(got));
    }

private:
    // Beyond this, seconds no longer fit in signed 64-bit nanoseconds.
    static constexpr double maxRepresentableSeconds = 9.2e9;
    static constexpr ErrorCategory allCategories[] = {
        ErrorCategory::ServiceUnavailable, ErrorCategory::SystemBusy,    ErrorCategory::Timeout,
        ErrorCategory::RateLimit,          ErrorCategory::BusinessLogic, ErrorCategory::Unknown};

    static QString durationNoun() { return QStringLiteral("a duration in seconds"); }
    static QString categoryList() {
        QStringList list;
        for (const ErrorCategory c : allCategories)
            list.append(QString::fromLatin1(toString(c)));
        return list.join(QStringLiteral(", "));
    }

    bool readCategories(const QJsonValue& value, O& options, const QString& path,
                        QList<ConfigError>& errors) const {
        if (!value.isArray()) {
            errors.append({path, ConfigText::typeError(QStringLiteral("an array of category names"), value)});
            return false;
        }
        const QJsonArray list = value.toArray();
        std::uint32_t mask = 0;
        bool ok = true;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at = ConfigText::index(path, i);
            if (!list[i].isString()) {
                errors.append({at, ConfigText::typeError(QStringLiteral("a string"), list[i])});
                ok = false;
                continue;
            }
            const QString text = list[i].toString();
            const auto category = errorCategoryFromString(text.toStdString());
            if (!category || *category == ErrorCategory::None) {
                errors.append({at, QStringLiteral("must be one of %1 (got %2)")
                                       .arg(categoryList(), ConfigText::quoted(text))});
                ok = false;
            } else if (mask & categoryBit(*category)) {
                errors.append({at, QStringLiteral("duplicate category %1").arg(ConfigText::quoted(text))});
                ok = false;
            } else {
                mask |= categoryBit(*category);
            }
        }
        if (ok)
            options.*uintMember = mask;
        return ok;
    }
};

} // namespace jimini
