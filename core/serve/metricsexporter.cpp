// SPDX-License-Identifier: GPL-3.0-or-later
#include "metricsexporter.h"

#include "serve/policyregistry.h"

#include <QLocale>
#include <QString>

#include <array>
#include <chrono>

namespace jimini {

namespace {
QByteArray label(const QString& value) {
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

QByteArray number(double v) {
    return QString::number(v, 'g', QLocale::FloatingPointShortest).toLatin1();
}

class Writer {
public:
    // Every family says what it counts and over what window (promtool flags a family without HELP).
    void family(const char* family, const char* kind, const char* help) {
        m_out += "# HELP ";
        m_out += family;
        m_out += ' ';
        m_out += help;
        m_out += '\n';
        m_out += "# TYPE ";
        m_out += family;
        m_out += ' ';
        m_out += kind;
        m_out += '\n';
    }
    void line(const char* family, const QString& policy, const char* extra, const QByteArray& extraValue,
              const QByteArray& value) {
        m_out += family;
        m_out += "{policy=\"" + label(policy) + '"';
        if (extra)
            m_out += QByteArray(",") + extra + "=\"" + extraValue + '"';
        m_out += "} " + value + '\n';
    }
    void line(const char* family, const QString& policy, const QByteArray& value) {
        line(family, policy, nullptr, {}, value);
    }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

constexpr std::array<BreakerState, 5> breakerStates{BreakerState::Closed, BreakerState::Open,
                                                    BreakerState::HalfOpen, BreakerState::Isolated,
                                                    BreakerState::Disabled};
constexpr std::array<OutcomeKind, 8> outcomes{
    OutcomeKind::Success,      OutcomeKind::Failure,     OutcomeKind::RateLimited, OutcomeKind::BulkheadFull,
    OutcomeKind::QueueTimeout, OutcomeKind::BreakerOpen, OutcomeKind::TimedOut,    OutcomeKind::Cancelled};
constexpr std::array<double, 11> bucketBounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

QByteArray name(std::string_view s) {
    return QByteArray(s.data(), qsizetype(s.size()));
}
} // namespace

QByteArray MetricsExporter::render(const PolicyRegistry& registry, TimePoint now) {
    const auto& entries = registry.entries();
    std::vector<PolicyTelemetry::Snapshot> telemetry;
    std::vector<PipelineStats> stats;
    telemetry.reserve(entries.size());
    for (const PolicyEntry& e : entries) {
        telemetry.push_back(e.telemetry->snapshot());
        stats.push_back(e.stats());
    }
    Writer w;

    w.family("jimini_circuit_breaker_state", "gauge",
             "Circuit breaker state of the policy now: 1 on the line of its current state (closed, open, "
             "half_open, isolated, disabled), 0 on the others.");
    for (const PolicyEntry& e : entries) {
        if (const CircuitBreaker* b = e.pipeline->circuitBreaker()) {
            const BreakerState state = b->state();
            for (BreakerState s : breakerStates)
                w.line("jimini_circuit_breaker_state", e.name, "state", name(toString(s)),
                       state == s ? "1" : "0");
        }
    }
    w.family("jimini_calls_total", "counter",
             "Calls through the policy that finished since the agent started, by outcome: success, failure "
             "(the operation ran and failed), rate_limited, bulkhead_full, queue_timeout, breaker_open, "
             "timeout, cancelled. All but success count as failed_operations in the health document.");
    for (std::size_t i = 0; i < entries.size(); ++i)
        for (OutcomeKind k : outcomes)
            w.line("jimini_calls_total", entries[i].name, "outcome", name(toString(k)),
                   QByteArray::number(quint64(telemetry[i].calls[std::size_t(k)])));
    w.family(
        "jimini_retries_total", "counter",
        "Retry attempts of the policy since the agent started (the first attempt of a call is not a retry).");
    for (std::size_t i = 0; i < entries.size(); ++i)
        w.line("jimini_retries_total", entries[i].name, QByteArray::number(quint64(stats[i].retries)));
    w.family("jimini_circuit_breaker_opens_total", "counter",
             "Transitions of the policy's circuit breaker into open since the agent started (isolated by an "
             "operator not included).");
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].pipeline->circuitBreaker())
            w.line("jimini_circuit_breaker_opens_total", entries[i].name,
                   QByteArray::number(quint64(stats[i].circuitBreakerOpens)));

    std::vector<std::pair<const PolicyEntry*, RateLimiterSnapshot>> limiters;
    for (const PolicyEntry& e : entries)
        if (const RateLimiter* r = e.pipeline->rateLimiter())
            limiters.emplace_back(&e, r->snapshot(now));
    w.family(
        "jimini_rate_limiter_tokens_available", "gauge",
        "Tokens in the policy's rate limiter now (window limiters: requests left in the current window).");
    for (const auto& [e, s] : limiters)
        w.line("jimini_rate_limiter_tokens_available", e->name, number(s.tokensAvailable));
    w.family("jimini_rate_limiter_requests_per_second", "gauge",
             "The rate the policy's rate limiter admits now, after any adaptive multiplier: a limit, not the "
             "measured request rate.");
    for (const auto& [e, s] : limiters)
        w.line("jimini_rate_limiter_requests_per_second", e->name, number(s.ratePerSecond));

    std::vector<std::pair<const PolicyEntry*, BulkheadSnapshot>> bulkheads;
    for (const PolicyEntry& e : entries)
        if (const Bulkhead* b = e.pipeline->bulkhead())
            bulkheads.emplace_back(&e, b->snapshot());
    w.family("jimini_bulkhead_active", "gauge", "Calls running in the policy's bulkhead now.");
    for (const auto& [e, s] : bulkheads)
        w.line("jimini_bulkhead_active", e->name, QByteArray::number(s.active));
    w.family("jimini_bulkhead_queued", "gauge", "Calls waiting in the policy's bulkhead queue now.");
    for (const auto& [e, s] : bulkheads)
        w.line("jimini_bulkhead_queued", e->name, QByteArray::number(s.queued));
    w.family("jimini_bulkhead_capacity", "gauge",
             "Calls the policy's bulkhead runs at once (its configured limit).");
    for (const auto& [e, s] : bulkheads)
        w.line("jimini_bulkhead_capacity", e->name, QByteArray::number(s.capacity));

    w.family("jimini_call_duration_seconds", "histogram",
             "Duration in seconds of the policy's finished calls since the agent started, end to end "
             "(retries and waits included).");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const LatencyHistogram& h = telemetry[i].latency;
        for (double bound : bucketBounds) {
            const auto d = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(bound));
            w.line("jimini_call_duration_seconds_bucket", entries[i].name, "le", number(bound),
                   QByteArray::number(quint64(h.countAtOrBelow(d))));
        }
        w.line("jimini_call_duration_seconds_bucket", entries[i].name, "le", "+Inf",
               QByteArray::number(quint64(h.count())));
        w.line("jimini_call_duration_seconds_sum", entries[i].name,
               number(std::chrono::duration<double>(h.sum()).count()));
        w.line("jimini_call_duration_seconds_count", entries[i].name, QByteArray::number(quint64(h.count())));
    }
    return w.take();
}

} // namespace jimini
