// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/outcome.h"

#include <QString>

#include <array>
#include <cstddef>
#include <cstdint>

namespace jimini {

// How a probe counts a call or an attempt: what its caller saw.
enum class ProbeCategory : std::uint8_t {
    Success,
    RateLimited,
    BulkheadFull, // bulkhead full or its queue timed out
    BreakerOpen,
    Timeout,
    Http4xx,
    Http5xx,
    Network, // no HTTP status: refused, reset, DNS, TLS, ...
};
constexpr std::size_t probeCategoryCount = 8;

ProbeCategory probeCategoryOf(const Outcome& outcome) noexcept;
// "success", "rate_limited", "bulkhead_full", "breaker_open", "timeout", "http_4xx", "http_5xx", "network"
QString toString(ProbeCategory category);

struct ProbeCounts {
    std::array<std::uint64_t, probeCategoryCount> byCategory{};

    void add(ProbeCategory c) noexcept { ++byCategory[std::size_t(c)]; }
    std::uint64_t operator[](ProbeCategory c) const noexcept { return byCategory[std::size_t(c)]; }
    std::uint64_t total() const noexcept;
    // Calls the policies turned away without sending: rate limited, bulkhead full, breaker open.
    std::uint64_t shed() const noexcept;
};

} // namespace jimini
