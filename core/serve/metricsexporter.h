// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <QByteArray>

namespace jimini {

class PolicyRegistry;

// GET /metrics: the Prometheus text format 0.0.4 of docs/protocol.md, one family after the other, one
// line per policy (and per state, outcome or bucket). Lines of a stage that is off are left out.
class MetricsExporter {
public:
    static constexpr const char* contentType = "text/plain; version=0.0.4; charset=utf-8";
    static QByteArray render(const PolicyRegistry& registry, TimePoint now);
};

} // namespace jimini
