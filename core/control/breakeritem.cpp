// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/breakeritem.h"

namespace jimini {

QString BreakerItem::answerText() const {
    if (status == Status::Failed)
        return error;
    if (status != Status::Done)
        return toString(status);
    if (manualUntil)
        return QStringLiteral("%1 until %2").arg(state, manualUntil->toString(Qt::ISODateWithMs));
    return state;
}

QString BreakerItem::toString(Status status) {
    switch (status) {
    case Status::Pending:
        return QStringLiteral("pending");
    case Status::Sending:
        return QStringLiteral("sending");
    case Status::Done:
        return QStringLiteral("done");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace jimini
