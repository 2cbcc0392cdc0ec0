// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthjsonreader.h"
#include "health/healthparseresult.h"

#include <vector>

namespace jimini {

// Reads the native v1 document (docs/protocol.md). Every key of the protocol's example is required
// except instance, environment, config_version, schema, window_seconds (default 60), the times (absent
// means null), circuit_breaker.manual, rate_limiter.multiplier and the metrics' Jimini additions
// (retries, p50/p95/p99, requests_per_second; 0 when absent, so the guide's HealthMetrics fit too).
// A policy's stage blocks may be null or absent (stage off); statistics is required.
class NativeHealthReader {
public:
    static HealthParseResult read(const QJsonObject& root);

    // Shared with the guide's document, which uses the same names for these blocks.
    static HealthMetrics readMetrics(HealthJsonReader& r, const QJsonObject& o, const QString& path);
    static std::vector<HealthAlert> readAlerts(HealthJsonReader& r, const QJsonArray& a, const QString& path);
    static PolicyStatistics readStatistics(HealthJsonReader& r, const QJsonObject& o, const QString& path);
    static HealthLevel readLevel(HealthJsonReader& r, const QJsonObject& o, const QString& key);

private:
    static PolicyHealth readPolicy(HealthJsonReader& r, const QJsonObject& o, const QString& path);
};

} // namespace jimini
