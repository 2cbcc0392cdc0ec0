// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace jimini {

// A duration as the CLI takes it: seconds ("90", "2.5"), or a whole number with a unit ("500ms", "30s",
// "5m", "1h"); nullopt for anything else, zero or negative.
std::optional<std::chrono::milliseconds> parseCliDuration(const QString& text);

// `jimini config rollout --workspace W --service S --canary-watch D --batch N FILE [--threshold PP]
// [--token-file F] [--json] ...`: a staged rollout (core/control's Rollout) with a line per step as it
// happens. Returns the exit code: 0 completed, 1 rolled back, aborted or refused (an instance unreadable,
// configs differ), 2 usage or input error, 3 stopped by a 412.
int runConfigRolloutCommand(const QStringList& arguments);

} // namespace jimini
