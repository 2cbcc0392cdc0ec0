// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probesnapshot.h"
#include "store/seriesstore.h"

#include <QString>

#include <cstdint>

namespace jimini {

// Turns a probe run's snapshots into the series a watched service has (store/seriesstore.h), so the
// same charts show both: requests per second sent to the target, error rate, latency of whole calls,
// tokens, bulkhead, breaker state, and failed calls by kind, each point over the snapshot's window.
// A figure the run did not produce in a window (no call finished, no such stage) gets no point.
class ProbeSeriesFeed {
public:
    // Series under (endpointId, policy): one run's.
    ProbeSeriesFeed(SeriesStore& store, QString endpointId, QString policy, std::int64_t startMs);

    // The run's snapshot; its time is startMs + its elapsed time.
    void add(const ProbeSnapshot& snapshot);

    const QString& endpointId() const noexcept { return m_endpointId; }
    const QString& policy() const noexcept { return m_policy; }
    std::int64_t startMs() const noexcept { return m_startMs; }
    std::int64_t lastMs() const noexcept { return m_lastMs; }

private:
    SeriesStore& m_store;
    QString m_endpointId;
    QString m_policy;
    std::int64_t m_startMs;
    std::int64_t m_lastMs;
    std::uint64_t m_sent = 0; // attempts sent at the previous snapshot
    ProbeCounts m_calls;      // calls counted at the previous snapshot
};

} // namespace jimini
