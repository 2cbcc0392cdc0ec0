// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthnames.h"

namespace jimini {

QString toString(HealthLevel level) {
    switch (level) {
    case HealthLevel::Healthy:
        return QStringLiteral("healthy");
    case HealthLevel::Degraded:
        return QStringLiteral("degraded");
    case HealthLevel::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

std::optional<HealthLevel> healthLevelFromString(QStringView text) {
    for (HealthLevel l : {HealthLevel::Healthy, HealthLevel::Degraded, HealthLevel::Critical})
        if (text == toString(l))
            return l;
    return std::nullopt;
}

QString toString(AlertLevel level) {
    switch (level) {
    case AlertLevel::Warning:
        return QStringLiteral("warning");
    case AlertLevel::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

std::optional<AlertLevel> alertLevelFromString(QStringView text) {
    for (AlertLevel l : {AlertLevel::Warning, AlertLevel::Critical})
        if (text == toString(l))
            return l;
    return std::nullopt;
}

} // namespace jimini
