// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetstatuslabel.h"

#include <QStringList>

namespace jimini {

FleetStatusLabel::FleetStatusLabel(QWidget* parent)
    : QLabel(tr("No services"), parent) {
    setAccessibleName(tr("Connection counts"));
}

void FleetStatusLabel::setCounts(const FleetCounts& counts) {
    setText(textFor(counts));
    setToolTip(toolTipFor(counts));
}

QString FleetStatusLabel::textFor(const FleetCounts& c) {
    if (c.total == 0)
        return tr("No services");
    QString reachable = tr("%1 reachable").arg(c.ok);
    QStringList health;
    if (c.critical > 0)
        health << tr("%1 critical").arg(c.critical);
    if (c.degraded > 0)
        health << tr("%1 degraded").arg(c.degraded);
    if (!health.isEmpty())
        reachable += QStringLiteral(" (%1)").arg(health.join(QStringLiteral(", ")));
    QStringList parts{reachable};
    if (c.stale > 0)
        parts << tr("%1 stale").arg(c.stale);
    if (c.failing > 0)
        parts << tr("%1 unreachable").arg(c.failing);
    if (c.connecting > 0)
        parts << tr("%1 connecting").arg(c.connecting);
    return tr("%1 of %2").arg(parts.join(QStringLiteral(" \u00b7 "))).arg(c.total);
}

QString FleetStatusLabel::toolTipFor(const FleetCounts& c) {
    return tr("%1 instances\n"
              "reachable: %2, a fresh document (of them %3 critical, %4 degraded, %5 healthy)\n"
              "stale: %6, no good document for three intervals\n"
              "unreachable: %7, the last read failed (refused, timed out, bad answer), not yet stale\n"
              "connecting: %8, no answer yet")
        .arg(c.total)
        .arg(c.ok)
        .arg(c.critical)
        .arg(c.degraded)
        .arg(c.ok - c.critical - c.degraded)
        .arg(c.stale)
        .arg(c.failing)
        .arg(c.connecting);
}

} // namespace jimini
