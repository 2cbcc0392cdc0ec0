// SPDX-License-Identifier: GPL-3.0-or-later
// The breaker-state body (POST /resilience/v1/breakers/{policy}/state) as the agent reads it, within the
// agent's body limit: BreakerCommandCodec::parse. An accepted command must keep the documented ranges and
// apply to a breaker the way BreakerControlEndpoint applies it.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "serve/agentoptions.h"
#include "serve/breakercommandcodec.h"

#include "policy/circuitbreaker.h"
#include "policy/manualclock.h"

#include <chrono>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    static const qsizetype limit = AgentOptions().http.maxBodyBytes;
    if (size > std::size_t(limit))
        return -1; // the agent answers 413 unread
    const BreakerCommandParseResult parsed =
        BreakerCommandCodec::parse(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    fuzz::require(parsed.command.has_value() == parsed.errors.isEmpty(),
                  "a result has either a command or errors");
    for (const ConfigError& e : parsed.errors)
        fuzz::require(!e.message.isEmpty(), "every error says what is wrong");
    if (!parsed.command)
        return 0;
    const BreakerCommand& c = *parsed.command;
    fuzz::require(!c.state || *c.state == BreakerState::Isolated || *c.state == BreakerState::Disabled,
                  "the state is one of the three");
    fuzz::require(!c.reason.isEmpty() && c.reason.size() <= 1024, "the reason is 1 to 1024 characters");
    fuzz::require(!c.ttlSeconds || (*c.ttlSeconds > 0 && *c.ttlSeconds <= 31536000 && c.state.has_value()),
                  "a ttl is in (0, 31536000] seconds and never with auto");

    ManualClock clock;
    CircuitBreaker breaker(CircuitBreakerOptions{}, clock);
    const std::optional<Duration> ttl = c.ttl(); // as BreakerControlEndpoint converts it
    BreakerState expected = BreakerState::Closed;
    if (c.state == BreakerState::Isolated) {
        breaker.isolate(ttl, c.reason.toStdString());
        expected = BreakerState::Isolated;
    } else if (c.state == BreakerState::Disabled) {
        breaker.disable(ttl, c.reason.toStdString());
        expected = BreakerState::Disabled;
    } else {
        breaker.automatic(c.reason.toStdString());
    }
    fuzz::require(breaker.state() == expected, "the breaker is in the state the command asked for");
    return 0;
}
