// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthnames.h"

#include <array>
#include <utility>

namespace jimini {

namespace {
constexpr std::array<std::pair<HealthLevel, const char*>, 3> healthLevels{{
    {HealthLevel::Healthy, "healthy"},
    {HealthLevel::Degraded, "degraded"},
    {HealthLevel::Critical, "critical"},
}};
constexpr std::array<std::pair<AlertLevel, const char*>, 2> alertLevels{{
    {AlertLevel::Warning, "warning"},
    {AlertLevel::Critical, "critical"},
}};
// The spellings of other formats that are not a canonical name with other case or '-' for '_'.
constexpr std::array<std::pair<const char*, BreakerState>, 2> breakerAliases{{
    {"forced_open", BreakerState::Isolated},  // resilience4j: held open by an operator
    {"metrics_only", BreakerState::Disabled}, // resilience4j: records only, never rejects
}};
constexpr int breakerStateCount = int(BreakerState::Disabled) + 1;

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
    for (const auto& [e, name] : table)
        if (e == value)
            return QString::fromLatin1(name);
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char*>, N>& table, QStringView text) {
    for (const auto& [e, name] : table)
        if (text == QLatin1String(name))
            return e;
    return std::nullopt;
}
} // namespace

QString toString(HealthLevel level) {
    return nameOf(healthLevels, level);
}

std::optional<HealthLevel> healthLevelFromString(QStringView text) {
    return valueOf(healthLevels, text);
}

QString toString(AlertLevel level) {
    return nameOf(alertLevels, level);
}

std::optional<AlertLevel> alertLevelFromString(QStringView text) {
    return valueOf(alertLevels, text);
}

QString breakerStateName(BreakerState state) {
    const std::string_view name = toString(state);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

QString breakerStateName(const std::optional<BreakerState>& state) {
    return state ? breakerStateName(*state) : QString();
}

std::optional<BreakerState> breakerStateFromName(QStringView text) {
    constexpr qsizetype longest = 16;
    if (text.isEmpty() || text.size() > longest)
        return std::nullopt;
    QString key = text.toString().toLower();
    key.replace(QLatin1Char('-'), QLatin1Char('_'));
    for (int i = 0; i < breakerStateCount; ++i) {
        const std::string_view name = toString(BreakerState(i));
        if (key == QLatin1String(name.data(), qsizetype(name.size())))
            return BreakerState(i);
    }
    for (const auto& [name, state] : breakerAliases)
        if (key == QLatin1String(name))
            return state;
    return std::nullopt;
}

std::optional<BreakerState> breakerStateFromCode(int code) {
    if (code < 0 || code >= breakerStateCount)
        return std::nullopt;
    return BreakerState(code);
}

} // namespace jimini
