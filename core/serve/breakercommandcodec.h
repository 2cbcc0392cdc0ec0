// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configerror.h"
#include "policy/breakerstate.h"
#include "policy/clock.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace jimini {

// The operator's command to a circuit breaker (POST /resilience/v1/breakers/{policy}/state, the
// breaker-state request of docs/protocol.md).
struct BreakerCommand {
    std::optional<BreakerState> state; // "isolated" or "disabled"; empty: "auto" (back to automatic)
    QString reason;
    std::optional<double> ttlSeconds; // never with "auto"

    // ttlSeconds on the breaker's clock, rounded up: truncated, 1e-300 s would be no time at all, and the
    // breaker would not take the state it was asked for.
    std::optional<Duration> ttl() const {
        if (!ttlSeconds)
            return std::nullopt;
        return std::chrono::ceil<Duration>(std::chrono::duration<double>(*ttlSeconds));
    }
};

struct BreakerCommandParseResult {
    std::optional<BreakerCommand> command;
    QList<ConfigError> errors; // {path, message}, as the 422 answer lists them
};

// Reads and checks the breaker-state body: every error found, or the command.
class BreakerCommandCodec {
public:
    static BreakerCommandParseResult parse(const QByteArray& body);
};

} // namespace jimini
