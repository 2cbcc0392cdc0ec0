// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"
#include "policy/breakerstate.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace jimini {

// The one name table of each domain state the health layer carries. toString gives the canonical name
// (the protocol's spelling, docs/protocol.md); the *FromName functions read it back, and the breaker's
// also the spellings other formats use. Display text is not made here: the widgets hold translated labels.

// "healthy", "degraded", "critical"; "warning", "critical". Exact spellings only.
QString toString(HealthLevel level);
std::optional<HealthLevel> healthLevelFromString(QStringView text);
QString toString(AlertLevel level);
std::optional<AlertLevel> alertLevelFromString(QStringView text);

// The canonical name of core/policy's table: "closed", "open", "half_open", "isolated", "disabled".
QString breakerStateName(BreakerState state);
QString breakerStateName(const std::optional<BreakerState>& state); // empty when not said
// Any breaker state as other formats spell it, case-insensitive, '-' read as '_':
// - closed, open, half_open (the guide's "half-open", resilience4j's "HALF_OPEN"), isolated, disabled;
// - resilience4j's forced_open is isolated (forced open, every call rejected);
// - resilience4j's disabled is disabled (forced closed);
// - resilience4j's metrics_only is disabled too: the breaker only records, it never rejects a call, which
//   is what a forced-closed breaker does (its figures stay reported by the source as they are).
// Anything else: nullopt.
std::optional<BreakerState> breakerStateFromName(QStringView text);
// The series code of a breaker state (Metric::BreakerState): the enum's value. nullopt for a code no
// state has.
constexpr int breakerStateCode(BreakerState state) {
    return int(state);
}
std::optional<BreakerState> breakerStateFromCode(int code);

} // namespace jimini
