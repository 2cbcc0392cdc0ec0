// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/policyconfig.h"
#include "config/resilienceconfig.h"

#include <QString>

#include <optional>

namespace jimini {

// The policy a probe runs its calls through, found by the name an operator gives.
struct ProbeProfileResult {
    std::optional<PolicyConfig> policy;
    QString error; // names what is wrong when there is no policy
};

class ProbeProfile {
public:
    // A built-in profile (production, staging, development) by name.
    static ProbeProfileResult builtIn(const QString& name);
    // From a config (a live service's, a draft): the policy named `policy`, or, when empty, "default" or
    // the config's only policy.
    static ProbeProfileResult fromConfig(const ResilienceConfig& config, const QString& policy = {});
    // From a config document (a file, a live service's config, the editor's draft), parsed and validated
    // by core/config; `where` names it in the error. Past ConfigCodec::maxDocumentSize it is refused.
    static ProbeProfileResult fromDocument(const QByteArray& json, const QString& where,
                                           const QString& policy = {});
};

} // namespace jimini
