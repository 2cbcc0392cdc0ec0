// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutpreparation.h"

#include "control/controllog.h"

#include "config/configcodec.h"
#include "config/configdiff.h"

namespace jimini {

QString RolloutPreparation::invalidConfig(const QByteArray& config) {
    const ConfigParseResult parsed = ConfigCodec::parse(config);
    if (parsed.ok())
        return {};
    QStringList parts;
    for (qsizetype i = 0; i < parsed.errors.size() && i < 3; ++i)
        parts << (parsed.errors[i].path.isEmpty()
                      ? parsed.errors[i].message
                      : parsed.errors[i].path + QStringLiteral(": ") + parsed.errors[i].message);
    if (parsed.errors.size() > 3)
        parts << QStringLiteral("%1 more").arg(parsed.errors.size() - 3);
    return QStringLiteral("the new config is invalid: ") + parts.join(QStringLiteral("; "));
}

RolloutPreparation RolloutPreparation::check(const QList<RolloutInstance>& instances,
                                             const QByteArray& newConfig, bool force) {
    RolloutPreparation result;
    QStringList unread;
    for (const RolloutInstance& instance : instances)
        if (instance.oldEtag.isEmpty() || !instance.baseline)
            unread << instance.name + QStringLiteral(" (") + instance.figure + QLatin1Char(')');
    if (!unread.isEmpty()) {
        result.refusal =
            QStringLiteral("not every instance could be read: ") + unread.join(QStringLiteral(", "));
        return result;
    }
    const ConfigParseResult first = ConfigCodec::parse(instances[0].oldConfig);
    for (qsizetype i = 1; i < instances.size(); ++i) {
        if (instances[i].oldConfig == instances[0].oldConfig)
            continue;
        const ConfigParseResult other = ConfigCodec::parse(instances[i].oldConfig);
        const QList<ConfigChange> changes =
            first.ok() && other.ok() ? ConfigDiff::diff(*first.config, *other.config) : QList<ConfigChange>{};
        if (first.ok() && other.ok() && changes.isEmpty())
            continue;
        const QString where = changes.isEmpty() ? QString() : QStringLiteral(" at ") + changes.front().path;
        const QString differs =
            QStringLiteral("%1 runs another config than %2%3 (%4 vs %5)")
                .arg(instances[i].name, instances[0].name, where, QString::fromLatin1(instances[i].oldEtag),
                     QString::fromLatin1(instances[0].oldEtag));
        if (!force) {
            result.refusal =
                differs + QStringLiteral(": a rollback needs one old config (force to go on anyway)");
            return result;
        }
        qCWarning(lcControl) << "rollout forced although" << differs;
    }
    if (first.ok())
        result.changes = ConfigDiff::diff(*first.config, *ConfigCodec::parse(newConfig).config);
    return result;
}

} // namespace jimini
