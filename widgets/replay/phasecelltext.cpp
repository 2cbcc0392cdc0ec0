// SPDX-License-Identifier: GPL-3.0-or-later
#include "phasecelltext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

namespace jimini {

namespace {
QString phaseTr(const char* text) {
    return QCoreApplication::translate("jimini::PhaseCellText", text);
}

QString number(double v) {
    return QString::number(v, 'g', 12);
}

std::optional<double> readNumber(const QString& text) {
    bool ok = false;
    double v = QLocale::c().toDouble(text, &ok);
    if (!ok)
        v = QLocale().toDouble(text, &ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

const QRegularExpression& separators() {
    static const QRegularExpression re(QStringLiteral("[\\s,;]+"));
    return re;
}
} // namespace

QString PhaseCellText::toText(Kind kind, const QJsonValue& value) {
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return number(value.toDouble());
    if (kind == Kind::StatusMix && value.isObject()) {
        QStringList parts;
        const QJsonObject mix = value.toObject();
        for (auto it = mix.begin(); it != mix.end(); ++it)
            parts << it.key() + QLatin1Char(':') + toText(Kind::Number, it.value());
        return parts.join(QLatin1Char(' '));
    }
    if (kind == Kind::Latency && value.isObject()) {
        const QJsonObject o = value.toObject();
        QStringList parts{o.value(QLatin1String("distribution")).toString()};
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("distribution"))
                continue;
            QString key = it.key();
            if (key.endsWith(QLatin1String("_ms")))
                key.chop(3);
            parts << key + QLatin1Char('=') + toText(Kind::Number, it.value());
        }
        return parts.join(QLatin1Char(' '));
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QJsonValue PhaseCellText::fromText(Kind kind, const QString& input) {
    const QString text = input.trimmed();
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    switch (kind) {
    case Kind::Text:
        return text;
    case Kind::Number:
        if (const auto v = readNumber(text))
            return *v;
        return text;
    case Kind::StatusMix: {
        QJsonObject mix;
        for (const QString& part : text.split(separators(), Qt::SkipEmptyParts)) {
            const QStringList pair = part.split(QLatin1Char(':'));
            const auto weight = pair.size() == 2 ? readNumber(pair[1]) : std::nullopt;
            if (!weight || pair[0].isEmpty())
                return text;
            mix.insert(pair[0], *weight);
        }
        return mix;
    }
    case Kind::Latency: {
        const QStringList parts = text.split(separators(), Qt::SkipEmptyParts);
        QJsonObject o{{QStringLiteral("distribution"), parts.first()}};
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QStringList pair = parts[i].split(QLatin1Char('='));
            const auto v = pair.size() == 2 ? readNumber(pair[1]) : std::nullopt;
            if (!v || pair[0].isEmpty())
                return text;
            o.insert(pair[0] + QStringLiteral("_ms"), *v);
        }
        return o;
    }
    }
    return text;
}

QString PhaseCellText::hint(Kind kind) {
    switch (kind) {
    case Kind::Text:
        return {};
    case Kind::Number:
        return phaseTr("A number; empty: the dependency's baseline.");
    case Kind::StatusMix:
        return phaseTr("Status codes and weights, e.g. 503:0.8 500:0.2; empty: the baseline's.");
    case Kind::Latency:
        return phaseTr("In ms: fixed mean=5, uniform min=10 max=50, normal mean=40 stddev=10, "
                       "lognormal mean=40 stddev=20 or lognormal p50=40 p99=250; empty: the baseline's.");
    }
    return {};
}

} // namespace jimini
