// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthjsonreader.h"
#include "health/healthparseresult.h"

#include <vector>

namespace jimini {

// Reads the native v1 document (docs/protocol.md, resources/schemas/health.schema.json): every key the
// schema requires must be there; times (but the document's timestamp), a policy's stage blocks (stage
// off) and retry.budget_available may be null; alerts[].threshold may be absent or null.
class NativeHealthReader {
public:
    static HealthParseResult read(const QJsonObject& root);

    // Shared with the guide's document, which uses the same names for these blocks.
    // native: the Jimini additions (retries, p50/p95/p99, requests_per_second) are required; the guide's
    // HealthMetrics has none of them (they stay 0).
    static HealthMetrics readMetrics(HealthJsonReader& r, const QJsonObject& o, const QString& path,
                                     bool native);
    static std::optional<FailureBreakdown> readFailures(HealthJsonReader& r, const HealthMetrics& m,
                                                        const QJsonObject& o, const QString& path);
    static std::vector<HealthAlert> readAlerts(HealthJsonReader& r, const QJsonArray& a, const QString& path);
    static PolicyStatistics readStatistics(HealthJsonReader& r, const QJsonObject& o, const QString& path);
    static HealthLevel readLevel(HealthJsonReader& r, const QJsonObject& o, const QString& key);

private:
    static PolicyHealth readPolicy(HealthJsonReader& r, const QJsonObject& o, const QString& path);
};

} // namespace jimini
