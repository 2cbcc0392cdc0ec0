// SPDX-License-Identifier: GPL-3.0-or-later
#include "profiles.h"

#include "configcodec.h"
#include "configlog.h"

#include <QFile>

namespace jimini {

QStringList Profiles::names() {
    return {QStringLiteral("production"), QStringLiteral("staging"), QStringLiteral("development")};
}

QString Profiles::resourcePath(const QString& name) {
    return QStringLiteral(":/profiles/%1.json").arg(name);
}

std::optional<ResilienceConfig> Profiles::load(const QString& name) {
    // Only the known names: the name must never become an arbitrary resource path.
    if (!names().contains(name))
        return std::nullopt;
    QFile file(resourcePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcConfig) << "cannot open" << file.fileName() << file.errorString();
        return std::nullopt;
    }
    ConfigParseResult result = ConfigCodec::parse(file.readAll());
    for (const ConfigError& e : std::as_const(result.errors))
        qCWarning(lcConfig) << file.fileName() << e.toString();
    return std::move(result.config);
}

} // namespace jimini
