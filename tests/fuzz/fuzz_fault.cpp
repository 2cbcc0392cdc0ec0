// SPDX-License-Identifier: GPL-3.0-or-later
// The fault body (POST /resilience/v1/faults) as the agent reads it, within the agent's body limit:
// FaultCodec::parse. An accepted fault must enter the fault set, apply to its policy's attempts, draw
// latencies that are never negative, list back with the keys as posted, and end by its lease
// (ttl_seconds) when that comes first. The same bytes as a lease renewal (PUT /faults/{id}) give a lease
// or errors; a renewal never moves a fault past its duration's end.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "serve/agentoptions.h"
#include "sim/faultcodec.h"
#include "sim/faultset.h"

#include "policy/splitmix.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    static const qsizetype limit = AgentOptions().http.maxBodyBytes;
    if (size > std::size_t(limit))
        return -1; // the agent answers 413 unread
    const FaultParseResult parsed =
        FaultCodec::parse(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    fuzz::require(parsed.fault.has_value() == parsed.errors.isEmpty(),
                  "a result has either a fault or errors");
    for (const ConfigError& e : parsed.errors)
        fuzz::require(!e.message.isEmpty(), "every error says what is wrong");
    const FaultLeaseParseResult lease =
        FaultCodec::parseLease(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    fuzz::require(lease.lease.has_value() == lease.errors.isEmpty(),
                  "a renewal has either a lease or errors");
    if (!parsed.fault)
        return 0;
    const QString policy = parsed.fault->policy.isEmpty() ? QStringLiteral("any") : parsed.fault->policy;
    FaultSet faults;
    const int id = faults.add(*parsed.fault, TimePoint{});
    const FaultEffect effect = faults.effect(policy, TimePoint{});
    fuzz::require(effect.active, "an added fault applies to its policy");
    SplitMix64 random(size);
    if (parsed.fault->latency)
        for (int i = 0; i < 4; ++i)
            fuzz::require(parsed.fault->latency->sample(random) >= Duration::zero(),
                          "a latency is never negative");
    const std::vector<Fault> active = faults.active(TimePoint{});
    fuzz::require(active.size() == 1 && active.front().id == id, "the fault is listed");
    const QJsonObject listed = FaultCodec::toJson(active.front());
    for (auto it = parsed.fault->stored.begin(); it != parsed.fault->stored.end(); ++it)
        fuzz::require(listed.value(it.key()) == it.value(), "a listed fault keeps its keys as posted");
    if (const std::optional<Duration> ttl = parsed.fault->ttl) {
        fuzz::require(active.front().expiresAt <= TimePoint{} + *ttl, "a lease ends the fault");
        const std::optional<Fault> renewed = faults.renew(id, FaultLease{*ttl, 1}, TimePoint{} + *ttl / 2);
        fuzz::require(!renewed || renewed->expiresAt <= renewed->endsAt,
                      "a renewal never outlasts the duration");
    }
    return 0;
}
