// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeprofile.h"

#include "config/configcodec.h"
#include "config/profiles.h"

#include <QStringList>

namespace jimini {

ProbeProfileResult ProbeProfile::builtIn(const QString& name) {
    const std::optional<ResilienceConfig> config = Profiles::load(name);
    if (!config)
        return {std::nullopt, QStringLiteral("\"%1\" is not a profile (one of: %2)")
                                  .arg(name, Profiles::names().join(QStringLiteral(", ")))};
    return fromConfig(*config);
}

ProbeProfileResult ProbeProfile::fromDocument(const QByteArray& json, const QString& where,
                                              const QString& policy) {
    if (json.size() > ConfigCodec::maxDocumentSize)
        return {std::nullopt,
                QStringLiteral("%1: more than %2 bytes").arg(where).arg(ConfigCodec::maxDocumentSize)};
    const ConfigParseResult parsed = ConfigCodec::parse(json);
    if (!parsed.ok())
        return {std::nullopt, QStringLiteral("%1: %2").arg(where, parsed.errors.first().toString())};
    ProbeProfileResult result = fromConfig(*parsed.config, policy);
    if (!result.policy)
        result.error = QStringLiteral("%1: %2").arg(where, result.error);
    return result;
}

ProbeProfileResult ProbeProfile::fromConfig(const ResilienceConfig& config, const QString& policy) {
    if (!policy.isEmpty()) {
        if (const PolicyConfig* p = config.policy(policy))
            return {*p, {}};
        return {std::nullopt, QStringLiteral("the config has no policy named \"%1\"").arg(policy)};
    }
    if (const PolicyConfig* p = config.policy(QStringLiteral("default")))
        return {*p, {}};
    if (config.policies.size() == 1)
        return {config.policies.front(), {}};
    QStringList names;
    for (const PolicyConfig& p : config.policies)
        names << p.name;
    return {std::nullopt, config.policies.empty()
                              ? QStringLiteral("the config has no policy")
                              : QStringLiteral("the config has no policy \"default\"; name one of: %1")
                                    .arg(names.join(QStringLiteral(", ")))};
}

} // namespace jimini
