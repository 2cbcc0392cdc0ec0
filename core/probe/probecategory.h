// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/callcategory.h"

#include <QString>

#include <array>
#include <cstddef>
#include <cstdint>

namespace jimini {

// A probe counts calls and attempts by what the caller saw: the policy core's CallCategory, the same
// categories a replay reports.
QString categoryName(CallCategory category); // "success", "rate_limited", ...

struct ProbeCounts {
    std::array<std::uint64_t, callCategoryCount> byCategory{};

    void add(CallCategory c) noexcept { ++byCategory[std::size_t(c)]; }
    std::uint64_t operator[](CallCategory c) const noexcept { return byCategory[std::size_t(c)]; }
    std::uint64_t total() const noexcept;
    // Calls the policies turned away without sending: rate limited, bulkhead full, breaker open.
    std::uint64_t shed() const noexcept;
};

} // namespace jimini
