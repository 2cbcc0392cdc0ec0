// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetcells.h"

#include "fleetgroupcells.h"
#include "fleettext.h"
#include "widgets/breakerlamp.h"
#include "widgets/manualstatetext.h"
#include "widgets/palette.h"

#include <QLocale>

namespace jimini {

namespace {

QVariant foreground(bool greyed) {
    return greyed ? QVariant(Palette::staleColor(Palette::systemIsDark())) : QVariant();
}

// A figure's tooltip says why it is a dash: never reached (with the reason), or not reported.
QString figureTip(const InstanceRow& row, const QString& text, bool known) {
    if (!row.hasDocument)
        return (row.reason.isEmpty() ? QStringLiteral("no document yet")
                                     : QStringLiteral("no document yet: ") + row.reason) +
               QStringLiteral("\nAsked: ") + row.documentUrl;
    if (!known)
        return QStringLiteral("not reported by this service");
    if (!row.isCurrent())
        return QStringLiteral("%1 as last seen %2").arg(text, FleetText::lastSeenText(row.lastSeen));
    return text;
}

} // namespace

FleetState FleetCells::stateOf(const InstanceRow& row) {
    if (row.stale)
        return FleetState::Stale;
    if (row.status == SourceStatus::Connecting && !row.hasDocument)
        return FleetState::Connecting;
    if (row.status != SourceStatus::Ok || !row.hasDocument)
        return FleetState::Failing;
    return FleetState(int(row.level));
}

FleetState FleetCells::stateOf(const FleetAggregate& aggregate) {
    return FleetGroupCells::stateOf(aggregate);
}

QVariant FleetCells::instanceData(const InstanceRow& row, int column, int role, const QDateTime& now) {
    const FleetState state = stateOf(row);
    const bool greyed =
        state == FleetState::Stale || state == FleetState::Failing || state == FleetState::Connecting;
    switch (role) {
    case FleetRole::EndpointId:
        return row.endpointId;
    case FleetRole::Service:
        return row.service;
    case FleetRole::Environment:
        return row.environment;
    case FleetRole::IsGroup:
        return false;
    case FleetRole::State:
        return int(state);
    case FleetRole::Level:
        return int(row.level);
    case FleetRole::TroubleCount:
        return greyed ? 1 : 0;
    case Qt::ForegroundRole:
        return foreground(greyed);
    case Qt::TextAlignmentRole:
        if (column >= FleetColumn::ErrorRate && column <= FleetColumn::Bulkhead)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant();
    default:
        break;
    }
    double tokensAvailable = 0;
    std::optional<double> tokenLimit = 0.0; // unknown as soon as one policy does not report its limit
    quint64 active = 0, queued = 0, capacity = 0;
    bool hasTokens = false, hasBulkhead = false;
    for (const PolicyRow& p : row.policies) {
        hasTokens |= p.hasRateLimiter;
        tokensAvailable += p.hasRateLimiter ? p.tokensAvailable : 0;
        if (p.hasRateLimiter)
            tokenLimit = tokenLimit && p.tokenLimit ? std::optional<double>(*tokenLimit + *p.tokenLimit)
                                                    : std::nullopt;
        hasBulkhead |= p.hasBulkhead;
        active += p.hasBulkhead ? p.bulkheadActive : 0;
        queued += p.hasBulkhead ? p.bulkheadQueued : 0;
        capacity += p.hasBulkhead ? p.bulkheadCapacity : 0;
    }
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    switch (column) {
    case FleetColumn::Name: {
        const QString name = row.instance.isEmpty() ? row.endpointId : row.instance;
        if (display || role == FleetRole::Sort)
            return name;
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1\n%2%3")
                .arg(name, row.endpointId,
                     row.environment.isEmpty() ? QString()
                                               : QStringLiteral("\nenvironment: ") + row.environment);
        break;
    }
    case FleetColumn::Health: {
        QString text = FleetText::stateName(state);
        if (state == FleetState::Failing)
            text = FleetText::failureText(row);
        if (greyed && state != FleetState::Connecting)
            text += row.hasDocument
                        ? QStringLiteral(" \u00b7 last seen ") + FleetText::lastSeenText(row.lastSeen)
                        : QStringLiteral(" \u00b7 never reached");
        if (role == Qt::DisplayRole)
            return text;
        if (role == Qt::AccessibleTextRole)
            return QStringLiteral("Health: ") + text;
        if (role == Qt::ToolTipRole) {
            if (!greyed)
                return text;
            const QString seen = row.lastSeen.isValid() ? row.lastSeen.toLocalTime().toString(Qt::ISODate)
                                                        : QStringLiteral("never");
            return QStringLiteral("%1\nAsked: %2\nLast seen: %3")
                .arg(row.reason.isEmpty() ? text : row.reason, row.documentUrl, seen);
        }
        if (role == FleetRole::Sort)
            return greyed ? 3 : int(row.level);
        break;
    }
    case FleetColumn::Breakers: {
        BreakerLampList lamps;
        int worst = 0;
        QStringList parts;
        for (const PolicyRow& p : row.policies) {
            const BreakerLamp lamp = breakerLampFromState(p.breakerState);
            lamps.append({p.name, lamp, p.breakerManual});
            worst = std::max(worst, breakerLampSeverity(lamp));
            // The tooltip says who set a manual state, until when and why, as the health document says.
            if (role == Qt::ToolTipRole)
                parts.append(
                    ManualStateText::lampLine(p, now.isValid() ? now : QDateTime::currentDateTimeUtc()));
            else
                parts.append(QStringLiteral("%1: %2%3")
                                 .arg(p.name, breakerLampName(lamp),
                                      p.breakerManual ? QStringLiteral(" (manual)") : QString()));
        }
        if (role == FleetRole::Lamps)
            return QVariant::fromValue(lamps);
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return parts.isEmpty()
                       ? FleetText::dash()
                       : parts.join(role == Qt::DisplayRole ? QStringLiteral(", ") : QStringLiteral("\n"));
        if (role == Qt::AccessibleTextRole)
            return QStringLiteral("Breakers: ") +
                   (parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", ")));
        if (role == FleetRole::Sort)
            return worst;
        break;
    }
    case FleetColumn::ErrorRate:
        if (role == FleetRole::Sparkline)
            return QVariant::fromValue(row.errorSparkline);
        if (display)
            return FleetText::percentText(row.errorRate);
        if (role == Qt::ToolTipRole)
            return row.isCurrent() && row.errorRate
                       ? FleetText::failuresTooltip(*row.errorRate, row.failures, row.metricsSpanSeconds)
                       : figureTip(row, FleetText::percentText(row.errorRate), row.errorRate.has_value());
        if (role == FleetRole::Sort)
            return row.errorRate.value_or(-1.0);
        break;
    case FleetColumn::RequestRate:
        if (display)
            return FleetText::rateText(row.requestRate);
        if (role == Qt::ToolTipRole)
            return figureTip(row, FleetText::rateText(row.requestRate), row.requestRate.has_value());
        if (role == FleetRole::Sort)
            return row.requestRate.value_or(-1.0);
        break;
    case FleetColumn::P95:
        if (display)
            return FleetText::latencyText(row.p95Seconds);
        if (role == Qt::ToolTipRole)
            return figureTip(row, FleetText::latencyText(row.p95Seconds), row.p95Seconds.has_value());
        if (role == FleetRole::Sort)
            return row.p95Seconds.value_or(-1.0);
        break;
    case FleetColumn::Tokens:
        if (display || role == Qt::ToolTipRole)
            return hasTokens ? FleetText::tokensText(tokensAvailable, tokenLimit) : FleetText::dash();
        if (role == FleetRole::Sort)
            return hasTokens && tokenLimit ? FleetText::share(tokensAvailable, *tokenLimit) : 2.0;
        break;
    case FleetColumn::Bulkhead:
        if (display || role == Qt::ToolTipRole)
            return hasBulkhead ? FleetText::bulkheadText(active, queued, capacity) : FleetText::dash();
        if (role == FleetRole::Sort)
            return hasBulkhead ? FleetText::share(double(active + queued), double(capacity)) : -1.0;
        break;
    case FleetColumn::LastUpdate:
        if (display)
            return FleetText::lastSeenText(row.lastSeen);
        if (role == Qt::ToolTipRole)
            return row.lastSeen.isValid() ? row.lastSeen.toLocalTime().toString(Qt::ISODateWithMs)
                                          : QStringLiteral("never");
        if (role == FleetRole::Sort)
            return row.lastSeen.isValid() ? row.lastSeen.toMSecsSinceEpoch() : qint64(0);
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant FleetCells::groupData(const FleetGroup& group, int column, int role) {
    return FleetGroupCells::data(group, column, role);
}

} // namespace jimini
