// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeprofile.h"

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
