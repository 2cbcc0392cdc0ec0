// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/fleetevent.h"

#include <array>

namespace jimini {

namespace {
// Indexed by the enum's value.
constexpr std::array<const char*, 6> typeNames{"transition", "control", "config",
                                               "fault",      "gap",     "connection"};
static_assert(typeNames.size() == std::size_t(FleetEventType::Connection) + 1);
} // namespace

QString toString(FleetEventType type) {
    const auto i = std::size_t(type);
    return i < typeNames.size() ? QString::fromLatin1(typeNames[i]) : QString();
}

std::optional<FleetEventType> fleetEventTypeFromName(QStringView name) {
    for (std::size_t i = 0; i < typeNames.size(); ++i)
        if (name == QLatin1String(typeNames[i]))
            return FleetEventType(i);
    return std::nullopt;
}

bool isAuditType(FleetEventType type) {
    return type == FleetEventType::Transition || type == FleetEventType::Control ||
           type == FleetEventType::Config || type == FleetEventType::Fault;
}

} // namespace jimini
