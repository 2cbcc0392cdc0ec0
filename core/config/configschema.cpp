// SPDX-License-Identifier: GPL-3.0-or-later
#include "configschema.h"

#include <array>

namespace jimini {

namespace {

template <class T> struct MemberTraits;
template <class O, class V> struct MemberTraits<V O::*> {
    using Owner = O;
    using Value = V;
};

template <auto Member> constexpr auto field(const char* key, ConfigRange range = {}) {
    using O = typename MemberTraits<decltype(Member)>::Owner;
    using V = typename MemberTraits<decltype(Member)>::Value;
    ConfigField<O> f;
    f.key = key;
    f.range = range;
    if constexpr (std::is_same_v<V, std::uint32_t>) {
        f.kind = FieldKind::UInt;
        f.uintMember = Member;
    } else if constexpr (std::is_same_v<V, double>) {
        f.kind = FieldKind::Number;
        f.numberMember = Member;
    } else if constexpr (std::is_same_v<V, Duration>) {
        f.kind = FieldKind::Duration;
        f.durationMember = Member;
    } else if constexpr (std::is_same_v<V, bool>) {
        f.kind = FieldKind::Bool;
        f.boolMember = Member;
    } else {
        static_assert(std::is_enum_v<V>);
        f.kind = FieldKind::Enum;
        f.getEnum = [](const O& o) { return static_cast<int>(o.*Member); };
        f.setEnum = [](O& o, int i) { o.*Member = static_cast<V>(i); };
    }
    return f;
}

template <auto Member> constexpr auto enumField(const char* key, std::span<const char* const> names) {
    auto f = field<Member>(key);
    f.names = names;
    return f;
}

template <auto Member> constexpr auto categoriesField(const char* key) {
    auto f = field<Member>(key);
    f.kind = FieldKind::Categories;
    return f;
}

template <class O> constexpr ConfigField<O> special(const char* key) {
    ConfigField<O> f;
    f.key = key;
    return f;
}

constexpr ConfigRange seconds = ConfigRange::closed(0, ConfigSchema::maxSeconds);
constexpr ConfigRange positiveSeconds = ConfigRange::aboveUpTo(0, ConfigSchema::maxSeconds);
constexpr ConfigRange rate = ConfigRange::aboveUpTo(0, 1);

// Indexed by the enums' values.
constexpr const char* backoffNames[] = {"constant", "linear", "exponential"};
constexpr const char* jitterNames[] = {"none", "full", "equal", "decorrelated"};
constexpr const char* budgetNames[] = {"none", "ratio", "tokens"};
constexpr const char* modeNames[] = {"consecutive", "count_window", "time_window"};
constexpr const char* rateLimiterNames[] = {"token_bucket", "fixed_window", "sliding_window"};
constexpr const char* stageNameList[] = {"rate_limit", "bulkhead", "circuit_breaker", "retry", "timeout"};

using R = RetryOptions;
constexpr std::array retryFields{
    field<&R::maxAttempts>("max_attempts", ConfigRange::closed(1, 100)),
    field<&R::initialDelay>("initial_delay", seconds),
    field<&R::maxDelay>("max_delay", seconds),
    special<R>("randomize"),
    enumField<&R::backoff>("backoff", backoffNames),
    field<&R::multiplier>("multiplier", ConfigRange::atLeast(1)),
    enumField<&R::jitter>("jitter", jitterNames),
    categoriesField<&R::retryCategories>("retry_on"),
    field<&R::honourRetryAfter>("honour_retry_after"),
    field<&R::maxRetryAfter>("max_retry_after", seconds),
    field<&R::rejectRetryAfterAboveCap>("reject_retry_after_above_cap"),
    special<R>("budget"),
};
constexpr auto budgetKindField = enumField<&R::budget>("kind", budgetNames);
constexpr std::array ratioBudgetFields{
    field<&R::budgetRatio>("ratio", rate),
    field<&R::budgetWindow>("window", positiveSeconds),
    field<&R::budgetMinRetriesPerSecond>("min_retries_per_second", ConfigRange::atLeast(0)),
};
constexpr std::array tokenBudgetFields{
    field<&R::budgetTokenMax>("max_tokens", ConfigRange::atLeast(1)),
    field<&R::budgetTokenRatio>("token_ratio", rate),
};

using B = CircuitBreakerOptions;
constexpr std::array breakerFields{
    field<&B::failureThreshold>("failure_threshold", ConfigRange::atLeast(1)),
    field<&B::openDuration>("recovery_timeout", positiveSeconds),
    enumField<&B::mode>("mode", modeNames),
    field<&B::failureRateThreshold>("failure_rate_threshold", rate),
    field<&B::windowSize>("window_size", ConfigRange::closed(1, 100000)),
    field<&B::windowDuration>("window_duration", positiveSeconds),
    field<&B::windowBuckets>("window_buckets", ConfigRange::closed(1, 1000)),
    field<&B::minimumThroughput>("minimum_throughput", ConfigRange::atLeast(1)),
    field<&B::slowCallDuration>("slow_call_duration", positiveSeconds),
    // Above 1 the slow-call rule can never trigger: that is how it is turned off.
    field<&B::slowCallRateThreshold>("slow_call_rate_threshold", ConfigRange::above(0)),
    field<&B::backoffMultiplier>("backoff_multiplier", ConfigRange::atLeast(1)),
    field<&B::maxOpenDuration>("max_recovery_timeout", positiveSeconds),
    field<&B::halfOpenTrials>("half_open_trials", ConfigRange::closed(1, 1000)),
    field<&B::halfOpenMaxWait>("half_open_max_wait", seconds),
    categoriesField<&B::failureCategories>("failure_on"),
};

using T = TimeoutOptions;
constexpr std::array timeoutFields{
    field<&T::perAttempt>("per_attempt", seconds),
    field<&T::overall>("overall", seconds),
};

using H = BulkheadOptions;
constexpr std::array bulkheadFields{
    field<&H::maxConcurrent>("limit", ConfigRange::atLeast(1)),
    field<&H::maxQueued>("queue", ConfigRange::atLeast(0)),
    field<&H::maxQueueWait>("queue_timeout", seconds),
};

using L = RateLimiterOptions;
constexpr std::array rateLimitFields{
    field<&L::requestsPerSecond>("requests_per_second", ConfigRange::above(0)),
    field<&L::burst>("burst_limit", ConfigRange::atLeast(1)),
    enumField<&L::kind>("kind", rateLimiterNames),
    field<&L::window>("window", positiveSeconds),
    special<L>("adaptive"),
};
constexpr std::array adaptiveFields{
    field<&L::adaptInterval>("interval", positiveSeconds),
    field<&L::adaptHighErrorRate>("high_error_rate", rate),
    field<&L::adaptLowErrorRate>("low_error_rate", ConfigRange::closed(0, 1)),
    field<&L::adaptDecrease>("decrease", rate),
    field<&L::adaptIncrease>("increase", ConfigRange::atLeast(1)),
    field<&L::adaptMaxMultiplier>("max_multiplier", ConfigRange::atLeast(1)),
    field<&L::adaptMinMultiplier>("min_multiplier", rate),
};

} // namespace

std::span<const ConfigField<RetryOptions>> ConfigSchema::retry() {
    return retryFields;
}
const ConfigField<RetryOptions>& ConfigSchema::budgetKind() {
    return budgetKindField;
}

std::span<const ConfigField<RetryOptions>> ConfigSchema::budget(RetryBudgetKind kind) {
    switch (kind) {
    case RetryBudgetKind::Ratio:
        return ratioBudgetFields;
    case RetryBudgetKind::Tokens:
        return tokenBudgetFields;
    case RetryBudgetKind::None:
        break;
    }
    return {};
}

std::span<const ConfigField<CircuitBreakerOptions>> ConfigSchema::circuitBreaker() {
    return breakerFields;
}
std::span<const ConfigField<TimeoutOptions>> ConfigSchema::timeout() {
    return timeoutFields;
}
std::span<const ConfigField<BulkheadOptions>> ConfigSchema::bulkhead() {
    return bulkheadFields;
}
std::span<const ConfigField<RateLimiterOptions>> ConfigSchema::rateLimit() {
    return rateLimitFields;
}
std::span<const ConfigField<RateLimiterOptions>> ConfigSchema::adaptive() {
    return adaptiveFields;
}
std::span<const char* const> ConfigSchema::stageNames() {
    return stageNameList;
}

QString ConfigSchema::stageName(Stage stage) {
    const auto i = static_cast<std::size_t>(stage);
    return i < std::size(stageNameList) ? QString::fromLatin1(stageNameList[i]) : QString();
}

std::optional<Stage> ConfigSchema::stageFromName(const QString& name) {
    for (std::size_t i = 0; i < std::size(stageNameList); ++i)
        if (name == QLatin1String(stageNameList[i]))
            return static_cast<Stage>(i);
    return std::nullopt;
}

} // namespace jimini
