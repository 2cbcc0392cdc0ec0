// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configchange.h"

#include <QJsonArray>
#include <QList>
#include <QStringList>

namespace jimini {

// How a field-level diff reads, the same in the console and the CLI: "path: old → new", "+ path: value"
// for an added key, "- path: value" for a removed one. Values in their JSON spelling.
class ConfigDiffText {
public:
    static QString line(const ConfigChange& change);
    static QStringList lines(const QList<ConfigChange>& changes);
    static QString value(const QJsonValue& value); // compact JSON; "(absent)" for undefined
    // [{"path", "before", "after"}], before/after absent for an added/removed key.
    static QJsonArray toJson(const QList<ConfigChange>& changes);
};

} // namespace jimini
