// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probe/probecategory.h"
#include "probe/probeoptions.h"

#include "health/latencyhistogram.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace jimini {

// What one probe run saw; bounded whatever the run's length (fixed-size histograms).
struct ProbeReport {
    QString profile;
    QUrl url;
    QByteArray method;
    ProbeLoad load;
    double elapsedSeconds = 0;
    std::uint64_t offered = 0;    // calls due to start (open loop: on the schedule)
    std::uint64_t notSent = 0;    // due but dropped: the probe had maxInFlight calls open already
    std::uint64_t unfinished = 0; // still open at the drain deadline: not in the counts
    ProbeCounts calls;            // finished calls, by what their caller saw
    ProbeCounts attempts;         // finished attempts (each try that reached the network)
    std::uint64_t attemptsSent = 0;
    LatencyHistogram callLatency;    // whole calls, retries and waits included
    LatencyHistogram attemptLatency; // single attempts
    LatencyHistogram startError;     // open loop: how far (early or late) each call started from its schedule

    // Between the first and the last call's start, measured; 0 with fewer than two calls.
    double startSpanSeconds = 0;

    // Calls begun per second over the start span (the rate the target was offered, measured).
    std::optional<double> achievedRate() const noexcept;
    // Requests that reached the target per call offered: 1 without retries, more with them, less when
    // policies shed.
    double loadMultiple() const noexcept {
        return offered > notSent ? double(attemptsSent) / double(offered - notSent) : 0;
    }
    // Of the finished calls, the share that did not succeed; nothing before a call finished.
    std::optional<double> errorRate() const noexcept;

    QJsonObject toJson() const;
    static QByteArray csvHeader();
    QByteArray csvRow() const;
};

// Two or three runs against the same target at the same time: each report and a summary per profile
// (success seen by callers, calls shed, p95 of calls, load multiple).
QJsonObject probeComparisonJson(const std::vector<ProbeReport>& reports);
QByteArray probeCsv(const std::vector<ProbeReport>& reports);

} // namespace jimini
