// SPDX-License-Identifier: GPL-3.0-or-later
#include "policytelemetry.h"

namespace jimini {

void PolicyTelemetry::record(const Outcome& outcome, Duration latency) noexcept {
    std::lock_guard lock(m_mutex);
    const auto kind = static_cast<std::size_t>(outcome.kind);
    if (kind < outcomeCount)
        ++m_data.calls[kind];
    m_data.latency.record(latency);
}

PolicyTelemetry::Snapshot PolicyTelemetry::snapshot() const {
    std::lock_guard lock(m_mutex);
    return m_data;
}

} // namespace jimini
