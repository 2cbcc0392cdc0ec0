// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetgroupcells.h"

#include "breakerlamp.h"
#include "fleettext.h"

#include <QFont>
#include <QLocale>

namespace jimini {

FleetState FleetGroupCells::stateOf(const FleetAggregate& a) {
    if (a.fresh > 0)
        return FleetState(int(a.worst));
    return a.stale > 0 ? FleetState::Stale : FleetState::Failing;
}

QVariant FleetGroupCells::data(const FleetGroup& group, int column, int role) {
    const FleetAggregate& a = group.aggregate;
    const FleetState state = stateOf(a);
    switch (role) {
    case FleetRole::EndpointId:
        return QString();
    case FleetRole::Service:
        return group.service;
    case FleetRole::Environment:
        return a.environments.join(QLatin1Char(','));
    case FleetRole::IsGroup:
        return true;
    case FleetRole::State:
        return int(state);
    case FleetRole::Level:
        return int(a.worst);
    case FleetRole::TroubleCount:
        return a.stale + a.failing;
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::TextAlignmentRole:
        if (column >= FleetColumn::ErrorRate && column <= FleetColumn::Bulkhead)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant();
    default:
        break;
    }
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    switch (column) {
    case FleetColumn::Name: {
        const QString name = group.service.isEmpty() ? QStringLiteral("(no service name)") : group.service;
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1 (%2)").arg(name).arg(a.instances);
        if (role == Qt::AccessibleTextRole || role == Qt::ToolTipRole)
            return QStringLiteral("Service %1: %2 instances, %3 stale, %4 failing")
                .arg(name)
                .arg(a.instances)
                .arg(a.stale)
                .arg(a.failing);
        if (role == FleetRole::Sort)
            return group.service;
        break;
    }
    case FleetColumn::Health: {
        QString text = FleetText::stateName(state);
        if (a.stale > 0 && state != FleetState::Stale)
            text += QStringLiteral(" \u00b7 %1 stale").arg(a.stale);
        if (a.failing > 0 && state != FleetState::Failing)
            text += QStringLiteral(" \u00b7 %1 failing").arg(a.failing);
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return text;
        if (role == Qt::AccessibleTextRole)
            return QStringLiteral("Health: ") + text;
        if (role == FleetRole::Sort)
            return a.fresh > 0 ? int(a.worst) : 3;
        break;
    }
    case FleetColumn::Breakers:
        if (role == Qt::DisplayRole)
            return FleetText::breakerSummary(a);
        if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)
            return QStringLiteral("Breakers: %1 of %2 open (%3 isolated), %4 half-open, %5 disabled")
                .arg(a.open)
                .arg(a.breakers)
                .arg(a.isolated)
                .arg(a.halfOpen)
                .arg(a.disabled);
        if (role == FleetRole::Sort)
            return a.breakers > 0 ? double(a.open) + 0.5 * a.halfOpen : -1.0;
        break;
    case FleetColumn::ErrorRate:
        if (display)
            return FleetText::percentText(a.maxErrorRate);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("highest of %1 instances: %2")
                .arg(a.instances)
                .arg(FleetText::percentText(a.maxErrorRate));
        if (role == FleetRole::Sort)
            return a.maxErrorRate;
        break;
    case FleetColumn::RequestRate:
        if (display || role == Qt::ToolTipRole)
            return QLocale().toString(a.sumRequestRate, 'f', 1);
        if (role == FleetRole::Sort)
            return a.sumRequestRate;
        break;
    case FleetColumn::P95:
        if (display)
            return FleetText::latencyText(a.maxP95);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("highest of %1 instances: %2")
                .arg(a.instances)
                .arg(FleetText::latencyText(a.maxP95));
        if (role == FleetRole::Sort)
            return a.maxP95;
        break;
    case FleetColumn::Tokens:
        if (display || role == Qt::ToolTipRole)
            return a.hasTokens ? FleetText::tokensText(a.tokensAvailable, a.tokenLimit) : FleetText::dash();
        if (role == FleetRole::Sort)
            return a.hasTokens ? FleetText::share(a.tokensAvailable, a.tokenLimit) : 2.0;
        break;
    case FleetColumn::Bulkhead:
        if (display || role == Qt::ToolTipRole)
            return a.hasBulkhead
                       ? FleetText::bulkheadText(a.bulkheadActive, a.bulkheadQueued, a.bulkheadCapacity)
                       : FleetText::dash();
        if (role == FleetRole::Sort)
            return a.hasBulkhead ? FleetText::share(double(a.bulkheadActive + a.bulkheadQueued),
                                                    double(a.bulkheadCapacity))
                                 : -1.0;
        break;
    case FleetColumn::LastUpdate:
        if (display)
            return FleetText::lastSeenText(a.newestSeen);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("newest %1, oldest %2")
                .arg(FleetText::lastSeenText(a.newestSeen), FleetText::lastSeenText(a.oldestSeen));
        if (role == FleetRole::Sort)
            return a.newestSeen.isValid() ? a.newestSeen.toMSecsSinceEpoch() : qint64(0);
        break;
    default:
        break;
    }
    return QVariant();
}

} // namespace jimini
