// SPDX-License-Identifier: GPL-3.0-or-later
#include "policyregistry.h"

#include "config/configcodec.h"
#include "config/pipelinefactory.h"

#include <QCryptographicHash>

namespace jimini {

namespace {
QByteArray serializedPolicy(const PolicyConfig& policy) {
    ResilienceConfig one;
    one.policies.push_back(policy);
    return ConfigCodec::serialize(one);
}

// Both have a breaker stage and it is configured alike (the other stages and the order may differ).
bool sameBreaker(const PolicyConfig& a, const PolicyConfig& b) {
    if (!a.pipeline.circuitBreaker || !b.pipeline.circuitBreaker)
        return false;
    const auto onlyBreaker = [](const PolicyConfig& p) {
        return PolicyConfig{p.name, PipelineOptions{std::nullopt, std::nullopt, p.pipeline.circuitBreaker,
                                                    std::nullopt, std::nullopt, guideOrder}};
    };
    return serializedPolicy(onlyBreaker(a)) == serializedPolicy(onlyBreaker(b));
}

// A seed per policy name, stable across rebuilds, so policies never jitter in lock-step.
std::uint64_t policySeed(std::uint64_t seed, const QString& name) {
    if (seed == 0)
        return 0;
    std::uint64_t h = 1469598103934665603ull;
    for (QChar c : name)
        h = (h ^ c.unicode()) * 1099511628211ull;
    return (seed ^ h) | 1;
}

PipelineStats operator+(PipelineStats a, const PipelineStats& b) {
    a.total += b.total;
    a.successful += b.successful;
    a.failed += b.failed;
    a.circuitBreakerOpens += b.circuitBreakerOpens;
    a.rateLimitHits += b.rateLimitHits;
    a.timeouts += b.timeouts;
    a.retries += b.retries;
    a.bulkheadRejections += b.bulkheadRejections;
    a.queueTimeouts += b.queueTimeouts;
    a.breakerRejections += b.breakerRejections;
    return a;
}

void carryManualState(const CircuitBreaker& from, CircuitBreaker& to, TimePoint now) {
    const BreakerSnapshot s = from.snapshot();
    if (!s.manual)
        return;
    std::optional<Duration> ttl;
    if (s.manualUntil) {
        // An override that ran out while nobody asked is over: do not resurrect it.
        if (*s.manualUntil <= now)
            return;
        ttl = *s.manualUntil - now;
    }
    const std::string note = "carried over a config change";
    if (s.state == BreakerState::Isolated)
        to.isolate(ttl, note);
    else if (s.state == BreakerState::Disabled)
        to.disable(ttl, note);
}
} // namespace

PipelineStats PolicyEntry::stats() const {
    return pipeline->stats() + carried;
}

PolicyRegistry::PolicyRegistry(Scheduler& scheduler, std::uint64_t seed)
    : m_scheduler(scheduler)
    , m_seed(seed) {}

PolicyRegistry::~PolicyRegistry() {
    // Pipelines still held by calls in flight may outlive us: silence their listeners first.
    for (PolicyEntry& e : m_entries)
        e.live->store(false);
}

const PolicyEntry* PolicyRegistry::find(const QString& name) const {
    for (const PolicyEntry& e : m_entries)
        if (e.name == name)
            return &e;
    return nullptr;
}

QString PolicyRegistry::versionOf(const QByteArray& serialized) {
    return QString::fromLatin1(
        QCryptographicHash::hash(serialized, QCryptographicHash::Sha256).toHex().left(12));
}

QList<ConfigError> PolicyRegistry::apply(const ResilienceConfig& config) {
    QList<ConfigError> errors = ConfigCodec::validate(config);
    if (!errors.isEmpty())
        return errors;
    ResilienceConfig sorted = config;
    sorted.sortPolicies();

    const TimePoint now = m_scheduler.now();
    std::vector<PolicyEntry> next;
    next.reserve(sorted.policies.size());
    QStringList reset;
    for (const PolicyConfig& policy : sorted.policies) {
        const PolicyEntry* old = find(policy.name);
        const PolicyConfig* oldConfig = m_config.policy(policy.name);
        if (old && oldConfig && serializedPolicy(*oldConfig) == serializedPolicy(policy)) {
            next.push_back(*old);
            continue;
        }
        std::shared_ptr<CircuitBreaker> kept;
        if (old && oldConfig && sameBreaker(*oldConfig, policy))
            kept = old->pipeline->sharedCircuitBreaker();
        else if (old && old->pipeline->circuitBreaker())
            reset.append(policy.name);
        PolicyEntry entry;
        entry.name = policy.name;
        entry.live = std::make_shared<std::atomic<bool>>(true);
        entry.pipeline = PipelineFactory::build(policy, m_scheduler, policySeed(m_seed, policy.name), kept);
        entry.telemetry = old ? old->telemetry : std::make_shared<PolicyTelemetry>();
        if (old) {
            entry.carried = old->stats();
            // A kept breaker counts its own opens in the new pipeline's statistics.
            if (kept)
                entry.carried.circuitBreakerOpens = old->carried.circuitBreakerOpens;
            else if (old->pipeline->circuitBreaker() && entry.pipeline->circuitBreaker())
                carryManualState(*old->pipeline->circuitBreaker(), *entry.pipeline->circuitBreaker(), now);
        }
        // After the carried override, so that re-applying it is not reported as a new transition. A kept
        // breaker is heard by the new entry from now on; the old entry's listener goes quiet at once and
        // is removed with the old entry.
        if (CircuitBreaker* breaker = entry.pipeline->circuitBreaker()) {
            entry.transitions = std::make_shared<ListenerHandle>(breaker->addTransitionListener(
                [this, name = policy.name, live = entry.live](const BreakerTransition& t) {
                    if (live->load(std::memory_order_acquire) && m_onTransition)
                        m_onTransition(name, t);
                }));
            if (kept)
                old->live->store(false, std::memory_order_release); // one report per transition
        }
        next.push_back(std::move(entry));
    }
    // Replaced and removed pipelines go quiet; calls in flight still finish on them.
    for (PolicyEntry& old : m_entries) {
        const auto kept = std::find_if(next.begin(), next.end(),
                                       [&](const PolicyEntry& e) { return e.pipeline == old.pipeline; });
        if (kept == next.end())
            old.live->store(false, std::memory_order_release);
    }
    m_entries = std::move(next);
    m_config = std::move(sorted);
    m_serialized = ConfigCodec::serialize(m_config);
    m_version = versionOf(m_serialized);
    m_reset = std::move(reset);
    return {};
}

} // namespace jimini
