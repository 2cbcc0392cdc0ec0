// SPDX-License-Identifier: GPL-3.0-or-later
#include "outcome.h"

#include <array>
#include <utility>

namespace jimini {

namespace {
constexpr std::array<std::pair<ErrorCategory, std::string_view>, 7> categoryNames{{
    {ErrorCategory::None, "none"},
    {ErrorCategory::ServiceUnavailable, "service_unavailable"},
    {ErrorCategory::SystemBusy, "system_busy"},
    {ErrorCategory::Timeout, "timeout"},
    {ErrorCategory::RateLimit, "rate_limit"},
    {ErrorCategory::BusinessLogic, "business_logic"},
    {ErrorCategory::Unknown, "unknown"},
}};
constexpr std::array<std::string_view, 8> kindNames{"success",       "failure",      "rate_limited",
                                                    "bulkhead_full", "queue_timeout", "breaker_open",
                                                    "timeout",       "cancelled"};
} // namespace

std::string_view toString(ErrorCategory category) noexcept
{
    for (const auto& [c, name] : categoryNames)
        if (c == category)
            return name;
    return "unknown";
}

std::optional<ErrorCategory> errorCategoryFromString(std::string_view text) noexcept
{
    for (const auto& [c, name] : categoryNames)
        if (name == text)
            return c;
    return std::nullopt;
}

std::string_view toString(OutcomeKind kind) noexcept
{
    const auto i = static_cast<std::size_t>(kind);
    return i < kindNames.size() ? kindNames[i] : "unknown";
}

} // namespace jimini
