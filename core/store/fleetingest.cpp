// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/fleetingest.h"

#include "health/healthnames.h"

#include <array>

namespace jimini {

namespace {
// A status that says why a read failed, as opposed to the connection's state (connecting, backing off,
// stale), which says nothing of the cause.
bool isFailureCause(SourceStatus status) {
    return status != SourceStatus::Ok && status != SourceStatus::Connecting &&
           status != SourceStatus::Backoff && status != SourceStatus::Stale;
}
} // namespace

FleetIngest::FleetIngest(SeriesStore& store)
    : m_store(store) {
    m_scratch.reserve(4096);
}

void FleetIngest::applyIdentity(Endpoint& state, const HealthDocument* document) {
    const ServiceEndpoint& endpoint = state.endpoint;
    InstanceRow& row = state.row;
    row.endpointId = endpoint.id();
    row.documentUrl = endpoint.healthUrl().toString();
    // The workspace's grouping and tag win over what the service says of itself: the operator set them.
    if (!endpoint.group.isEmpty())
        row.service = endpoint.group;
    else if (document && !document->service.isEmpty())
        row.service = document->service;
    // Otherwise the name stays what the service last said, or empty: a host name is no service name,
    // and an endpoint that never answered is shown as unidentified rather than as a made-up service.
    if (document && !document->instance.isEmpty())
        row.instance = document->instance;
    else if (row.instance.isEmpty())
        row.instance = endpoint.baseUrl.authority();
    if (!endpoint.environment.isEmpty())
        row.environment = endpoint.environment;
    else if (document)
        row.environment = document->environment;
}

void FleetIngest::addEndpoint(const ServiceEndpoint& endpoint) {
    const QString id = endpoint.id();
    auto it = m_endpoints.find(id);
    if (it == m_endpoints.end()) {
        it = m_endpoints.insert(id, Endpoint{}); // no sparkline until a document: nothing is known
    }
    it->endpoint = endpoint;
    it->streaming = endpoint.mode == ServiceEndpoint::Mode::Stream;
    // A new group or tag must show at once, not only with the next document.
    it->row.service.clear();
    it->row.environment.clear();
    applyIdentity(*it, nullptr);
}

void FleetIngest::removeEndpoint(const QString& endpointId, bool keepHistory) {
    m_endpoints.remove(endpointId);
    if (!keepHistory)
        m_store.remove(endpointId);
}

void FleetIngest::dropHistory(const QString& endpointId) {
    if (!m_endpoints.contains(endpointId))
        m_store.remove(endpointId);
}

void FleetIngest::setStreaming(const QString& endpointId, bool streaming) {
    if (const auto it = m_endpoints.find(endpointId); it != m_endpoints.end() && it->streaming != streaming) {
        it->streaming = streaming;
        // The documents seen while the other side reported transitions are no base for a diff.
        it->hasPrevious = false;
    }
}

const InstanceRow* FleetIngest::row(const QString& endpointId) const {
    const auto it = m_endpoints.constFind(endpointId);
    return it == m_endpoints.constEnd() ? nullptr : &it->row;
}

void FleetIngest::annotate(FleetEvent& event) const {
    const InstanceRow* r = row(event.endpointId);
    if (!r)
        return;
    if (event.service.isEmpty())
        event.service = r->service;
    if (event.instance.isEmpty())
        event.instance = r->instance;
}

bool FleetIngest::ingest(const SourceSample& sample, std::vector<FleetEvent>& events) {
    const auto it = m_endpoints.find(sample.endpointId);
    if (it == m_endpoints.end()) {
        ++m_stats.ignored;
        return false;
    }
    ++m_stats.ingested;
    Endpoint& state = *it;
    const InstanceRow before = state.row;
    InstanceRow& row = state.row;
    const HealthDocument* document =
        sample.status == SourceStatus::Ok && sample.document ? &*sample.document : nullptr;
    const std::int64_t nowMs = sample.receivedAt.toMSecsSinceEpoch();

    row.status = document ? SourceStatus::Ok : sample.status;
    if (document) {
        row.reason.clear();
        row.cause = SourceStatus::Ok;
        row.causeReason.clear();
        row.lastSeen = sample.receivedAt;
        row.hasDocument = true;
        applyIdentity(state, document);
        applyDocument(state, *document);
        appendSeries(sample.endpointId, nowMs, *document);
        refreshSparkline(row, nowMs, 3 * state.endpoint.interval.count());
        if (!state.streaming) {
            const QDateTime time = document->timestamp.isValid() ? document->timestamp : sample.receivedAt;
            diffBreakers(state, *document, time, events);
        }
    } else {
        // The last good figures stay (greyed when stale): the reason says why they are not fresh.
        row.reason = sample.reason.isEmpty() ? toString(sample.status) : sample.reason;
        if (isFailureCause(sample.status)) {
            row.cause = sample.status;
            row.causeReason = row.reason;
        }
        if (sample.lastSeen.isValid())
            row.lastSeen = sample.lastSeen;
    }
    const auto staleAfter = 3 * state.endpoint.interval.count();
    row.stale =
        !document && (sample.stale || sample.status == SourceStatus::Stale ||
                      (row.lastSeen.isValid() && row.lastSeen.msecsTo(sample.receivedAt) >= staleAfter));
    if (!document && row.hasDocument)
        refreshSparkline(row, nowMs, staleAfter); // the line moves on and ends where the data did
    return row != before;
}

void FleetIngest::applyDocument(Endpoint& state, const HealthDocument& document) {
    InstanceRow& row = state.row;
    row.level = document.healthStatus;
    row.errorRate = document.metrics.currentErrorRate;
    row.requestRate = document.metrics.requestsPerSecond;
    row.p95Seconds = document.metrics.p95ResponseTime;
    row.failures = FailureParts::of(document.metrics);
    row.metricsSpanSeconds.reset();
    row.metricsWindowSeconds.reset();
    if (document.format == HealthFormat::NativeV1) {
        row.metricsSpanSeconds = document.metrics.coveredSeconds.value_or(document.windowSeconds);
        row.metricsWindowSeconds = document.windowSeconds;
    }
    row.alerts = document.alerts;
    row.policies.resize(document.policies.size());
    for (std::size_t i = 0; i < document.policies.size(); ++i) {
        const PolicyHealth& policy = document.policies[i];
        PolicyRow p;
        p.name = policy.name;
        if (policy.circuitBreaker) {
            p.breakerState = policy.circuitBreaker->state;
            p.breakerManual = policy.circuitBreaker->manual;
            p.breakerManualUntil = policy.circuitBreaker->manualUntil;
            p.breakerManualReason = policy.circuitBreaker->manualReason;
            p.breakerManualActor = policy.circuitBreaker->manualActor;
            p.breakerOpens = policy.circuitBreaker->opens;
        }
        if (policy.rateLimiter) {
            p.hasRateLimiter = true;
            p.tokensAvailable = policy.rateLimiter->tokensAvailable;
            p.tokenLimit = policy.rateLimiter->maxTokens;
        }
        if (policy.bulkhead) {
            p.hasBulkhead = true;
            p.bulkheadActive = policy.bulkhead->activeRequests;
            p.bulkheadQueued = policy.bulkhead->queuedRequests;
            p.bulkheadCapacity = policy.bulkhead->capacity;
        }
        row.policies[i] = std::move(p);
    }
}

void FleetIngest::appendSeries(const QString& id, std::int64_t timeMs, const HealthDocument& document) {
    const auto put = [&](const QString& policy, Metric metric, std::optional<double> value) {
        // A figure the source did not report is a gap in its series, not a 0.
        if (value)
            m_store.append(SeriesKey{id, policy, metric}, timeMs, float(*value));
    };
    const HealthMetrics& m = document.metrics;
    const QString none;
    put(none, Metric::RequestRate, m.requestsPerSecond);
    put(none, Metric::ErrorRate, m.currentErrorRate);
    put(none, Metric::LatencyP50, m.p50ResponseTime);
    put(none, Metric::LatencyP95, m.p95ResponseTime);
    put(none, Metric::LatencyP99, m.p99ResponseTime);
    const FailureParts failures = FailureParts::of(m);
    for (std::size_t k = 0; k < failureKindCount; ++k)
        if (const auto n = failures.count(FailureKind(k)))
            put(none, failureMetric(k), double(*n));
    for (const PolicyHealth& policy : document.policies) {
        if (policy.rateLimiter) {
            put(policy.name, Metric::TokensAvailable, policy.rateLimiter->tokensAvailable);
            put(policy.name, Metric::TokenLimit, policy.rateLimiter->maxTokens);
        }
        if (policy.bulkhead) {
            put(policy.name, Metric::BulkheadActive, policy.bulkhead->activeRequests);
            put(policy.name, Metric::BulkheadQueued, policy.bulkhead->queuedRequests);
            put(policy.name, Metric::BulkheadCapacity, policy.bulkhead->capacity);
        }
        if (policy.circuitBreaker)
            put(policy.name, Metric::BreakerState, breakerStateCode(policy.circuitBreaker->state));
    }
}

void FleetIngest::refreshSparkline(InstanceRow& row, std::int64_t nowMs, std::int64_t holdMs) {
    // One point per second, oldest first; a second without a point repeats the one before it (a poll
    // slower than 1 s draws steps, not holes), looking back up to one more window for it, but for no
    // longer than holdMs (the stale limit): past that, and before the first point, it is a gap.
    const std::int64_t nowSecond = nowMs >= 0 ? nowMs / 1000 : (nowMs - 999) / 1000;
    const std::int64_t first = nowSecond - (sparklinePoints - 1);
    m_store.read(SeriesKey{row.endpointId, QString(), Metric::ErrorRate}, (first - sparklinePoints) * 1000,
                 nowMs, m_scratch);
    row.errorSparkline.resize(sparklinePoints);
    float last = InstanceRow::sparklineGap;
    std::int64_t lastMs = 0;
    std::size_t next = 0;
    for (int i = 0; i < sparklinePoints; ++i) {
        const std::int64_t secondEndMs = (first + i + 1) * 1000;
        while (next < m_scratch.size() && m_scratch[next].timeMs < secondEndMs) {
            last = m_scratch[next].value;
            lastMs = m_scratch[next++].timeMs;
        }
        const bool held = last != InstanceRow::sparklineGap && secondEndMs - 1000 - lastMs < holdMs;
        row.errorSparkline[i] = held ? last : InstanceRow::sparklineGap;
    }
}

void FleetIngest::diffBreakers(Endpoint& state, const HealthDocument& document, const QDateTime& time,
                               std::vector<FleetEvent>& events) {
    QHash<QString, BreakerState> current;
    for (const PolicyHealth& policy : document.policies) {
        if (!policy.circuitBreaker)
            continue;
        const BreakerState to = policy.circuitBreaker->state;
        current.insert(policy.name, to);
        if (!state.hasPrevious)
            continue;
        const auto previous = state.breakers.constFind(policy.name);
        // A policy that appears or whose breaker stage was just turned on is not a transition.
        if (previous == state.breakers.constEnd() || *previous == to)
            continue;
        FleetEvent event;
        event.endpointId = state.row.endpointId;
        event.service = state.row.service;
        event.instance = state.row.instance;
        event.time = time;
        event.type = FleetEventType::Transition;
        event.policy = policy.name;
        event.from = *previous;
        event.to = to;
        event.inferred = true;
        event.note = QStringLiteral("between two polls");
        events.push_back(std::move(event));
    }
    state.breakers = std::move(current);
    state.hasPrevious = true;
}

} // namespace jimini
