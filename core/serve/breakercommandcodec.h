// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/configerror.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace jimini {

// The operator's command to a circuit breaker (POST /resilience/v1/breakers/{policy}/state, the
// breaker-state request of docs/protocol.md).
struct BreakerCommand {
    QString state; // "isolated", "disabled" or "auto"
    QString reason;
    std::optional<double> ttlSeconds; // never with "auto"
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
