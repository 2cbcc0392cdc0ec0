// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"
#include "health/healththresholds.h"
#include "health/latencyhistogram.h"
#include "policy/outcome.h"

#include <QDateTime>
#include <QString>

#include <mutex>
#include <optional>
#include <vector>

namespace jimini {

// The guide's ResilienceHealthMonitor (is_healthy, get_degradation_level, get_alerts, with its thresholds)
// computed over a rolling window instead of lifetime totals.
//
// Why a window: lifetime totals hide a new outage behind a long healthy past. A service that served
// 1,000,000 calls with 0.1 % errors (1,000 failures) and then fails every one of its next 6,000 calls
// (a full minute at 100 calls/s) has a lifetime error rate of 7,000 / 1,006,000 = 0.7 %: the guide calls
// it healthy while nothing works. Over a 60 s window the same minute reads 6,000 / 6,000 = 100 %:
// critical. The converse holds too: an outage that ended a minute ago stops counting.
//
// The window is thresholds.window cut into one-second buckets (60 by default), each with its counters
// and its own LatencyHistogram. A bucket is recycled when time comes round to it again, so recording
// is O(1) and memory is fixed (about 6.7 KiB per bucket). A window of N buckets covers the current,
// partly elapsed second and the N-1 before it. Thread-safe: one mutex, held briefly.
//
// The time the window covers (covered_seconds) runs from the later of the monitor's start and the
// window's first second to now, as Prometheus' rate() takes the samples' span rather than the range
// asked for. Dividing by the whole window instead makes every restart ramp from zero for a minute (33
// calls/s read 0.3, 1.4, 2.4 ... over the first ten seconds) exactly while an operator watches it
// recover, and divides the partly elapsed current second as if it were whole. In the very first moments
// the divisor is at least one second: one call 1 ms after the start is 1/s, not 1000/s, so during the
// first second the rate is a lower bound (calls so far) and from then on it is exact for a steady load.
//
// What counts, per call (recordCall):
// - failed_operations: every outcome but Success, rejections included, as the guide's
//   failed_operations does; rate_limited also counts in rate_limit_hits, timeouts in timeouts;
// - failures: failed_operations by what they were (downstream failure, timeout, rate limited, bulkhead
//   full or queue timeout, breaker open, cancelled), so that 74 % errors made of the service's own
//   limiter shedding load are not read as a failing dependency; the parts add up to failed_operations;
// - latency (average and percentiles): calls that reached the operation (success, failure, timeout).
//   Rejections take no time and would dilute a slow dependency's figures; the guide only times
//   successes, which would hide slow failures;
// - requests_per_second: calls in the window / the time the window covers (below);
// - last_success_time / last_failure_time: the latest ever seen, not only within the window.
class HealthMonitor {
public:
    // start: when counting began (the agent's start); the window never reaches back before it.
    HealthMonitor(QString serviceName, TimePoint start, HealthThresholds thresholds = {});
    HealthMonitor(const HealthMonitor&) = delete;
    HealthMonitor& operator=(const HealthMonitor&) = delete;

    void recordCall(TimePoint now, const Outcome& outcome, Duration latency, std::uint32_t retries);
    void recordBreakerOpen(TimePoint now);

    // wallNow is the wall-clock time at now; it turns the steady last_* times into UTC times.
    HealthMetrics metrics(TimePoint now, const QDateTime& wallNow) const;
    HealthLevel level(TimePoint now) const;
    bool isHealthy(TimePoint now) const;
    std::vector<HealthAlert> alerts(TimePoint now) const;

    // The same three from figures already taken (one consistent snapshot for a whole document).
    HealthLevel level(const HealthMetrics& m) const;
    bool isHealthy(const HealthMetrics& m) const;
    std::vector<HealthAlert> alerts(const HealthMetrics& m) const;

    // Latencies of the calls in the window (e.g. for the Prometheus histogram).
    LatencyHistogram latencies(TimePoint now) const;

    const QString& serviceName() const noexcept { return m_serviceName; }
    const HealthThresholds& thresholds() const noexcept { return m_thresholds; }
    std::size_t bucketCount() const noexcept { return m_buckets.size(); }

private:
    struct Bucket {
        std::int64_t second = -1; // which second it holds; recycled when another second maps here
        bool used = false;
        std::uint64_t total = 0;
        std::uint64_t successful = 0;
        std::uint64_t failed = 0;
        std::uint64_t rateLimitHits = 0;
        std::uint64_t timeouts = 0;
        std::uint64_t downstream = 0;
        std::uint64_t bulkheadFull = 0;
        std::uint64_t breakerOpen = 0;
        std::uint64_t cancelled = 0;
        std::uint64_t retries = 0;
        std::uint64_t breakerOpens = 0;
        LatencyHistogram latency;
    };

    static std::int64_t secondOf(TimePoint t) noexcept;
    Bucket* bucketFor(TimePoint now); // null when now is older than the window
    bool inWindow(const Bucket& b, std::int64_t nowSecond) const noexcept;
    HealthMetrics metricsLocked(TimePoint now, const QDateTime* wallNow) const;
    Duration covered(TimePoint now) const noexcept;

    const QString m_serviceName;
    const HealthThresholds m_thresholds;
    const TimePoint m_start;
    mutable std::mutex m_mutex;
    std::vector<Bucket> m_buckets;
    std::int64_t m_newestSecond = 0;
    bool m_any = false;
    std::optional<TimePoint> m_lastSuccess;
    std::optional<TimePoint> m_lastFailure;
};

} // namespace jimini
