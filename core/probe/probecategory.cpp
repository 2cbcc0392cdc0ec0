// SPDX-License-Identifier: GPL-3.0-or-later
#include "probecategory.h"

namespace jimini {

ProbeCategory probeCategoryOf(const Outcome& o) noexcept {
    switch (o.kind) {
    case OutcomeKind::Success:
        return ProbeCategory::Success;
    case OutcomeKind::RateLimited:
        return ProbeCategory::RateLimited;
    case OutcomeKind::BulkheadFull:
    case OutcomeKind::QueueTimeout:
        return ProbeCategory::BulkheadFull;
    case OutcomeKind::BreakerOpen:
        return ProbeCategory::BreakerOpen;
    case OutcomeKind::TimedOut:
        return ProbeCategory::Timeout;
    case OutcomeKind::Failure:
    case OutcomeKind::Cancelled:
        break;
    }
    if (o.httpStatus >= 400 && o.httpStatus < 500)
        return ProbeCategory::Http4xx;
    if (o.httpStatus >= 500)
        return ProbeCategory::Http5xx;
    return ProbeCategory::Network;
}

QString toString(ProbeCategory c) {
    switch (c) {
    case ProbeCategory::Success:
        return QStringLiteral("success");
    case ProbeCategory::RateLimited:
        return QStringLiteral("rate_limited");
    case ProbeCategory::BulkheadFull:
        return QStringLiteral("bulkhead_full");
    case ProbeCategory::BreakerOpen:
        return QStringLiteral("breaker_open");
    case ProbeCategory::Timeout:
        return QStringLiteral("timeout");
    case ProbeCategory::Http4xx:
        return QStringLiteral("http_4xx");
    case ProbeCategory::Http5xx:
        return QStringLiteral("http_5xx");
    case ProbeCategory::Network:
        break;
    }
    return QStringLiteral("network");
}

std::uint64_t ProbeCounts::total() const noexcept {
    std::uint64_t n = 0;
    for (std::uint64_t c : byCategory)
        n += c;
    return n;
}

std::uint64_t ProbeCounts::shed() const noexcept {
    return (*this)[ProbeCategory::RateLimited] + (*this)[ProbeCategory::BulkheadFull] +
           (*this)[ProbeCategory::BreakerOpen];
}

} // namespace jimini
