// SPDX-License-Identifier: GPL-3.0-or-later
#include "probecategory.h"

namespace jimini {

QString categoryName(CallCategory category) {
    const std::string_view name = toString(category);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

std::uint64_t ProbeCounts::total() const noexcept {
    std::uint64_t n = 0;
    for (std::uint64_t c : byCategory)
        n += c;
    return n;
}

std::uint64_t ProbeCounts::shed() const noexcept {
    return (*this)[CallCategory::RateLimited] + (*this)[CallCategory::BulkheadFull] +
           (*this)[CallCategory::BreakerOpen];
}

} // namespace jimini
