// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariolibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace jimini {

namespace {
const QString kPrefix = QStringLiteral(":/scenarios/");
}

QStringList ScenarioLibrary::names() {
    QStringList names;
    for (const QString& file : QDir(kPrefix).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        names << QFileInfo(file).completeBaseName();
    return names;
}

ScenarioParseResult ScenarioLibrary::load(const QString& nameOrPath) {
    const bool bundled = names().contains(nameOrPath);
    const QString path = bundled ? kPrefix + nameOrPath + QStringLiteral(".json") : nameOrPath;
    ScenarioParseResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors.append(
            {QString(), QStringLiteral("%1: %2 (bundled scenarios: %3)")
                            .arg(nameOrPath, file.errorString(), names().join(QStringLiteral(", ")))});
        return result;
    }
    if (file.size() > ScenarioCodec::maxBytes) {
        result.errors.append({QString(), QStringLiteral("%1: %2 bytes; a scenario may have at most %3")
                                             .arg(nameOrPath)
                                             .arg(file.size())
                                             .arg(ScenarioCodec::maxBytes)});
        return result;
    }
    result = ScenarioCodec::parse(file.read(ScenarioCodec::maxBytes + 1));
    return result;
}

} // namespace jimini
