// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertsmodel.h"

#include "widgets/breakerlamp.h"
#include "widgets/palette.h"

#include <QFont>
#include <QIcon>
#include <QSet>

namespace jimini {

AlertsModel::AlertsModel(QObject* parent)
    : QAbstractTableModel(parent) {}

QString AlertsModel::stateName(const AlertEntry& e) {
    const QString state = !e.active   ? tr("resolved")
                          : e.unknown ? tr("unknown (no current data)")
                                      : tr("active");
    if (!e.acknowledged)
        return state;
    const QString at = e.acknowledgedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    return e.acknowledgedBy.isEmpty() ? tr("%1, acknowledged at %2").arg(state, at)
                                      : tr("%1, acknowledged by %2 at %3").arg(state, e.acknowledgedBy, at);
}

void AlertsModel::setAcknowledger(std::function<QString()> operatorName, std::function<QDateTime()> wallNow) {
    m_operatorName = std::move(operatorName);
    m_wallNow = std::move(wallNow);
}

QString AlertsModel::key(const QString& endpointId, const QString& metric) {
    return endpointId + QChar(0x1f) + metric;
}

void AlertsModel::applyRows(const QVector<InstanceRow>& rows, const QDateTime& now) {
    const int unacknowledgedBefore = m_unacknowledged;
    const QString up = QLatin1String(unreachableMetric);
    for (const InstanceRow& row : rows) {
        applyReachability(row, now);
        if (!row.isCurrent()) {
            // The last document's alerts are no news: neither raised again nor resolved, but unknown.
            for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
                AlertEntry& entry = m_entries[size_t(it.value())];
                if (entry.endpointId == row.endpointId && entry.alert.metric != up && !entry.unknown) {
                    entry.unknown = true;
                    changed(it.value());
                }
            }
            continue;
        }
        QSet<QString> present;
        for (const HealthAlert& alert : row.alerts) {
            present.insert(key(row.endpointId, alert.metric));
            applyAlert(row, alert, now);
        }
        // Alerts of this instance that its latest document no longer carries are resolved.
        resolveWhere(row.endpointId,
                     [&](const QString& k) { return !present.contains(k) && k != key(row.endpointId, up); });
    }
    trimResolved();
    if (m_unacknowledged != unacknowledgedBefore)
        emit unacknowledgedCountChanged(m_unacknowledged);
}

void AlertsModel::applyAlert(const InstanceRow& row, const HealthAlert& alert, const QDateTime& now) {
    const QString k = key(row.endpointId, alert.metric);
    const auto it = m_active.constFind(k);
    if (it == m_active.cend()) {
        const int at = int(m_entries.size());
        beginInsertRows({}, at, at);
        m_entries.push_back(
            {row.endpointId, row.service, row.instance, alert, now, now, true, true, false, {}, {}});
        m_active.insert(k, at);
        endInsertRows();
        raise(m_entries.back());
        return;
    }
    AlertEntry& entry = m_entries[size_t(*it)];
    const bool escalated = alert.level == AlertLevel::Critical && entry.alert.level == AlertLevel::Warning;
    const bool same = entry.alert == alert && !entry.unknown;
    entry.alert = alert;
    entry.lastSeen = now;
    entry.unknown = false;
    if (escalated)
        raise(entry);
    if (!same || escalated)
        changed(*it);
}

void AlertsModel::applyReachability(const InstanceRow& row, const QDateTime& now) {
    const QString up = QLatin1String(unreachableMetric);
    if (!row.isUnreachable()) {
        resolveWhere(row.endpointId, [&](const QString& k) { return k == key(row.endpointId, up); });
        return;
    }
    // Like Prometheus' up == 0: the value is 0 and there is no threshold; the reason is the message.
    HealthAlert alert;
    alert.level = AlertLevel::Critical;
    alert.metric = up;
    alert.value = 0;
    alert.message =
        row.hasDocument
            ? tr("Unreachable since %1: %2")
                  .arg(row.lastSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss")), row.reason)
            : tr("Never reached: %1").arg(row.reason);
    applyAlert(row, alert, now);
}

void AlertsModel::resolveWhere(const QString& endpointId, const std::function<bool(const QString&)>& gone) {
    for (auto it = m_active.begin(); it != m_active.end();) {
        AlertEntry& entry = m_entries[size_t(it.value())];
        if (entry.endpointId != endpointId || !gone(it.key())) {
            ++it;
            continue;
        }
        entry.active = false;
        entry.unknown = false;
        changed(it.value());
        it = m_active.erase(it);
    }
}

int AlertsModel::unknownCount() const {
    int n = 0;
    for (const int row : m_active)
        n += m_entries[size_t(row)].unknown ? 1 : 0;
    return n;
}

void AlertsModel::raise(AlertEntry& entry) {
    if (entry.acknowledged) {
        entry.acknowledged = false;
        entry.acknowledgedBy.clear();
        entry.acknowledgedAt = {};
        ++m_unacknowledged;
    }
    emit newAlert(entry);
}

void AlertsModel::removeRows(const QStringList& endpointIds) {
    const QSet<QString> gone(endpointIds.begin(), endpointIds.end());
    const int before = m_unacknowledged;
    removeWhere([&](const AlertEntry& e) { return gone.contains(e.endpointId); });
    if (m_unacknowledged != before)
        emit unacknowledgedCountChanged(m_unacknowledged);
}

void AlertsModel::acknowledge(int row) {
    if (row < 0 || row >= int(m_entries.size()) || m_entries[size_t(row)].acknowledged)
        return;
    setAcknowledged(row);
    emit unacknowledgedCountChanged(m_unacknowledged);
}

void AlertsModel::acknowledgeAll() {
    if (m_unacknowledged == 0)
        return;
    for (int row = 0; row < int(m_entries.size()); ++row) {
        if (!m_entries[size_t(row)].acknowledged)
            setAcknowledged(row);
    }
    emit unacknowledgedCountChanged(m_unacknowledged);
}

void AlertsModel::setAcknowledged(int row) {
    AlertEntry& entry = m_entries[size_t(row)];
    entry.acknowledged = true;
    entry.acknowledgedBy = m_operatorName ? m_operatorName() : QString();
    entry.acknowledgedAt = m_wallNow ? m_wallNow() : QDateTime::currentDateTimeUtc();
    --m_unacknowledged;
    changed(row);
}

void AlertsModel::clearResolved() {
    const int before = m_unacknowledged;
    removeWhere([](const AlertEntry& e) { return !e.active; });
    if (m_unacknowledged != before)
        emit unacknowledgedCountChanged(m_unacknowledged);
}

void AlertsModel::changed(int row) {
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1),
                     {Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole, Qt::BackgroundRole,
                      Qt::FontRole, Qt::ForegroundRole, Qt::DecorationRole, SortRole, IsNewRole, ActiveRole,
                      UnknownRole});
}

