// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configfield.h"
#include "policy/pipelineoptions.h"

#include <QString>

#include <optional>
#include <span>

namespace jimini {

// The JSON keys of every option struct, in the order files are written. Keys of kind Special are
// handled by ConfigReader / ConfigWriter themselves: retry.randomize, retry.budget, rate_limit.adaptive.
class ConfigSchema {
public:
    // Durations above a year are refused: such values are typos, and they keep arithmetic far from overflow.
    static constexpr double maxSeconds = 365.0 * 24 * 3600;

    static std::span<const ConfigField<RetryOptions>> retry();
    static const ConfigField<RetryOptions>& budgetKind();
    static std::span<const ConfigField<RetryOptions>> budget(RetryBudgetKind kind); // the keys that kind uses
    static std::span<const ConfigField<CircuitBreakerOptions>> circuitBreaker();
    static std::span<const ConfigField<TimeoutOptions>> timeout();
    static std::span<const ConfigField<BulkheadOptions>> bulkhead();
    static std::span<const ConfigField<RateLimiterOptions>> rateLimit();
    static std::span<const ConfigField<RateLimiterOptions>> adaptive();

    // Stage names double as the policy's keys: rate_limit, bulkhead, circuit_breaker, retry, timeout.
    static std::span<const char* const> stageNames();
    static QString stageName(Stage stage);
    static std::optional<Stage> stageFromName(const QString& name);
};

} // namespace jimini
