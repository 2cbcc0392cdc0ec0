// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/latencydistribution.h"

#include "policy/clock.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace jimini {

struct StatusWeight {
    int status = 503;
    double weight = 1;
    bool operator==(const StatusWeight&) const = default;
};

// One injected fault (POST /resilience/v1/faults). Keys that are absent leave the downstream's own
// behaviour alone.
struct Fault {
    static constexpr std::size_t maxStatuses = 8;

    int id = 0;
    QString policy; // empty: every policy
    std::optional<double> errorRate;
    std::vector<StatusWeight> statusMix; // weights, not yet normalised
    std::optional<Duration> retryAfter;  // sent with 429 and 503 answers
    std::optional<LatencyDistribution> latency;
    double hangRate = 0;  // the attempt never answers: only a timeout ends it
    double resetRate = 0; // the connection is reset (network error)
    Duration duration{};
    // A lease: without a renewal (PUT /faults/{id}) within ttl, the fault ends early, so that a console
    // that crashed or lost its connection cannot leave it behind.
    std::optional<Duration> ttl;
    TimePoint endsAt{};      // set + duration
    TimePoint expiresAt{};   // endsAt, or the lease's end when that is earlier
    QDateTime expiresAtWall; // UTC
    QJsonObject stored;      // the body as posted: GET lists it back with absent keys still absent
    bool operator==(const Fault&) const = default;
};

// A renewed lease (the body of PUT /resilience/v1/faults/{id}).
struct FaultLease {
    Duration ttl{};
    double seconds = 0; // as sent: listed back as ttl_seconds
};

// One fault as it applies to an attempt.
struct FaultRule {
    int id = 0;
    double hangRate = 0;
    double resetRate = 0;
    double errorRate = 0;
    std::array<StatusWeight, Fault::maxStatuses> statusMix{};
    std::size_t statusCount = 0; // 0: {"503": 1}
    std::optional<Duration> retryAfter;
    std::optional<LatencyDistribution> latency;
};

// The faults in force for one attempt of one policy, in id order: fixed size, so asking costs no
// allocation. Beyond maxRules faults on one policy the newest are ignored.
struct FaultEffect {
    static constexpr std::size_t maxRules = 8;

    bool active = false;
    std::array<FaultRule, maxRules> rules{};
    std::size_t count = 0;
};

} // namespace jimini
