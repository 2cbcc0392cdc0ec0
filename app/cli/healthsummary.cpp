// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthsummary.h"

#include "health/failureparts.h"
#include "health/healthnames.h"

#include <QStringList>

namespace jimini {

namespace {
QString ms(double seconds) {
    return QString::number(seconds * 1000.0, 'f', seconds < 0.01 ? 1 : 0) + QStringLiteral(" ms");
}

QString num(double v) {
    return QString::number(v, 'f', v == double(qint64(v)) ? 0 : 1);
}

// A figure the source did not give is said to be missing, never printed as 0.
const QString notReported = QStringLiteral("not reported");

QString ms(const std::optional<double>& seconds) {
    return seconds ? ms(*seconds) : notReported;
}

QString num(const std::optional<double>& v) {
    return v ? num(*v) : notReported;
}

QString time(const std::optional<QDateTime>& t) {
    return t ? t->toString(Qt::ISODateWithMs) : QStringLiteral("never");
}

// A service's free text bound for a terminal: control characters (escape sequences among them) shown as
// U+FFFD, never sent to the terminal.
QString terminalText(QString text) {
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control)
            c = QChar::ReplacementCharacter;
    }
    return text;
}

QString policyLine(const PolicyHealth& p) {
    QStringList parts;
    if (const auto& b = p.circuitBreaker) {
        QString s = QStringLiteral("breaker %1").arg(breakerStateName(b->state));
        if (b->manual && b->manualUntil)
            s += QStringLiteral(" until %1").arg(b->manualUntil->toString(Qt::ISODateWithMs));
        // Who and why, as the service said them (quoted: they are the operator's free text).
        if (b->manual && b->manualActor)
            s += QStringLiteral(" by \"%1\"").arg(terminalText(*b->manualActor));
        if (b->manual && b->manualReason)
            s += QStringLiteral(" reason \"%1\"").arg(terminalText(*b->manualReason));
        s += QStringLiteral(" (%1 failures, %2, %3 opens)")
                 .arg(b->failureCount)
                 .arg(b->rejectedCalls ? QStringLiteral("%1 rejected").arg(*b->rejectedCalls)
                                       : QStringLiteral("rejected not reported"))
                 .arg(b->opens);
        parts << s;
    } else {
        parts << QStringLiteral("breaker off");
    }
    if (const auto& r = p.rateLimiter)
        parts << (r->maxTokens
                      ? QStringLiteral("tokens %1/%2 at %3/s")
                            .arg(num(r->tokensAvailable), num(*r->maxTokens), num(r->requestsPerSecond))
                      : QStringLiteral("tokens %1 (limit not reported) at %2/s")
                            .arg(num(r->tokensAvailable), num(r->requestsPerSecond)));
    else
        parts << QStringLiteral("rate limit off");
    if (const auto& b = p.bulkhead)
        parts << (b->queueLimit
                      ? QStringLiteral("bulkhead %1 active, %2 queued of %3+%4")
                            .arg(b->activeRequests)
                            .arg(b->queuedRequests)
                            .arg(b->capacity)
                            .arg(*b->queueLimit)
                      : QStringLiteral("bulkhead %1 active, %2 queued of %3 (queue limit not reported)")
                            .arg(b->activeRequests)
                            .arg(b->queuedRequests)
                            .arg(b->capacity));
    else
        parts << QStringLiteral("bulkhead off");
    if (const auto& r = p.retry)
        parts << QStringLiteral("retry %1 attempts, %2 retries").arg(r->maxAttempts).arg(r->retries);
    else
        parts << QStringLiteral("retry off");
    return QStringLiteral("  %1: %2").arg(p.name, parts.join(QStringLiteral(", ")));
}
} // namespace

QString healthSummary(const HealthDocument& d) {
    const HealthMetrics& m = d.metrics;
    QStringList out;
    auto orNone = [](const QString& s) { return s.isEmpty() ? QStringLiteral("-") : s; };
    out << QStringLiteral("service:     %1").arg(orNone(d.service));
    out << QStringLiteral("instance:    %1").arg(orNone(d.instance));
    out << QStringLiteral("environment: %1").arg(orNone(d.environment));
    out << QStringLiteral("status:      %1").arg(toString(d.healthStatus));
    out << QStringLiteral("format:      %1")
               .arg(d.format == HealthFormat::NativeV1
                        ? QStringLiteral("jimini.health/v1")
                        : QStringLiteral("guide get_health_status() (lifetime totals)"));
    out << QStringLiteral("timestamp:   %1").arg(d.timestamp.toString(Qt::ISODateWithMs));
    out << QStringLiteral("config:      %1").arg(orNone(d.configVersion));
    // A young service's window spans only its life so far: say so, every figure below is over that.
    if (d.format == HealthFormat::GuideDocument)
        out << QStringLiteral("metrics (lifetime):");
    else if (m.coveredSeconds)
        out << QStringLiteral("metrics (%1 s window, covering %2 s):")
                   .arg(num(d.windowSeconds), QString::number(*m.coveredSeconds, 'f', 1));
    else
        out << QStringLiteral("metrics (%1 s window):").arg(num(d.windowSeconds));
    out << QStringLiteral("  calls %1 (%2 ok, %3 failed), error rate %4%, req/s %5")
               .arg(m.totalOperations)
               .arg(m.successfulOperations)
               .arg(m.failedOperations)
               .arg(QString::number(m.currentErrorRate * 100.0, 'f', 2))
               .arg(num(m.requestsPerSecond));
    // What the failed calls were: the guide counts its own shedding (rate limited, bulkhead full,
    // breaker open) as failures too.
    out << QStringLiteral("  failed calls: %1").arg(FailureParts::of(m).summary(QLocale::c()));
    out << QStringLiteral("  latency avg %1, p50 %2, p95 %3, p99 %4")
               .arg(ms(m.averageResponseTime), ms(m.p50ResponseTime), ms(m.p95ResponseTime),
                    ms(m.p99ResponseTime));
    out << QStringLiteral("  breaker opens %1, rate limited %2, timeouts %3, retries %4")
               .arg(m.circuitBreakerOpens)
               .arg(m.rateLimitHits)
               .arg(m.timeouts)
               .arg(m.retries);
    out << QStringLiteral("  last success %1, last failure %2")
               .arg(time(m.lastSuccessTime), time(m.lastFailureTime));
    if (d.alerts.empty()) {
        out << QStringLiteral("alerts:      none");
    } else {
        out << QStringLiteral("alerts:");
        for (const HealthAlert& a : d.alerts)
            out << QStringLiteral("  %1 %2: %3")
                       .arg(a.level == AlertLevel::Critical ? QStringLiteral("critical")
                                                            : QStringLiteral("warning"),
                            a.metric, a.message);
    }
    out << QStringLiteral("policies:");
    for (const PolicyHealth& p : d.policies)
        out << policyLine(p);
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace jimini
