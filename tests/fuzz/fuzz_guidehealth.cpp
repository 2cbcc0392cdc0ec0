// SPDX-License-Identifier: GPL-3.0-or-later
// The guide's get_health_status() document: HealthCodec::decode hands an object with "resilience_stats"
// (and no "policies" or "schema") to GuideHealthReader. This target goes to that reader directly, so no
// input is spent on the native document, after the same size limit and JSON parse as decode. What it
// accepts must write back as a native v1 document that HealthCodec accepts and writes to the same bytes.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "health/guidehealthreader.h"
#include "health/healthcodec.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > std::size_t(HealthCodec::maxDocumentSize))
        return -1; // HealthCodec::decode refuses it unread
    const QJsonDocument json =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!json.isObject())
        return 0;
    static const QDateTime readTime = QDateTime::fromMSecsSinceEpoch(1'795'000'000'000, Qt::UTC);
    const HealthParseResult parsed = GuideHealthReader::read(json.object(), readTime);
    fuzz::require(parsed.ok() == parsed.error.isEmpty(), "a result has either a document or an error");
    if (!parsed.ok())
        return 0;
    const QByteArray written = HealthCodec::encode(*parsed.document);
    const HealthParseResult again = HealthCodec::decode(written, readTime);
    fuzz::require(again.ok(), "an accepted guide document, written as v1, is accepted");
    const HealthDocument& d = *again.document;
    fuzz::require(!d.metrics.p50ResponseTime && !d.metrics.p95ResponseTime && !d.metrics.p99ResponseTime &&
                      !d.metrics.requestsPerSecond,
                  "figures the guide does not report stay absent through v1, never 0");
    for (const PolicyHealth& p : d.policies)
        fuzz::require((!p.rateLimiter || (!p.rateLimiter->maxTokens && !p.rateLimiter->multiplier)) &&
                          (!p.bulkhead || !p.bulkhead->queueLimit),
                      "the guide's limiter and bulkhead limits stay absent through v1");
    fuzz::require(HealthCodec::encode(*again.document) == written, "writing is stable after one round trip");
    return 0;
}
