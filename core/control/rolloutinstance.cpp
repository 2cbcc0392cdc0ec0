// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutinstance.h"

namespace jimini {

QString rolloutStepName(RolloutStep step) {
    switch (step) {
    case RolloutStep::Pending:
        return QStringLiteral("pending");
    case RolloutStep::Pushed:
        return QStringLiteral("pushed");
    case RolloutStep::Watching:
        return QStringLiteral("watching");
    case RolloutStep::Done:
        return QStringLiteral("done");
    case RolloutStep::RolledBack:
        return QStringLiteral("rolled back");
    case RolloutStep::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace jimini