void AlertsModel::removeWhere(const std::function<bool(const AlertEntry&)>& predicate) {
    // From the back, one contiguous run at a time, so each removal is a single signal pair.
    int row = int(m_entries.size()) - 1;
    bool removed = false;
    while (row >= 0) {
        if (!predicate(m_entries[size_t(row)])) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && predicate(m_entries[size_t(first - 1)]))
            --first;
        beginRemoveRows({}, first, row);
        for (int r = first; r <= row; ++r)
            m_unacknowledged -= m_entries[size_t(r)].acknowledged ? 0 : 1;
        m_entries.erase(m_entries.begin() + first, m_entries.begin() + row + 1);
        endRemoveRows();
        removed = true;
        row = first - 1;
    }
    if (removed)
        reindex();
}

void AlertsModel::reindex() {
    m_active.clear();
    for (int row = 0; row < int(m_entries.size()); ++row) {
        const AlertEntry& e = m_entries[size_t(row)];
        if (e.active)
            m_active.insert(key(e.endpointId, e.alert.metric), row);
    }
}

void AlertsModel::trimResolved() {
    int excess = int(m_entries.size()) - int(m_active.size()) - m_maxResolved;
    if (excess <= 0)
        return;
    // The oldest resolved entries sit nearest the front.
    QSet<int> drop;
    for (int row = 0; row < int(m_entries.size()) && excess > 0; ++row) {
        if (!m_entries[size_t(row)].active) {
            drop.insert(row);
            --excess;
        }
    }
    const AlertEntry* base = m_entries.data();
    removeWhere([&](const AlertEntry& e) { return drop.contains(int(&e - base)); });
}

int AlertsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AlertsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const AlertEntry& e = m_entries[size_t(index.row())];
    const bool critical = e.alert.level == AlertLevel::Critical;
    const QString source = e.instance.isEmpty() ? e.service : e.service + QStringLiteral(" / ") + e.instance;
    switch (role) {
    case IsNewRole:
        return !e.acknowledged;
    case EndpointIdRole:
        return e.endpointId;
    case ActiveRole:
        return e.active && !e.unknown;
    case UnknownRole:
        return e.unknown;
    case Qt::BackgroundRole:
        return e.acknowledged ? QVariant() : QVariant(Palette::newAlertBackground(Palette::systemIsDark()));
    case Qt::FontRole: {
        if (e.acknowledged)
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::ForegroundRole:
        return e.active && !e.unknown ? QVariant() : QVariant(Palette::staleColor(Palette::systemIsDark()));
    case Qt::DecorationRole:
        if (index.column() == LevelColumn)
            return healthIcon(critical ? HealthLevel::Critical : HealthLevel::Degraded);
        return {};
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1 alert%2 on %3: %4, %5")
            .arg(critical ? "Critical" : "Warning", e.acknowledged ? "" : " (new)", source, e.alert.message,
                 stateName(e));
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2\nmetric %3, value %4%5\nfirst seen %6, last seen %7")
            .arg(source, e.alert.message, e.alert.metric)
            .arg(e.alert.value)
            .arg(e.alert.threshold ? QStringLiteral(", threshold %1").arg(*e.alert.threshold) : QString())
            .arg(e.firstSeen.toLocalTime().toString(Qt::ISODate),
                 e.lastSeen.toLocalTime().toString(Qt::ISODate));
    default:
        break;
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case LevelColumn:
        return role == SortRole ? QVariant(int(e.alert.level))
                                : QVariant(critical ? tr("critical") : tr("warning"));
    case SourceColumn:
        return source;
    case MessageColumn:
        return e.alert.message;
    case SinceColumn:
        return role == SortRole ? QVariant(e.firstSeen.toMSecsSinceEpoch())
                                : QVariant(e.firstSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    case StateColumn:
        return stateName(e);
    default:
        return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const titles[] = {"Level", "Service / Instance", "Alert", "Since", "State"};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace jimini
