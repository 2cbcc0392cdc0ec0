// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetgroup.h"
#include "fleetroles.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QMap>

#include <functional>
#include <memory>
#include <vector>

namespace jimini {

// The fleet overview: a group row per service, its instances under it, sorted by service, then
// instance. A QAbstractItemModel and not the style guide's QAbstractTableModel, because a table model
// cannot express the grouping.
//
// Updates come as diffs from FleetHub (at most ten batches a second): applyRows() touches only the rows
// that changed - one ranged dataChanged per contiguous span of changed rows with explicit roles, a
// single-row insert per new instance, a whole group at once for a new service - and never resets. Cost
// per batch is O(changed rows) lookups (a hash endpointId -> position) plus one aggregate per touched
// group.
class FleetModel : public QAbstractItemModel {
    Q_OBJECT
public:
    explicit FleetModel(QObject* parent = nullptr);
    ~FleetModel() override;

    void applyRows(const QVector<InstanceRow>& rows);
    void removeRows(const QStringList& endpointIds);
    using QAbstractItemModel::removeRows;

    const InstanceRow* instance(const QString& endpointId) const;
    QModelIndex indexOf(const QString& endpointId, int column = 0) const;
    QModelIndex groupIndex(const QString& service, int column = 0) const;
    QString endpointId(const QModelIndex& index) const;
    int instanceCount() const { return int(m_index.size()); }
    QStringList environments() const { return m_environments.keys(); }

    // The roles a row update announces in dataChanged.
    static QList<int> updateRoles();
    // The wall clock a manual state's time left is counted on (the view's clock); the system's by default.
    void setWallClock(std::function<QDateTime()> now) { m_wallNow = std::move(now); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void environmentsChanged(const QStringList& environments);

private:
    struct Slot {
        FleetGroup* group = nullptr;
        int row = 0;
    };

    FleetGroup* groupOf(const QModelIndex& index) const;
    int groupPosition(const QString& service) const; // lower bound among m_groups
    void insertGroup(const QString& service, std::vector<InstanceRow> rows);
    void insertInstance(FleetGroup* group, const InstanceRow& row);
    void removeInstance(const QString& endpointId);
    void removeGroup(FleetGroup* group);
    void reindex(FleetGroup* group, int from);
    void refreshAggregate(FleetGroup* group);
    void emitSpans(FleetGroup* group, std::vector<int>& rows);
    void countEnvironment(const QString& environment, int delta);

    std::vector<std::unique_ptr<FleetGroup>> m_groups; // sorted by service
    QHash<QString, Slot> m_index;
    QMap<QString, int> m_environments;
    bool m_environmentsDirty = false;
    std::function<QDateTime()> m_wallNow = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace jimini
