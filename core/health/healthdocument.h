// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/breakerstate.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace jimini {

// Plain values of one health document (docs/protocol.md, "Health document"). Parsers and the agent
// produce them; models and views consume them. Field comments give the JSON key.
//
// A figure some source does not give (the guide's get_health_status() has no percentiles, no request
// rate, no token limit, ...) is a std::optional: nullopt is "not reported", never 0, all the way to the
// views. A figure every accepted source must send stays plain.

enum class HealthLevel : std::uint8_t { Healthy, Degraded, Critical }; // health_status
enum class AlertLevel : std::uint8_t { Warning, Critical };            // alerts[].level

// metrics.failures: what the failed operations were. The parts add up to failed_operations.
struct FailureBreakdown {
    std::uint64_t downstream = 0;   // downstream: the operation ran and failed
    std::uint64_t timeout = 0;      // timeout: an attempt or the overall deadline ran out
    std::uint64_t rateLimited = 0;  // rate_limited: shed by the rate limiter
    std::uint64_t bulkheadFull = 0; // bulkhead_full: no slot nor queue room, or gave up waiting
    std::uint64_t breakerOpen = 0;  // breaker_open: short-circuited by a breaker
    std::uint64_t cancelled = 0;    // cancelled: the caller gave up

    std::uint64_t total() const noexcept {
        return downstream + timeout + rateLimited + bulkheadFull + breakerOpen + cancelled;
    }
    bool operator==(const FailureBreakdown&) const = default;
};

struct HealthMetrics {                        // metrics: over the rolling window
    QString serviceName;                      // service_name
    std::uint64_t totalOperations = 0;        // total_operations
    std::uint64_t successfulOperations = 0;   // successful_operations
    std::uint64_t failedOperations = 0;       // failed_operations
    std::uint64_t circuitBreakerOpens = 0;    // circuit_breaker_opens
    std::uint64_t rateLimitHits = 0;          // rate_limit_hits
    std::uint64_t timeouts = 0;               // timeouts
    std::uint64_t retries = 0;                // retries
    double averageResponseTime = 0;           // average_response_time, seconds
    std::optional<double> p50ResponseTime;    // p50_response_time, seconds (guide: absent)
    std::optional<double> p95ResponseTime;    // p95_response_time
    std::optional<double> p99ResponseTime;    // p99_response_time
    std::optional<QDateTime> lastSuccessTime; // last_success_time (UTC) or null
    std::optional<QDateTime> lastFailureTime; // last_failure_time
    double currentErrorRate = 0;              // current_error_rate, 0..1
    std::optional<double> requestsPerSecond;  // requests_per_second (guide: absent)
    std::optional<double> coveredSeconds;     // covered_seconds: what the window spans (absent: not said)
    std::optional<FailureBreakdown> failures; // failures: the parts of failed_operations (absent: not said)

    bool operator==(const HealthMetrics&) const = default;
};

struct HealthAlert {
    AlertLevel level = AlertLevel::Warning; // level
    QString message;                        // message
    QString metric;                         // metric: error_rate, response_time, circuit_breaker_opens
    double value = 0;                       // value
    std::optional<double> threshold;        // threshold (absent for circuit_breaker_opens, as in the guide)

    bool operator==(const HealthAlert&) const = default;
};

struct BreakerHealth {                          // policies[].circuit_breaker
    BreakerState state = BreakerState::Closed;  // state (guide: status, any alias of healthnames.h)
    bool manual = false;                        // manual
    std::uint32_t failureCount = 0;             // failure_count
    std::optional<double> failureRate;          // failure_rate (guide: absent, as the next three)
    std::optional<double> slowCallRate;         // slow_call_rate
    std::optional<std::uint32_t> bufferedCalls; // buffered_calls
    std::optional<std::uint64_t> rejectedCalls; // rejected_calls
    std::uint64_t opens = 0;                    // opens
    std::optional<QDateTime> lastFailureTime;   // last_failure_time
    std::optional<QDateTime> nextAttemptTime;   // next_attempt_time
    std::optional<QDateTime> manualUntil;       // manual_until
    // Who set the manual state and why, as the service recorded them (absent: not said, never made up).
    std::optional<QString> manualReason; // manual_reason, at most maxManualReason characters
    std::optional<QString> manualActor;  // manual_actor, at most maxManualActor characters

    // The command's reason is bounded to 1024 characters; an actor is an operator name (64) and a token
    // identity. Longer is refused by the reader, not cut: a cut text would put words in someone's mouth.
    static constexpr int maxManualReason = 1024;
    static constexpr int maxManualActor = 128;

    bool operator==(const BreakerHealth&) const = default;
};

struct BulkheadHealth {                          // policies[].bulkhead
    std::uint32_t activeRequests = 0;            // active_requests
    std::uint32_t queuedRequests = 0;            // queued_requests
    std::uint32_t capacity = 0;                  // capacity
    std::optional<std::uint32_t> queueLimit;     // queue_limit (guide: absent)
    std::optional<std::uint64_t> rejectionCount; // rejection_count (guide: absent)

    bool operator==(const BulkheadHealth&) const = default;
};

struct RateLimiterHealth {                 // policies[].rate_limiter
    double tokensAvailable = 0;            // tokens_available
    std::optional<double> maxTokens;       // max_tokens (guide: absent)
    double requestsPerSecond = 0;          // requests_per_second (current, after any adaptive multiplier)
    std::optional<double> multiplier;      // multiplier (guide: absent)
    std::optional<std::uint64_t> rejected; // rejected (guide: absent)

    bool operator==(const RateLimiterHealth&) const = default;
};

struct RetryHealth {                       // policies[].retry
    std::uint32_t maxAttempts = 0;         // max_attempts
    std::uint64_t retries = 0;             // retries
    std::optional<double> budgetAvailable; // budget_available (null: no budget)
    std::uint64_t budgetDenied = 0;        // budget_denied

    bool operator==(const RetryHealth&) const = default;
};

struct PolicyStatistics { // policies[].statistics: lifetime totals, the guide's names
    std::uint64_t totalOperations = 0;
    std::uint64_t successfulOperations = 0;
    std::uint64_t failedOperations = 0;
    std::uint64_t circuitBreakerOpens = 0;
    std::uint64_t rateLimitHits = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t retries = 0;

    bool operator==(const PolicyStatistics&) const = default;
};

struct PolicyHealth {                            // policies[]
    QString name;                                // name
    std::optional<BreakerHealth> circuitBreaker; // null when the stage is off
    std::optional<BulkheadHealth> bulkhead;
    std::optional<RateLimiterHealth> rateLimiter;
    std::optional<RetryHealth> retry;
    PolicyStatistics statistics;

    bool operator==(const PolicyHealth&) const = default;
};

enum class HealthFormat : std::uint8_t { NativeV1, GuideDocument }; // which shape the document arrived in

struct HealthDocument {
    QString service;                                 // service (guide: service_name)
    QString instance;                                // instance (guide: absent -> empty)
    QString environment;                             // environment
    QDateTime timestamp;                             // timestamp (guide: absent -> time of reading)
    HealthLevel healthStatus = HealthLevel::Healthy; // health_status
    bool isHealthy = true;                           // is_healthy
    QString configVersion;                           // config_version
    double windowSeconds = 60;                       // window_seconds
    HealthMetrics metrics;                           // metrics
    std::vector<HealthAlert> alerts;                 // alerts
    std::vector<PolicyHealth> policies; // policies (guide: one, "default", from resilience_stats)
    HealthFormat format = HealthFormat::NativeV1;

    bool operator==(const HealthDocument&) const = default;
};

} // namespace jimini
