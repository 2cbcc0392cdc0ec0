// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetcells.h"

#include "breakerlamp.h"
#include "palette.h"

#include <QFont>
#include <QLocale>

namespace jimini {

namespace {

const QString dash = QStringLiteral("\u2014");

QString tokensText(double available, double limit) {
    const QLocale locale;
    return QStringLiteral("%1 of %2").arg(locale.toString(available, 'f', 0), locale.toString(limit, 'f', 0));
}

QString bulkheadText(quint64 active, quint64 queued, quint64 capacity) {
    return QStringLiteral("%1+%2 of %3").arg(active).arg(queued).arg(capacity);
}

double share(double used, double of) {
    return of > 0 ? used / of : 0;
}

QVariant foreground(bool greyed) {
    return greyed ? QVariant(Palette::staleColor(Palette::systemIsDark())) : QVariant();
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

FleetState FleetCells::stateOf(const FleetAggregate& a) {
    if (a.fresh > 0)
        return FleetState(int(a.worst));
    return a.stale > 0 ? FleetState::Stale : FleetState::Failing;
}

QString FleetCells::stateName(FleetState state) {
    switch (state) {
    case FleetState::Healthy:
    case FleetState::Degraded:
    case FleetState::Critical:
        return healthLevelName(HealthLevel(int(state)));
    case FleetState::Stale:
        return QStringLiteral("stale");
    case FleetState::Failing:
        return QStringLiteral("failing");
    case FleetState::Connecting:
        return QStringLiteral("connecting");
    }
    return QString();
}

QString FleetCells::statusName(SourceStatus status) {
    switch (status) {
    case SourceStatus::Ok:
        return QStringLiteral("ok");
    case SourceStatus::Connecting:
        return QStringLiteral("connecting");
    case SourceStatus::Refused:
        return QStringLiteral("refused");
    case SourceStatus::TimedOut:
        return QStringLiteral("timed out");
    case SourceStatus::Unauthorized:
        return QStringLiteral("unauthorized");
    case SourceStatus::HttpError:
        return QStringLiteral("HTTP error");
    case SourceStatus::Malformed:
        return QStringLiteral("malformed");
    case SourceStatus::TooLarge:
        return QStringLiteral("too large");
    case SourceStatus::TlsError:
        return QStringLiteral("TLS error");
    case SourceStatus::Stale:
        return QStringLiteral("stale");
    case SourceStatus::Backoff:
        return QStringLiteral("backing off");
    }
    return QString();
}

QString FleetCells::lastSeenText(const QDateTime& lastSeen) {
    return lastSeen.isValid() ? lastSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss"))
                              : QStringLiteral("never");
}

QString FleetCells::percentText(double ratio) {
    return QLocale().toString(ratio * 100, 'f', 1) + QStringLiteral(" %");
}

QString FleetCells::latencyText(double seconds) {
    if (seconds < 1)
        return QLocale().toString(seconds * 1000, 'f', 0) + QStringLiteral(" ms");
    return QLocale().toString(seconds, 'f', 2) + QStringLiteral(" s");
}

QString FleetCells::breakerSummary(const FleetAggregate& a) {
    if (a.breakers == 0)
        return dash;
    QString text = QStringLiteral("%1 of %2 open").arg(a.open).arg(a.breakers);
    if (a.halfOpen > 0)
        text += QStringLiteral(", %1 half-open").arg(a.halfOpen);
    return text;
}

QVariant FleetCells::instanceData(const InstanceRow& row, int column, int role) {
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
    double tokensAvailable = 0, tokenLimit = 0;
    quint64 active = 0, queued = 0, capacity = 0;
    bool hasTokens = false, hasBulkhead = false;
    for (const PolicyRow& p : row.policies) {
        hasTokens |= p.hasRateLimiter;
        tokensAvailable += p.hasRateLimiter ? p.tokensAvailable : 0;
        tokenLimit += p.hasRateLimiter ? p.tokenLimit : 0;
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
        QString text = stateName(state);
        if (state == FleetState::Failing)
            text = statusName(row.status);
        if (greyed && state != FleetState::Connecting)
            text += QStringLiteral(" \u00b7 last seen ") + lastSeenText(row.lastSeen);
        if (role == Qt::DisplayRole)
            return text;
        if (role == Qt::AccessibleTextRole)
            return QStringLiteral("Health: ") + text;
        if (role == Qt::ToolTipRole) {
            if (!greyed)
                return text;
            const QString seen = row.lastSeen.isValid() ? row.lastSeen.toLocalTime().toString(Qt::ISODate)
                                                        : QStringLiteral("never");
            return QStringLiteral("%1\nLast seen: %2").arg(row.reason.isEmpty() ? text : row.reason, seen);
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
            parts.append(QStringLiteral("%1: %2%3")
                             .arg(p.name, breakerLampName(lamp),
                                  p.breakerManual ? QStringLiteral(" (manual)") : QString()));
        }
        if (role == FleetRole::Lamps)
            return QVariant::fromValue(lamps);
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return parts.isEmpty()
                       ? dash
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
        if (display || role == Qt::ToolTipRole)
            return percentText(row.errorRate);
        if (role == FleetRole::Sort)
            return row.errorRate;
        break;
    case FleetColumn::RequestRate:
        if (display || role == Qt::ToolTipRole)
            return QLocale().toString(row.requestRate, 'f', 1);
        if (role == FleetRole::Sort)
            return row.requestRate;
        break;
    case FleetColumn::P95:
        if (display || role == Qt::ToolTipRole)
            return latencyText(row.p95Seconds);
        if (role == FleetRole::Sort)
            return row.p95Seconds;
        break;
    case FleetColumn::Tokens:
        if (display || role == Qt::ToolTipRole)
            return hasTokens ? tokensText(tokensAvailable, tokenLimit) : dash;
        if (role == FleetRole::Sort)
            return hasTokens ? share(tokensAvailable, tokenLimit) : 2.0;
        break;
    case FleetColumn::Bulkhead:
        if (display || role == Qt::ToolTipRole)
            return hasBulkhead ? bulkheadText(active, queued, capacity) : dash;
        if (role == FleetRole::Sort)
            return hasBulkhead ? share(double(active + queued), double(capacity)) : -1.0;
        break;
    case FleetColumn::LastUpdate:
        if (display)
            return lastSeenText(row.lastSeen);
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
        QString text = stateName(state);
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
            return breakerSummary(a);
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
            return percentText(a.maxErrorRate);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("highest of %1 instances: %2")
                .arg(a.instances)
                .arg(percentText(a.maxErrorRate));
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
            return latencyText(a.maxP95);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("highest of %1 instances: %2").arg(a.instances).arg(latencyText(a.maxP95));
        if (role == FleetRole::Sort)
            return a.maxP95;
        break;
    case FleetColumn::Tokens:
        if (display || role == Qt::ToolTipRole)
            return a.hasTokens ? tokensText(a.tokensAvailable, a.tokenLimit) : dash;
        if (role == FleetRole::Sort)
            return a.hasTokens ? share(a.tokensAvailable, a.tokenLimit) : 2.0;
        break;
    case FleetColumn::Bulkhead:
        if (display || role == Qt::ToolTipRole)
            return a.hasBulkhead ? bulkheadText(a.bulkheadActive, a.bulkheadQueued, a.bulkheadCapacity)
                                 : dash;
        if (role == FleetRole::Sort)
            return a.hasBulkhead
                       ? share(double(a.bulkheadActive + a.bulkheadQueued), double(a.bulkheadCapacity))
                       : -1.0;
        break;
    case FleetColumn::LastUpdate:
        if (display)
            return lastSeenText(a.newestSeen);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("newest %1, oldest %2")
                .arg(lastSeenText(a.newestSeen), lastSeenText(a.oldestSeen));
        if (role == FleetRole::Sort)
            return a.newestSeen.isValid() ? a.newestSeen.toMSecsSinceEpoch() : qint64(0);
        break;
    default:
        break;
    }
    return QVariant();
}

} // namespace jimini
