// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeseriesfeed.h"

#include "health/failureparts.h"
#include "health/healthnames.h"

#include <algorithm>
#include <cmath>

namespace jimini {

ProbeSeriesFeed::ProbeSeriesFeed(SeriesStore& store, QString endpointId, QString policy, std::int64_t startMs)
    : m_store(store)
    , m_endpointId(std::move(endpointId))
    , m_policy(std::move(policy))
    , m_startMs(startMs)
    , m_lastMs(startMs) {}

void ProbeSeriesFeed::add(const ProbeSnapshot& s) {
    // The point of a window is stamped at its start, as a service's document covers the seconds before it.
    const std::int64_t endMs = m_startMs + std::int64_t(std::llround(s.elapsedSeconds * 1000));
    const std::int64_t atMs = std::max<std::int64_t>(m_startMs, endMs - std::llround(s.windowSeconds * 1000));
    m_lastMs = endMs;
    auto put = [&](const QString& policy, Metric metric, double value) {
        m_store.append(SeriesKey{m_endpointId, policy, metric}, atMs, float(value));
    };
    const QString none;
    if (s.windowSeconds > 0)
        put(none, Metric::RequestRate, double(s.attemptsSent - m_sent) / s.windowSeconds);
    if (s.errorRate)
        put(none, Metric::ErrorRate, *s.errorRate);
    if (s.callP50)
        put(none, Metric::LatencyP50, *s.callP50);
    if (s.callP95)
        put(none, Metric::LatencyP95, *s.callP95);
    if (s.callP99)
        put(none, Metric::LatencyP99, *s.callP99);
    const std::uint64_t finished = s.calls.total() - m_calls.total();
    if (finished > 0) {
        auto delta = [&](CallCategory c) { return double(s.calls[c] - m_calls[c]); };
        const double kinds[failureKindCount] = {delta(CallCategory::Http4xx) + delta(CallCategory::Http5xx) +
                                                    delta(CallCategory::Network),
                                                delta(CallCategory::Timeout),
                                                delta(CallCategory::RateLimited),
                                                delta(CallCategory::BulkheadFull),
                                                delta(CallCategory::BreakerOpen),
                                                delta(CallCategory::Cancelled)};
        for (std::size_t k = 0; k < failureKindCount; ++k)
            put(none, failureMetric(k), kinds[k]);
    }
    if (s.tokensAvailable)
        put(m_policy, Metric::TokensAvailable, *s.tokensAvailable);
    if (s.tokenLimit)
        put(m_policy, Metric::TokenLimit, *s.tokenLimit);
    if (s.bulkheadActive)
        put(m_policy, Metric::BulkheadActive, *s.bulkheadActive);
    if (s.bulkheadQueued)
        put(m_policy, Metric::BulkheadQueued, *s.bulkheadQueued);
    if (s.bulkheadCapacity)
        put(m_policy, Metric::BulkheadCapacity, *s.bulkheadCapacity);
    if (const auto state = breakerStateFromName(s.breakerState))
        put(m_policy, Metric::BreakerState, breakerStateCode(*state));
    m_sent = s.attemptsSent;
    m_calls = s.calls;
}

} // namespace jimini
