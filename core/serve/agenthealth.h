// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"
#include "policy/clock.h"

#include <QDateTime>
#include <QString>

namespace jimini {

class HealthMonitor;
class PolicyRegistry;

// Who the agent is, as its health document names it.
struct AgentIdentity {
    QString service;
    QString instance;
    QString environment; // empty: the config's environment
};

// The agent's health document: service-level figures from the HealthMonitor (rolling window) and one
// policies[] entry per live pipeline, its statistics including what earlier pipelines of the same name
// carried over (PolicyRegistry).
class AgentHealth {
public:
    static HealthDocument build(const AgentIdentity& identity, const HealthMonitor& monitor,
                                const PolicyRegistry& registry, TimePoint now, const QDateTime& wallNow);
};

} // namespace jimini
