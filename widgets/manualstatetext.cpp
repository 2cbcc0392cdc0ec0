// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/manualstatetext.h"

#include "widgets/breakerlamp.h"

namespace jimini {

QString ManualStateText::describe(const PolicyRow& policy, const QDateTime& now) {
    if (!policy.breakerManual)
        return {};
    QString state = breakerLampName(breakerLampFromState(policy.breakerState));
    if (!state.isEmpty())
        state[0] = state[0].toUpper();
    QString text = state;
    if (policy.breakerManualActor && !policy.breakerManualActor->isEmpty())
        text = tr("%1 by %2").arg(text, *policy.breakerManualActor);
    if (policy.breakerManualUntil) {
        const QDateTime until = policy.breakerManualUntil->toLocalTime();
        const QString at = until.date() == now.toLocalTime().date()
                               ? until.toString(QStringLiteral("HH:mm"))
                               : until.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        text += tr(" \u2014 until %1 (%2)").arg(at, remaining(now.secsTo(*policy.breakerManualUntil)));
    } else {
        text += tr(" \u2014 until changed");
    }
    if (policy.breakerManualReason && !policy.breakerManualReason->isEmpty())
        text += tr(" \u2014 reason: %1").arg(*policy.breakerManualReason);
    return text;
}

QString ManualStateText::lampLine(const PolicyRow& policy, const QDateTime& now) {
    const QString manual = describe(policy, now);
    return QStringLiteral("%1: %2").arg(
        policy.name, manual.isEmpty() ? breakerLampName(breakerLampFromState(policy.breakerState)) : manual);
}

QString ManualStateText::remaining(qint64 seconds) {
    if (seconds <= 0)
        return tr("ends now");
    if (seconds < 60)
        return tr("%1 s left").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min left").arg(minutes);
    return tr("%1 h %2 min left").arg(minutes / 60).arg(minutes % 60);
}

} // namespace jimini
