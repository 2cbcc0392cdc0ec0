// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"
#include "policy/splitmix.h"

#include <QJsonObject>
#include <QString>

#include <chrono>
#include <cstdint>
#include <optional>

namespace jimini {

// A downstream's latency: fixed (mean), uniform (min..max), normal (mean, stddev; cut at 0) or
// lognormal (mean and stddev of the latency itself, not of its logarithm; or its p50 and p99).
class LatencyDistribution {
public:
    enum class Kind : std::uint8_t { Fixed, Uniform, Normal, LogNormal };

    LatencyDistribution() = default;
    static LatencyDistribution fixed(Duration mean);
    static LatencyDistribution uniform(Duration min, Duration max);
    static LatencyDistribution normal(Duration mean, Duration stddev);
    static LatencyDistribution logNormal(Duration mean, Duration stddev);
    // The lognormal whose median and 99th percentile these are (p99 >= p50 > 0).
    static LatencyDistribution logNormalFromPercentiles(Duration p50, Duration p99);

    Duration sample(SplitMix64& random) const noexcept;

    Kind kind() const noexcept { return m_kind; }
    Duration mean() const noexcept;

    // The fault document's "latency" object ({"distribution": ..., "mean_ms": ...}); nullopt with
    // *error set (naming the key) when it is not one.
    static std::optional<LatencyDistribution> fromJson(const QJsonObject& json, QString* error);
    QJsonObject toJson() const;

    bool operator==(const LatencyDistribution&) const = default;

private:
    Kind m_kind = Kind::Fixed;
    double m_a = 0;  // ms: mean or min
    double m_b = 0;  // ms: stddev or max
    double m_mu = 0; // lognormal: parameters of the underlying normal
    double m_sigma = 0;
};

} // namespace jimini
