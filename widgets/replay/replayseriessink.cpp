// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayseriessink.h"

#include "health/failureparts.h"
#include "health/healthnames.h"
#include "store/seriesstore.h"

#include <chrono>

namespace jimini {

ReplaySeriesSink::ReplaySeriesSink(SeriesStore& store, int column, const Scenario& scenario,
                                   std::int64_t originMs)
    : m_store(store)
    , m_originMs(originMs) {
    for (const ScenarioDependency& d : scenario.dependencies) {
        m_endpoints << endpointId(column, d.name);
        m_names << d.name;
    }
}

QString ReplaySeriesSink::endpointId(int column, const QString& dependency) {
    return QStringLiteral("replay:%1/%2").arg(column).arg(dependency);
}

void ReplaySeriesSink::onSecond(const ReplaySecond& s) {
    if (s.dependency >= std::uint32_t(m_endpoints.size()))
        return;
    const QString& id = m_endpoints[qsizetype(s.dependency)];
    const QString& policy = m_names[qsizetype(s.dependency)];
    const std::int64_t timeMs = m_originMs + s.second * 1000;
    const auto put = [&](const QString& p, Metric metric, double value) {
        m_store.append(SeriesKey{id, p, metric}, timeMs, float(value));
    };
    const QString none;
    put(none, Metric::RequestRate, double(s.offered));
    put(policy, Metric::RequestRate, double(s.attempts)); // the dependency's load: ReplayLoadChart
    const std::uint64_t ended = s.ended();
    if (ended > 0) {
        put(none, Metric::ErrorRate, double(ended - s.count(CallCategory::Success)) / double(ended));
        put(none, failureMetric(std::size_t(FailureKind::Downstream)),
            double(s.count(CallCategory::Http4xx) + s.count(CallCategory::Http5xx) +
                   s.count(CallCategory::Network)));
        put(none, failureMetric(std::size_t(FailureKind::Timeout)), double(s.count(CallCategory::Timeout)));
        put(none, failureMetric(std::size_t(FailureKind::RateLimited)),
            double(s.count(CallCategory::RateLimited)));
        put(none, failureMetric(std::size_t(FailureKind::BulkheadFull)),
            double(s.count(CallCategory::BulkheadFull)));
        put(none, failureMetric(std::size_t(FailureKind::BreakerOpen)),
            double(s.count(CallCategory::BreakerOpen)));
        put(none, failureMetric(std::size_t(FailureKind::Cancelled)),
            double(s.count(CallCategory::Cancelled)));
    }
    if (s.p50Ms)
        put(none, Metric::LatencyP50, *s.p50Ms / 1000);
    if (s.p95Ms)
        put(none, Metric::LatencyP95, *s.p95Ms / 1000);
    if (s.p99Ms)
        put(none, Metric::LatencyP99, *s.p99Ms / 1000);
    if (s.tokens)
        put(policy, Metric::TokensAvailable, *s.tokens);
    if (s.bulkheadActive)
        put(policy, Metric::BulkheadActive, *s.bulkheadActive);
    if (s.bulkheadQueued)
        put(policy, Metric::BulkheadQueued, *s.bulkheadQueued);
    if (s.breaker)
        put(policy, Metric::BreakerState, breakerStateCode(*s.breaker));
    // The engine closes a second dependency by dependency, in order: the last one completes it.
    if (s.dependency + 1 == std::uint32_t(m_endpoints.size()))
        m_frontier.store(s.second + 1, std::memory_order_release);
}

void ReplaySeriesSink::onTransition(std::uint32_t dependency, Duration at, const BreakerTransition& t) {
    if (dependency >= std::uint32_t(m_endpoints.size()))
        return;
    const std::int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(at).count();
    m_store.append(
        SeriesKey{m_endpoints[qsizetype(dependency)], m_names[qsizetype(dependency)], Metric::BreakerState},
        m_originMs + ms, float(breakerStateCode(t.to)));
}

} // namespace jimini
