// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetgroupcells.h"

#include "fleettext.h"
#include "widgets/breakerlamp.h"

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
    const QString covers = FleetText::coverage(a.fresh, a.instances);
    switch (column) {
    case FleetColumn::Name: {
        const QString name = group.service.isEmpty() ? FleetText::unidentified() : group.service;
        if (role == Qt::DisplayRole)
            return a.fresh == a.instances ? QStringLiteral("%1 (%2)").arg(name).arg(a.instances)
                                          : QStringLiteral("%1 (%2)").arg(name, covers);
        if (role == Qt::AccessibleTextRole || role == Qt::ToolTipRole) {
            const QString counts = QStringLiteral("%1 instances, %2 reporting, %3 stale, %4 failing")
                                       .arg(a.instances)
                                       .arg(a.fresh)
                                       .arg(a.stale)
                                       .arg(a.failing);
            if (!group.service.isEmpty())
                return QStringLiteral("Service %1: %2").arg(name, counts);
            return QStringLiteral("Unidentified: %1. These endpoints have not said their service name yet, "
                                  "and the workspace gives them no group.")
                .arg(counts);
        }
        if (role == FleetRole::Sort) // the unidentified group after every named one, as in the model
            return group.service.isEmpty() ? QString(QChar(0xFFFF)) : group.service;
        break;
    }
    case FleetColumn::Health: {
        QString text = FleetText::stateName(state);
        if (a.stale > 0 && state != FleetState::Stale)
            text += QStringLiteral(" \u00b7 %1 stale").arg(a.stale);
        if (a.failing > 0 && state != FleetState::Failing)
            text += QStringLiteral(" \u00b7 %1 failing").arg(a.failing);
        if (role == Qt::DisplayRole)
            return text;
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1\nworst level of %2").arg(text, covers);
        if (role == Qt::AccessibleTextRole)
            return QStringLiteral("Health: ") + text;
        if (role == FleetRole::Sort)
            return a.fresh > 0 ? int(a.worst) : 3;
        break;
    }
    case FleetColumn::Breakers:
        if (role == Qt::DisplayRole)
            return a.fresh > 0 ? FleetText::breakerSummary(a) : FleetText::dash();
        if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)
            return QStringLiteral("Breakers of %6: %1 of %2 open (%3 isolated), %4 half-open, %5 disabled")
                .arg(a.open)
                .arg(a.breakers)
                .arg(a.isolated)
                .arg(a.halfOpen)
                .arg(a.disabled)
                .arg(covers);
        if (role == FleetRole::Sort)
            return a.breakers > 0 ? double(a.open) + 0.5 * a.halfOpen : -1.0;
        break;
    case FleetColumn::ErrorRate:
        // Worst wins for the level; the overall rate (weighted by traffic) says how wide the trouble is.
        if (display)
            return a.fresh > 1 && a.overallErrorRate ? QStringLiteral("worst %1 \u00b7 overall %2")
                                                           .arg(FleetText::percentText(a.maxErrorRate),
                                                                FleetText::percentText(a.overallErrorRate))
                                                     : FleetText::percentText(a.maxErrorRate);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("worst: highest of %1 instances reporting it: %2\n"
                                  "overall: failed / all calls of %3 instances reporting a request rate: %4\n"
                                  "covers %5")
                .arg(a.errorRates)
                .arg(FleetText::percentText(a.maxErrorRate))
                .arg(a.requestRates)
                .arg(FleetText::percentText(a.overallErrorRate), covers);
        if (role == FleetRole::Sort)
            return a.maxErrorRate ? *a.maxErrorRate : -1.0;
        break;
    case FleetColumn::RequestRate:
        if (display)
            return FleetText::rateText(a.sumRequestRate);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("sum of %1 instances reporting it: %2\ncovers %3")
                .arg(a.requestRates)
                .arg(FleetText::rateText(a.sumRequestRate), covers);
        if (role == FleetRole::Sort)
            return a.sumRequestRate ? *a.sumRequestRate : -1.0;
        break;
    case FleetColumn::P95:
        if (display)
            return a.fresh > 1 && a.maxP95 ? QStringLiteral("worst ") + FleetText::latencyText(a.maxP95)
                                           : FleetText::latencyText(a.maxP95);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("highest of %1 instances reporting it: %2\ncovers %3")
                .arg(a.p95s)
                .arg(FleetText::latencyText(a.maxP95), covers);
        if (role == FleetRole::Sort)
            return a.maxP95 ? *a.maxP95 : -1.0;
        break;
    case FleetColumn::Tokens:
        if (display)
            return a.hasTokens ? FleetText::tokensText(a.tokensAvailable, a.tokenLimit) : FleetText::dash();
        if (role == Qt::ToolTipRole)
            return a.hasTokens ? QStringLiteral("scarcest of %1: %2")
                                     .arg(covers, FleetText::tokensText(a.tokensAvailable, a.tokenLimit))
                               : FleetText::dash();
        if (role == FleetRole::Sort)
            return a.hasTokens && a.tokenLimit ? FleetText::share(a.tokensAvailable, *a.tokenLimit) : 2.0;
        break;
    case FleetColumn::Bulkhead:
        if (display || role == Qt::ToolTipRole) {
            const QString text = a.hasBulkhead ? FleetText::bulkheadText(a.bulkheadActive, a.bulkheadQueued,
                                                                         a.bulkheadCapacity)
                                               : FleetText::dash();
            return role == Qt::ToolTipRole && a.hasBulkhead
                       ? QStringLiteral("sum of %1: %2").arg(covers, text)
                       : text;
        }
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
