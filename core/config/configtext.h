// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <QJsonValue>
#include <QString>

namespace jimini {

// The spelling shared by every config message: paths, JSON type names, numbers and durations.
class ConfigText {
public:
    static QString join(const QString& path, const QString& key); // "a" + "b" -> "a.b"
    static QString index(const QString& path, qsizetype i);       // "a" + 2 -> "a[2]"
    static QString typeName(const QJsonValue& value);             // "a string", "null", ...
    static QString typeError(const QString& expected, const QJsonValue& found);
    static QString number(double value); // shortest form that reads back exactly
    static QString quoted(const QString& text) { return QLatin1Char('"') + text + QLatin1Char('"'); }
    static double seconds(Duration d) { return static_cast<double>(d.count()) / 1e9; }
};

} // namespace jimini
