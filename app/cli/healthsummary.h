// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QString>

namespace jimini {

// A health document for a terminal: identity and status, window metrics, alerts, and one line per
// policy (breaker state, tokens, bulkhead, retry).
QString healthSummary(const HealthDocument& document);

} // namespace jimini
