// SPDX-License-Identifier: GPL-3.0-or-later
// The health document as the console and `jimini health` read it: HealthCodec::decode, which takes the
// native v1 document (and the guide's, see fuzz_guidehealth). A document it accepts must write back to
// JSON that it accepts again and that writes back to the same bytes; the free texts it keeps (a manual
// state's reason and actor) stay within their limits.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "health/healthcodec.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > std::size_t(HealthCodec::maxDocumentSize) + 1)
        return -1; // decode refuses larger bodies unread; one byte over still takes the refusal path
    static const QDateTime kReadTime = QDateTime::fromMSecsSinceEpoch(1'795'000'000'000, Qt::UTC);
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));
    const HealthParseResult parsed = HealthCodec::decode(body, kReadTime);
    fuzz::require(parsed.ok() == parsed.error.isEmpty(), "a result has either a document or an error");
    if (!parsed.ok())
        return 0;
    for (const PolicyHealth& policy : parsed.document->policies) {
        if (!policy.circuitBreaker)
            continue;
        const BreakerHealth& b = *policy.circuitBreaker;
        fuzz::require(!b.manualReason || b.manualReason->size() <= BreakerHealth::maxManualReason,
                      "manual_reason within its limit");
        fuzz::require(!b.manualActor || b.manualActor->size() <= BreakerHealth::maxManualActor,
                      "manual_actor within its limit");
    }
    const QByteArray written = HealthCodec::encode(*parsed.document);
    const HealthParseResult again = HealthCodec::decode(written, kReadTime);
    fuzz::require(again.ok(), "an accepted document, written back, is accepted");
    fuzz::require(HealthCodec::encode(*again.document) == written, "writing is stable after one round trip");
    return 0;
}
