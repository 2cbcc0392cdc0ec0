// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configchange.h"
#include "resilienceconfig.h"

#include <QList>

namespace jimini {

// What changes between two configs, leaf by leaf, in the order keys appear in a saved file. Arrays
// (order, retry_on, failure_on) are compared whole; a stage turned off counts as removed.
class ConfigDiff {
public:
    static QList<ConfigChange> diff(const ResilienceConfig& before, const ResilienceConfig& after);
};

} // namespace jimini
