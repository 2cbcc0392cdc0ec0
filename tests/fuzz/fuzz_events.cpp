// SPDX-License-Identifier: GPL-3.0-or-later
// A page of a service's event record, the answer of GET /resilience/v1/events?since=N, as the console
// reads it after each poll (FleetEventCodec::fromRecord), within the 4 MiB every answer is held to. What
// it accepts is in order (sequences rising, below next), of the four audit types, and timed.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "health/healthcodec.h"
#include "net/fleeteventcodec.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > std::size_t(HealthCodec::maxDocumentSize))
        return -1; // HttpExchange refuses it unread
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString id = QStringLiteral("http://127.0.0.1:8080");
    const EventRecordPage page =
        FleetEventCodec::fromRecord(id, QStringLiteral("s"), QStringLiteral("i"), body);
    fuzz::require(page.ok() || page.events.empty(), "a refused page gives no events");
    if (!page.ok())
        return 0;
    fuzz::require(page.next >= 0, "next is not negative");
    qint64 previous = 0;
    for (const FleetEvent& e : page.events) {
        fuzz::require(e.sequence > previous && e.sequence < page.next, "sequences rise and stay below next");
        previous = e.sequence;
        fuzz::require(isAuditType(e.type), "only the four audit types are kept");
        fuzz::require(e.time.isValid() && e.time.timeSpec() == Qt::UTC, "every event has its time, in UTC");
        fuzz::require(e.endpointId == id && !e.inferred, "an event of the record is the service's own");
        fuzz::require(!e.ttlSeconds || (std::isfinite(*e.ttlSeconds) && *e.ttlSeconds >= 0),
                      "a TTL is a finite number of seconds >= 0");
    }
    const EventRecordPage again =
        FleetEventCodec::fromRecord(id, QStringLiteral("s"), QStringLiteral("i"), body);
    fuzz::require(again.ok() && again.events.size() == page.events.size() && again.next == page.next,
                  "the same bytes read the same");
    return 0;
}
