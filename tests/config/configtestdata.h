// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/resilienceconfig.h"

#include <QStringList>

#include <cmath>

// Shared by the config tests: a config that moves every option, and a field-by-field comparison.
namespace jimini::testdata {

using namespace std::chrono_literals;

// Two policies: "ratio" with a ratio retry budget, "tokens" with a token one; every other option is
// away from its default in both.
inline ResilienceConfig nonDefaultConfig() {
    PipelineOptions p;
    RetryOptions& r = *p.retry;
    r.maxAttempts = 7;
    r.backoff = BackoffKind::Linear;
    r.initialDelay = 125ms;
    r.multiplier = 1.5;
    r.maxDelay = 45s;
    r.jitter = JitterKind::Decorrelated;
    r.retryCategories = categoryBit(ErrorCategory::Timeout) | categoryBit(ErrorCategory::BusinessLogic);
    r.honourRetryAfter = false;
    r.maxRetryAfter = 90s;
    r.rejectRetryAfterAboveCap = true;
    r.budgetRatio = 0.35;
    r.budgetWindow = 2500ms;
    r.budgetMinRetriesPerSecond = 3;

    CircuitBreakerOptions& b = *p.circuitBreaker;
    b.mode = BreakerMode::TimeWindow;
    b.failureThreshold = 9;
    b.failureRateThreshold = 0.25;
    b.windowSize = 250;
    b.windowDuration = 30s;
    b.windowBuckets = 6;
    b.minimumThroughput = 4;
    b.slowCallDuration = 750ms;
    b.slowCallRateThreshold = 0.8;
    b.openDuration = 20s;
    b.backoffMultiplier = 2.5;
    b.maxOpenDuration = 300s;
    b.halfOpenTrials = 3;
    b.halfOpenMaxWait = 7s;
    b.failureCategories =
        categoryBit(ErrorCategory::ServiceUnavailable) | categoryBit(ErrorCategory::SystemBusy);

    p.timeout->perAttempt = 4s;
    p.timeout->overall = 11s;

    p.bulkhead->maxConcurrent = 2;
    p.bulkhead->maxQueued = 0;
    p.bulkhead->maxQueueWait = 0ms;

    RateLimiterOptions& l = *p.rateLimit;
    l.kind = RateLimiterKind::SlidingWindow;
    l.requestsPerSecond = 2.75;
    l.burst = 4;
    l.window = 10s;
    l.adaptive = true;
    l.adaptInterval = 15s;
    l.adaptHighErrorRate = 0.3;
    l.adaptLowErrorRate = 0.01;
    l.adaptDecrease = 0.5;
    l.adaptIncrease = 1.25;
    l.adaptMaxMultiplier = 3;
    l.adaptMinMultiplier = 0.2;

    p.order = {Stage::Timeout, Stage::RateLimit, Stage::CircuitBreaker, Stage::Bulkhead, Stage::Retry};

    PipelineOptions tokens = p;
    tokens.retry->budget = RetryBudgetKind::Tokens;
    tokens.retry->budgetRatio = RetryOptions{}.budgetRatio;
    tokens.retry->budgetWindow = RetryOptions{}.budgetWindow;
    tokens.retry->budgetMinRetriesPerSecond = RetryOptions{}.budgetMinRetriesPerSecond;
    tokens.retry->budgetTokenMax = 12.5;
    tokens.retry->budgetTokenRatio = 0.4;
    return {QStringLiteral("everything"),
            QStringLiteral("every option away from its default"),
            {{QStringLiteral("ratio"), p}, {QStringLiteral("tokens"), tokens}}};
}

// The longest a policy can be written (in the config and, with the health document's figures, in
// health): every stage on, every number at the longest spelling its rule allows: 23 characters for a
// double without an upper bound or a tiny rate (2.2250738585072014e-308), 18 for a duration (whole
// nanoseconds under a year), 10 for a 32-bit count; the longest enum names, every category, the ratio
// budget (the most keys), adaptive limiting on. name should be 64 characters long.
inline PolicyConfig worstCasePolicy(const QString& name) {
    constexpr double big = 1.7976931348623157e+308;
    constexpr double tiny = 2.2250738585072014e-308;
    constexpr double tinyAbove = 2.2250738585072024e-308; // > tiny, still 23 characters
    constexpr Duration longest{12345678901234567};        // 12345678.901234567 s
    constexpr std::uint32_t most = 4294967295u;
    constexpr std::uint32_t every = (1u << 7) - 2; // every category but None
    PipelineOptions p;
    RetryOptions& r = *p.retry;
    r.maxAttempts = 100;
    r.backoff = BackoffKind::Exponential;
    r.initialDelay = longest;
    r.multiplier = big;
    r.maxDelay = longest;
    r.jitter = JitterKind::Decorrelated;
    r.retryCategories = every;
    r.honourRetryAfter = false;
    r.maxRetryAfter = longest;
    r.rejectRetryAfterAboveCap = false;
    r.budget = RetryBudgetKind::Ratio;
    r.budgetRatio = tiny;
    r.budgetWindow = longest;
    r.budgetMinRetriesPerSecond = most;

    CircuitBreakerOptions& b = *p.circuitBreaker;
    b.mode = BreakerMode::CountWindow;
    b.failureThreshold = most;
    b.failureRateThreshold = tiny;
    b.windowSize = 100000;
    b.windowDuration = longest;
    b.windowBuckets = 1000;
    b.minimumThroughput = most;
    b.slowCallDuration = longest;
    b.slowCallRateThreshold = big;
    b.openDuration = longest;
    b.backoffMultiplier = big;
    b.maxOpenDuration = longest;
    b.halfOpenTrials = 1000;
    b.halfOpenMaxWait = longest;
    b.failureCategories = every;

    *p.timeout = {longest, longest};
    *p.bulkhead = {most, most, longest};

    RateLimiterOptions& l = *p.rateLimit;
    l.kind = RateLimiterKind::SlidingWindow;
    l.requestsPerSecond = big;
    l.burst = most;
    l.window = longest;
    l.adaptive = true;
    l.adaptInterval = longest;
    l.adaptHighErrorRate = tinyAbove;
    l.adaptLowErrorRate = tiny;
    l.adaptDecrease = tiny;
    l.adaptIncrease = big;
    l.adaptMaxMultiplier = big;
    l.adaptMinMultiplier = tiny;
    return {name, p};
}

// The largest config the rules allow, written as long as it can be: the most policies (64-character
// names, worst-case options), the longest environment and description of characters written as
// \u escapes.
inline ResilienceConfig worstCaseConfig(qsizetype policies, qsizetype environmentLength,
                                        qsizetype descriptionLength) {
    ResilienceConfig c;
    c.environment = QString(environmentLength, QChar(0x1f));
    c.description = QString(descriptionLength, QChar(0x1f));
    for (qsizetype i = 0; i < policies; ++i)
        c.policies.push_back(worstCasePolicy(QStringLiteral("p%1").arg(i, 63, 10, QLatin1Char('0'))));
    return c;
}

// The names of the fields that differ (a stage on in one and off in the other counts once).
inline QStringList differences(const PipelineOptions& a, const PipelineOptions& b) {
    QStringList out;
    const auto same = [](const auto& x, const auto& y) {
        if constexpr (std::is_floating_point_v<std::decay_t<decltype(x)>>)
            return x == y || (std::isnan(x) && std::isnan(y));
        else
            return x == y;
    };
#define JIMINI_STAGE(stage, ...)                                                                             \
    if (a.stage.has_value() != b.stage.has_value()) {                                                        \
        out << QStringLiteral(#stage);                                                                       \
    } else if (a.stage) {                                                                                    \
        const auto& x = *a.stage;                                                                            \
        const auto& y = *b.stage;                                                                            \
        for (const auto& [name, equal] : std::initializer_list<std::pair<const char*, bool>>{__VA_ARGS__})   \
            if (!equal)                                                                                      \
                out << QStringLiteral(#stage ".") + QLatin1String(name);                                     \
    }
#define F(field) std::pair<const char*, bool>{#field, same(x.field, y.field)}
    JIMINI_STAGE(retry, F(maxAttempts), F(backoff), F(initialDelay), F(multiplier), F(maxDelay), F(jitter),
                 F(retryCategories), F(honourRetryAfter), F(maxRetryAfter), F(rejectRetryAfterAboveCap),
                 F(budget), F(budgetRatio), F(budgetWindow), F(budgetMinRetriesPerSecond), F(budgetTokenMax),
                 F(budgetTokenRatio))
    JIMINI_STAGE(circuitBreaker, F(mode), F(failureThreshold), F(failureRateThreshold), F(windowSize),
                 F(windowDuration), F(windowBuckets), F(minimumThroughput), F(slowCallDuration),
                 F(slowCallRateThreshold), F(openDuration), F(backoffMultiplier), F(maxOpenDuration),
                 F(halfOpenTrials), F(halfOpenMaxWait), F(failureCategories))
    JIMINI_STAGE(timeout, F(perAttempt), F(overall))
    JIMINI_STAGE(bulkhead, F(maxConcurrent), F(maxQueued), F(maxQueueWait))
    JIMINI_STAGE(rateLimit, F(kind), F(requestsPerSecond), F(burst), F(window), F(adaptive), F(adaptInterval),
                 F(adaptHighErrorRate), F(adaptLowErrorRate), F(adaptDecrease), F(adaptIncrease),
                 F(adaptMaxMultiplier), F(adaptMinMultiplier))
#undef F
#undef JIMINI_STAGE
    if (a.order != b.order)
        out << QStringLiteral("order");
    return out;
}

} // namespace jimini::testdata
