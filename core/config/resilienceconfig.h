// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policyconfig.h"

#include <QString>

#include <algorithm>
#include <vector>

namespace jimini {

// One environment's resilience settings: the guide's ResilienceConfig, with named policies.
struct ResilienceConfig {
    QString environment;
    QString description;
    std::vector<PolicyConfig> policies; // sorted by name; ConfigCodec::parse guarantees it

    const PolicyConfig* policy(const QString& name) const {
        const auto it = std::find_if(policies.begin(), policies.end(),
                                     [&](const PolicyConfig& p) { return p.name == name; });
        return it == policies.end() ? nullptr : &*it;
    }
    void sortPolicies() {
        std::stable_sort(policies.begin(), policies.end(),
                         [](const PolicyConfig& a, const PolicyConfig& b) { return a.name < b.name; });
    }
};

} // namespace jimini
