// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/replaysink.h"
#include "sim/scenario.h"

#include <QStringList>

#include <atomic>
#include <cstdint>

namespace jimini {

class SeriesStore;

// Writes one config's replay into a SeriesStore, second by second, as the same series the live health
// charts read (HealthCharts): one endpoint per (column, dependency), its figures under the keys and
// units FleetIngest uses, the dependency's per-policy figures (tokens, bulkhead, breaker) under its
// name; the attempts sent to the dependency (its load, retries included), which a health document does
// not carry, as that policy's request rate (ReplayLoadChart). Only what the replay produced is written: a
// second in which no call ended has no error rate and no percentiles (a gap, not a 0); the failure kinds are
// the callers' categories folded the way a health document folds them (HTTP 4xx, 5xx and network errors are
// "downstream"). Breaker transitions are written at their own time too, so a breaker that opened and closed
// within one second still shows in its step (the store keeps a step's highest state).
//
// Runs on the replay's thread; the store takes care of readers on others. frontier() (any thread) is
// how many whole seconds of every dependency are in the store.
class ReplaySeriesSink final : public ReplaySink {
public:
    // originMs: the wall time (ms since the epoch) the timeline shows as the scenario's start.
    ReplaySeriesSink(SeriesStore& store, int column, const Scenario& scenario, std::int64_t originMs);

    static QString endpointId(int column, const QString& dependency);

    void onSecond(const ReplaySecond& second) override;
    void onTransition(std::uint32_t dependency, Duration at, const BreakerTransition& transition) override;

    std::int64_t frontier() const noexcept { return m_frontier.load(std::memory_order_acquire); }

private:
    SeriesStore& m_store;
    QStringList m_endpoints; // per dependency
    QStringList m_names;
    std::int64_t m_originMs;
    std::atomic<std::int64_t> m_frontier{0};
};

} // namespace jimini
