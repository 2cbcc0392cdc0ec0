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
};

// The alerts of the fleet: the guide's thresholds arrive already evaluated in InstanceRow::alerts; this
// model keeps one entry per (instance, metric) so a standing alert is updated in place, not repeated.
// An entry is new (highlighted, newAlert emitted) when it first appears and again when it escalates
// from warning to critical; it is resolved when its instance no longer reports it. Resolved entries are
// kept, up to maxResolved, the oldest dropped first.
class AlertsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LevelColumn, SourceColumn, MessageColumn, SinceColumn, StateColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IsNewRole, EndpointIdRole, ActiveRole };

    explicit AlertsModel(QObject* parent = nullptr);

    void applyRows(const QVector<InstanceRow>& rows, const QDateTime& now = QDateTime::currentDateTimeUtc());
    void removeRows(const QStringList& endpointIds); // instances gone: their alerts go with them
    using QAbstractTableModel::removeRows;

    void acknowledge(int row);
    void acknowledgeAll();
    void clearResolved();
    void setMaxResolved(int count) { m_maxResolved = count; }

    const AlertEntry& entry(int row) const { return m_entries[size_t(row)]; }
    int unacknowledgedCount() const { return m_unacknowledged; }
    int activeCount() const { return int(m_active.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void newAlert(const jimini::AlertEntry& entry);
    void unacknowledgedCountChanged(int count);

private:
    static QString key(const QString& endpointId, const QString& metric);
    void raise(AlertEntry& entry);
    void setAcknowledged(int row);
    void changed(int row);
    void removeWhere(const std::function<bool(const AlertEntry&)>& predicate);
    void reindex();
    void trimResolved();

    std::vector<AlertEntry> m_entries;
    QHash<QString, int> m_active; // key(endpointId, metric) -> row of the active entry
    int m_unacknowledged = 0;
    int m_maxResolved = 500;
};

} // namespace jimini
