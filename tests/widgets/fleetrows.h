// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthnames.h"
#include "store/instancerow.h"

#include <QStringList>

namespace jimini::test {

// A fresh, healthy instance row "service/instance" with one policy per breaker state given
// ("closed", "open", ...).
inline InstanceRow fleetRow(const QString& service, const QString& instance,
                            HealthLevel level = HealthLevel::Healthy, const QStringList& breakers = {},
                            const QString& environment = QStringLiteral("prod")) {
    InstanceRow row;
    row.endpointId = QStringLiteral("http://%1-%2:8080").arg(service, instance);
    row.service = service;
    row.instance = instance;
    row.environment = environment;
    row.status = SourceStatus::Ok;
    row.hasDocument = true;
    row.level = level;
    row.lastSeen = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
    int n = 0;
    for (const QString& state : breakers) {
        PolicyRow policy;
        policy.name = QStringLiteral("p%1").arg(n++);
        policy.breakerState = breakerStateFromName(state); // "" or "off": no breaker
        row.policies.push_back(policy);
    }
    return row;
}

// "svc/inst" -> row
inline InstanceRow fleetRow(const QString& path) {
    const QStringList parts = path.split(QLatin1Char('/'));
    return fleetRow(parts.value(0), parts.value(1));
}

} // namespace jimini::test
