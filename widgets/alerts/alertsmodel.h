// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"

#include <QAbstractTableModel>
#include <QHash>

#include <functional>
#include <vector>

namespace jimini {

struct AlertEntry {
    QString endpointId;
    QString service;
    QString instance;
    HealthAlert alert;
    QDateTime firstSeen;
    QDateTime lastSeen;
    bool active = true;        // still in the instance's latest document
    bool acknowledged = false; // highlighted until the operator acknowledges it
    bool unknown = false;      // not resolved, but its instance has no current data: it may or may not hold
    QString acknowledgedBy;    // the operator, as the audit trail names them; empty until acknowledged
    QDateTime acknowledgedAt;  // wall time of the view's clock
};

// The alerts of the fleet: the guide's thresholds arrive already evaluated in InstanceRow::alerts; this
// model keeps one entry per (instance, metric) so a standing alert is updated in place, not repeated.
// An entry is new (highlighted, newAlert emitted) when it first appears and again when it escalates
// from warning to critical; it is resolved when its instance no longer reports it. Resolved entries are
// kept, up to maxResolved, the oldest dropped first.
//
// An instance without current data (stale, or never reached) cannot say whether its alerts still hold:
// they show as unknown, not active, until it reports again. An unreachable instance (stale and failing,
// or never reached; InstanceRow::isUnreachable) raises an alert of its own, metric "up", as Prometheus'
// up == 0, resolved when it answers again.
class AlertsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LevelColumn, SourceColumn, MessageColumn, SinceColumn, StateColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IsNewRole, EndpointIdRole, ActiveRole, UnknownRole };
    static constexpr const char* unreachableMetric = "up";

    explicit AlertsModel(QObject* parent = nullptr);

    // now: the wall time of the view's clock (ConsoleClock::wallNow), when the rows arrived.
    void applyRows(const QVector<InstanceRow>& rows, const QDateTime& now);
    void removeRows(const QStringList& endpointIds); // instances gone: their alerts go with them
    using QAbstractTableModel::removeRows;

    // Who acknowledges (the operator the audit trail records) and when (the view's wall clock); without
    // them an acknowledgement names nobody and takes the system time.
    void setAcknowledger(std::function<QString()> operatorName, std::function<QDateTime()> wallNow);
    void acknowledge(int row);
    void acknowledgeAll();
    void clearResolved();
    void setMaxResolved(int count) { m_maxResolved = count; }

    const AlertEntry& entry(int row) const { return m_entries[size_t(row)]; }
    int unacknowledgedCount() const { return m_unacknowledged; }
    int activeCount() const { return int(m_active.size()) - unknownCount(); }
    int unknownCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void newAlert(const jimini::AlertEntry& entry);
    void unacknowledgedCountChanged(int count);

private:
    static QString key(const QString& endpointId, const QString& metric);
    static QString stateName(const AlertEntry& entry);
    void raise(AlertEntry& entry);
    void applyAlert(const InstanceRow& row, const HealthAlert& alert, const QDateTime& now);
    void applyReachability(const InstanceRow& row, const QDateTime& now);
    void resolveWhere(const QString& endpointId, const std::function<bool(const QString& key)>& gone);
    void setAcknowledged(int row);
    void changed(int row);
    void removeWhere(const std::function<bool(const AlertEntry&)>& predicate);
    void reindex();
    void trimResolved();

    std::vector<AlertEntry> m_entries;
    QHash<QString, int> m_active; // key(endpointId, metric) -> row of the active entry
    int m_unacknowledged = 0;
    int m_maxResolved = 500;
    std::function<QString()> m_operatorName;
    std::function<QDateTime()> m_wallNow;
};

} // namespace jimini
