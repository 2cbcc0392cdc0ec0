// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthcodec.h"

#include "health/guidehealthreader.h"
#include "health/healthnames.h"
#include "health/healthtime.h"
#include "health/nativehealthreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

namespace jimini {

namespace {
// Counters up to 2^63 - 1 are written exactly; beyond (never reached in practice, and only ever read
// from a JSON double) as that double, so that a document written back reads the same: clamping them
// would break the sum of metrics.failures.
QJsonValue count(std::uint64_t n) {
    if (n <= std::uint64_t(std::numeric_limits<qint64>::max()))
        return QJsonValue(qint64(n));
    return QJsonValue(double(n));
}

// Absent figures are null on the wire: "not reported", which a 0 would contradict.
QJsonValue number(const std::optional<double>& d) {
    return d ? QJsonValue(*d) : QJsonValue(QJsonValue::Null);
}

template <typename N> QJsonValue count(const std::optional<N>& n) {
    return n ? count(std::uint64_t(*n)) : QJsonValue(QJsonValue::Null);
}

QJsonValue time(const std::optional<QDateTime>& t) {
    return t ? QJsonValue(toRfc3339(*t)) : QJsonValue(QJsonValue::Null);
}

QJsonObject metricsJson(const HealthMetrics& m) {
    QJsonObject o{
        {QStringLiteral("service_name"), m.serviceName},
        {QStringLiteral("total_operations"), count(m.totalOperations)},
        {QStringLiteral("successful_operations"), count(m.successfulOperations)},
        {QStringLiteral("failed_operations"), count(m.failedOperations)},
        {QStringLiteral("circuit_breaker_opens"), count(m.circuitBreakerOpens)},
        {QStringLiteral("rate_limit_hits"), count(m.rateLimitHits)},
        {QStringLiteral("timeouts"), count(m.timeouts)},
        {QStringLiteral("retries"), count(m.retries)},
        {QStringLiteral("average_response_time"), m.averageResponseTime},
        {QStringLiteral("p50_response_time"), number(m.p50ResponseTime)},
        {QStringLiteral("p95_response_time"), number(m.p95ResponseTime)},
        {QStringLiteral("p99_response_time"), number(m.p99ResponseTime)},
        {QStringLiteral("last_success_time"), time(m.lastSuccessTime)},
        {QStringLiteral("last_failure_time"), time(m.lastFailureTime)},
        {QStringLiteral("current_error_rate"), m.currentErrorRate},
        {QStringLiteral("requests_per_second"), number(m.requestsPerSecond)},
    };
    if (m.coveredSeconds)
        o.insert(QStringLiteral("covered_seconds"), *m.coveredSeconds);
    if (const auto& f = m.failures)
        o.insert(QStringLiteral("failures"), QJsonObject{
                                                 {QStringLiteral("downstream"), count(f->downstream)},
                                                 {QStringLiteral("timeout"), count(f->timeout)},
                                                 {QStringLiteral("rate_limited"), count(f->rateLimited)},
                                                 {QStringLiteral("bulkhead_full"), count(f->bulkheadFull)},
                                                 {QStringLiteral("breaker_open"), count(f->breakerOpen)},
                                                 {QStringLiteral("cancelled"), count(f->cancelled)},
                                             });
    return o;
}

QJsonObject statisticsJson(const PolicyStatistics& s) {
    return {
        {QStringLiteral("total_operations"), count(s.totalOperations)},
        {QStringLiteral("successful_operations"), count(s.successfulOperations)},
        {QStringLiteral("failed_operations"), count(s.failedOperations)},
        {QStringLiteral("circuit_breaker_opens"), count(s.circuitBreakerOpens)},
        {QStringLiteral("rate_limit_hits"), count(s.rateLimitHits)},
        {QStringLiteral("timeouts"), count(s.timeouts)},
        {QStringLiteral("retries"), count(s.retries)},
    };
}

template <typename T, typename F> QJsonValue block(const std::optional<T>& b, F toJson) {
    return b ? QJsonValue(toJson(*b)) : QJsonValue(QJsonValue::Null);
}

QJsonObject policyJson(const PolicyHealth& p) {
    QJsonObject o;
    o.insert(QStringLiteral("name"), p.name);
    o.insert(QStringLiteral("circuit_breaker"), block(p.circuitBreaker, [](const BreakerHealth& b) {
                 QJsonObject o{
                     {QStringLiteral("state"), breakerStateName(b.state)},
                     {QStringLiteral("manual"), b.manual},
                     {QStringLiteral("failure_count"), count(b.failureCount)},
                     {QStringLiteral("failure_rate"), number(b.failureRate)},
                     {QStringLiteral("slow_call_rate"), number(b.slowCallRate)},
                     {QStringLiteral("buffered_calls"), count(b.bufferedCalls)},
                     {QStringLiteral("rejected_calls"), count(b.rejectedCalls)},
                     {QStringLiteral("opens"), count(b.opens)},
                     {QStringLiteral("last_failure_time"), time(b.lastFailureTime)},
                     {QStringLiteral("next_attempt_time"), time(b.nextAttemptTime)},
                     {QStringLiteral("manual_until"), time(b.manualUntil)},
                 };
                 // Absent when not known: a reader tells "not said" from an empty reason.
                 if (b.manualReason)
                     o.insert(QStringLiteral("manual_reason"), *b.manualReason);
                 if (b.manualActor)
                     o.insert(QStringLiteral("manual_actor"), *b.manualActor);
                 return o;
             }));
    o.insert(QStringLiteral("bulkhead"), block(p.bulkhead, [](const BulkheadHealth& b) {
                 return QJsonObject{
                     {QStringLiteral("active_requests"), count(b.activeRequests)},
                     {QStringLiteral("queued_requests"), count(b.queuedRequests)},
                     {QStringLiteral("capacity"), count(b.capacity)},
                     {QStringLiteral("queue_limit"), count(b.queueLimit)},
                     {QStringLiteral("rejection_count"), count(b.rejectionCount)},
                 };
             }));
    o.insert(QStringLiteral("rate_limiter"), block(p.rateLimiter, [](const RateLimiterHealth& b) {
                 return QJsonObject{
                     {QStringLiteral("tokens_available"), b.tokensAvailable},
                     {QStringLiteral("max_tokens"), number(b.maxTokens)},
                     {QStringLiteral("requests_per_second"), b.requestsPerSecond},
                     {QStringLiteral("multiplier"), number(b.multiplier)},
                     {QStringLiteral("rejected"), count(b.rejected)},
                 };
             }));
    o.insert(QStringLiteral("retry"), block(p.retry, [](const RetryHealth& b) {
                 return QJsonObject{
                     {QStringLiteral("max_attempts"), count(b.maxAttempts)},
                     {QStringLiteral("retries"), count(b.retries)},
                     {QStringLiteral("budget_available"),
                      b.budgetAvailable ? QJsonValue(*b.budgetAvailable) : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("budget_denied"), count(b.budgetDenied)},
                 };
             }));
    o.insert(QStringLiteral("statistics"), statisticsJson(p.statistics));
    return o;
}
} // namespace

QJsonObject HealthCodec::toJson(const HealthDocument& d) {
    QJsonArray alerts;
    for (const HealthAlert& a : d.alerts) {
        QJsonObject o{{QStringLiteral("level"), toString(a.level)},
                      {QStringLiteral("message"), a.message},
                      {QStringLiteral("metric"), a.metric},
                      {QStringLiteral("value"), a.value}};
        if (a.threshold)
            o.insert(QStringLiteral("threshold"), *a.threshold);
        alerts.append(o);
    }
    QJsonArray policies;
    for (const PolicyHealth& p : d.policies)
        policies.append(policyJson(p));
    return {
        {QStringLiteral("schema"), QStringLiteral("jimini.health/v1")},
        {QStringLiteral("service"), d.service},
        {QStringLiteral("instance"), d.instance},
        {QStringLiteral("environment"), d.environment},
        {QStringLiteral("timestamp"), toRfc3339(d.timestamp)},
        {QStringLiteral("health_status"), toString(d.healthStatus)},
        {QStringLiteral("is_healthy"), d.isHealthy},
        {QStringLiteral("config_version"), d.configVersion},
        {QStringLiteral("window_seconds"), d.windowSeconds},
        {QStringLiteral("metrics"), metricsJson(d.metrics)},
        {QStringLiteral("alerts"), alerts},
        {QStringLiteral("policies"), policies},
    };
}

QByteArray HealthCodec::encode(const HealthDocument& document) {
    return QJsonDocument(toJson(document)).toJson(QJsonDocument::Compact);
}

HealthParseResult HealthCodec::decode(const QByteArray& body, const QDateTime& readTime) {
    if (body.size() > maxDocumentSize)
        return {std::nullopt, QString(),
                QStringLiteral("document is %1 bytes, over the %2-byte limit")
                    .arg(body.size())
                    .arg(maxDocumentSize)};
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return {std::nullopt, QString(),
                QStringLiteral("malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString())};
    if (!json.isObject())
        return {std::nullopt, QString(),
                QStringLiteral("expected an object, got %1")
                    .arg(json.isArray() ? QStringLiteral("an array") : QStringLiteral("nothing"))};
    return fromJson(json.object(), readTime);
}

HealthParseResult HealthCodec::fromJson(const QJsonObject& root, const QDateTime& readTime) {
    if (root.contains(QStringLiteral("policies")) || root.contains(QStringLiteral("schema")))
        return NativeHealthReader::read(root);
    if (root.contains(QStringLiteral("resilience_stats")))
        return GuideHealthReader::read(root, readTime);
    return {std::nullopt, QString(),
            QStringLiteral("not a health document: neither \"policies\" or \"schema\" (Jimini v1) nor "
                           "\"resilience_stats\" (the guide's get_health_status()) is present")};
}

} // namespace jimini
