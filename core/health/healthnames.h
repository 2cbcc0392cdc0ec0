// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace jimini {

// The protocol's spellings (docs/protocol.md): "healthy", "degraded", "critical"; "warning", "critical".
QString toString(HealthLevel level);
std::optional<HealthLevel> healthLevelFromString(QStringView text);
QString toString(AlertLevel level);
std::optional<AlertLevel> alertLevelFromString(QStringView text);

} // namespace jimini
