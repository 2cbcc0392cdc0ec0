// SPDX-License-Identifier: GPL-3.0-or-later
#include "callcategory.h"

namespace jimini {

std::string_view toString(CallCategory category) noexcept {
    static constexpr std::array<std::string_view, callCategoryCount> names{
        "success",  "rate_limited", "bulkhead_full", "breaker_open", "timeout",
        "http_4xx", "http_5xx",     "network",       "cancelled"};
    const auto index = static_cast<std::size_t>(category);
    return index < names.size() ? names[index] : std::string_view("unknown");
}

} // namespace jimini
