// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"
#include "health/healthparseresult.h"

#include <QByteArray>
#include <QJsonObject>

namespace jimini {

// The health document as JSON, both ways (docs/protocol.md, "Health document").
//
// Writing always gives the native v1 shape: times RFC 3339 UTC with milliseconds, null for absent times,
// figures the source did not report (HealthDocument's std::optional ones)
// and off stages, alerts without "threshold" when it has none (as the guide writes them). Reading takes
// the native v1 document (it has "policies" or "schema") or the guide's get_health_status() document (it
// has "resilience_stats", see GuideHealthReader). The first schema error is reported with its JSON path
// ("policies[0].circuit_breaker.state") and the reason; unknown keys are ignored. Counters must be
// non-negative integers (12.0 is 12), rates fractions in [0, 1]. decode(encode(d)) == d for any d whose
// times have millisecond precision.
class HealthCodec {
public:
    static constexpr qsizetype maxDocumentSize = 4 * 1024 * 1024;

    static QJsonObject toJson(const HealthDocument& document);
    static QByteArray encode(const HealthDocument& document);
    // Refuses a body over maxDocumentSize before parsing it. readTime (the reader's clock, UTC) is the
    // timestamp of a guide document that has none.
    static HealthParseResult decode(const QByteArray& body, const QDateTime& readTime);
    static HealthParseResult fromJson(const QJsonObject& root, const QDateTime& readTime);
};

} // namespace jimini
