// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/policytelemetry.h"

#include "config/configerror.h"
#include "config/resilienceconfig.h"
#include "policy/pipeline.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace jimini {

// One named policy as it runs now.
struct PolicyEntry {
    QString name;
    std::shared_ptr<Pipeline> pipeline; // shared: calls in flight keep a replaced pipeline alive
    std::shared_ptr<PolicyTelemetry> telemetry;
    PipelineStats carried{};                     // statistics of the pipelines this one replaced
    std::shared_ptr<std::atomic<bool>> live;     // false once replaced: its transitions are not reported
    std::shared_ptr<ListenerHandle> transitions; // our listener on the breaker; shared by kept copies

    // The pipeline's statistics plus those carried over.
    PipelineStats stats() const;
};

// The named pipelines of the config in force. apply() swaps configs without losing what an operator or
// a dashboard relies on, for every policy that exists before and after:
// - options unchanged: the very same Pipeline is kept (breaker state, windows, limiter tokens, bulkhead,
//   retry budget and statistics all continue);
// - options changed: a new Pipeline is built; carried over are the statistics (totals, opens, retries,
//   ...: PolicyEntry::carried) and the telemetry (calls by outcome, latency histogram);
//   - breaker options unchanged: the new pipeline runs on the very same CircuitBreaker, so its state
//     (open, half-open, a manual override and its TTL), window and open backoff all continue;
//   - breaker options changed (or the stage turned off): the breaker is reset, the policy is listed in
//     lastReset(). A manual override (isolated / disabled, with what is left of its TTL) is still
//     carried: a config edit must not undo an operator's decision; an automatic open or half-open
//     state is not: the new breaker starts closed and learns from the calls that follow.
// Not thread-safe: one thread (the agent's) applies and reads.
class PolicyRegistry {
public:
    using TransitionHandler = std::function<void(const QString& policy, const BreakerTransition&)>;

    explicit PolicyRegistry(Scheduler& scheduler, std::uint64_t seed = 0);
    ~PolicyRegistry();
    PolicyRegistry(const PolicyRegistry&) = delete;
    PolicyRegistry& operator=(const PolicyRegistry&) = delete;

    // Called for every breaker transition of a live policy, on the thread that caused it. Set it first.
    void setTransitionHandler(TransitionHandler handler) { m_onTransition = std::move(handler); }

    // Empty: applied. Otherwise the errors, and the config in force is unchanged.
    QList<ConfigError> apply(const ResilienceConfig& config);

    const ResilienceConfig& config() const noexcept { return m_config; }
    const QByteArray& serialized() const noexcept { return m_serialized; }
    const QString& version() const noexcept { return m_version; } // "" before the first apply
    const std::vector<PolicyEntry>& entries() const noexcept { return m_entries; }
    // The policies whose breaker the last successful apply() reset (sorted by name).
    const QStringList& lastReset() const noexcept { return m_reset; }
    const PolicyEntry* find(const QString& name) const;

    // The first 12 hex digits of the SHA-256 of a serialized config.
    static QString versionOf(const QByteArray& serialized);

private:
    Scheduler& m_scheduler;
    const std::uint64_t m_seed;
    ResilienceConfig m_config;
    QByteArray m_serialized;
    QString m_version;
    std::vector<PolicyEntry> m_entries; // sorted by name, as the config
    QStringList m_reset;
    TransitionHandler m_onTransition;
};

} // namespace jimini
