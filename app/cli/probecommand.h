// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace jimini {

// `jimini probe URL --profile P --rate R --duration D [...]`: drives URL through the policy core (see
// docs/cli.md). Returns the exit code: 0 every threshold held, 1 a threshold was broken, 2 a usage or
// input error (nothing was sent).
int runProbeCommand(const QStringList& arguments);

// "30s", "500ms", "5m", "1h" or a number of seconds; more than 0, at most a day. nullopt otherwise.
std::optional<Duration> parseProbeDuration(const QString& text);

} // namespace jimini
