// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QLocale>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace jimini {

// What a failed operation was, in docs/protocol.md's metrics.failures order.
enum class FailureKind : std::uint8_t {
    Downstream,
    Timeout,
    RateLimited,
    BulkheadFull,
    BreakerOpen,
    Cancelled
};
inline constexpr std::size_t failureKindCount = 6;

// The parts of failed_operations as far as the source says them. The guide counts its own limiter
// shedding load, a full bulkhead and an open breaker as failed operations, so an error rate alone cannot
// tell "the dependency is failing" from "we are refusing work"; the parts can. A document with
// metrics.failures gives every part; one without (the guide's, an older v1 service) still gives
// timeouts and rate_limit_hits, and the other parts are unknown: absent, never 0.
class FailureParts {
public:
    static FailureParts of(const HealthMetrics& metrics);

    std::optional<std::uint64_t> count(FailureKind kind) const { return m_counts[std::size_t(kind)]; }
    bool complete() const;                                     // every part known
    std::uint64_t failed() const noexcept { return m_failed; } // failed_operations, the whole

    // "downstream 80, timeout 35, rate limited 1416, bulkhead full 0, breaker open 0, cancelled 0";
    // unknown parts are named at the end: "timeout 30, rate limited 12 (not reported: downstream, ...)".
    QString summary(const QLocale& locale, const QString& separator = QStringLiteral(", ")) const;

    static QString name(FailureKind kind); // "downstream", "timeout", "rate limited", ...
    static QString key(FailureKind kind);  // metrics.failures' keys: "downstream", "rate_limited", ...

    friend bool operator==(const FailureParts&, const FailureParts&) = default;

private:
    std::array<std::optional<std::uint64_t>, failureKindCount> m_counts{};
    std::uint64_t m_failed = 0;
};

} // namespace jimini
