// SPDX-License-Identifier: GPL-3.0-or-later
#include "configtext.h"

#include "json/jsontypename.h"

#include <QLocale>

#include <cmath>

namespace jimini {

QString ConfigText::join(const QString& path, const QString& key) {
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString ConfigText::index(const QString& path, qsizetype i) {
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QString ConfigText::typeName(const QJsonValue& value) {
    return JsonTypeName::of(value);
}

QString ConfigText::typeError(const QString& expected, const QJsonValue& found) {
    return QStringLiteral("expected %1, found %2").arg(expected, typeName(found));
}

QString ConfigText::number(double value) {
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");
    // Integral values print without exponent so that limits like 4294967295 read naturally.
    if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace jimini
