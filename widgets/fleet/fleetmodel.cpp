// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetmodel.h"

#include "fleetcells.h"

#include <QSet>

#include <algorithm>

namespace jimini {

namespace {

// The unidentified group (no service name yet) comes last, after the services that said theirs.
bool serviceLess(const QString& a, const QString& b) {
    if (a.isEmpty() != b.isEmpty())
        return b.isEmpty();
    const int c = QString::compare(a, b, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a < b;
}

bool instanceLess(const InstanceRow& a, const InstanceRow& b) {
    const int c = QString::compare(a.instance, b.instance, Qt::CaseInsensitive);
    if (c != 0)
        return c < 0;
    if (a.instance != b.instance)
        return a.instance < b.instance;
    return a.endpointId < b.endpointId;
}

} // namespace

FleetModel::FleetModel(QObject* parent)
    : QAbstractItemModel(parent) {}

FleetModel::~FleetModel() = default;

QList<int> FleetModel::updateRoles() {
    return {Qt::DisplayRole,  Qt::ToolTipRole,        Qt::AccessibleTextRole, Qt::ForegroundRole,
            FleetRole::Sort,  FleetRole::Lamps,       FleetRole::Sparkline,   FleetRole::Level,
            FleetRole::State, FleetRole::Environment, FleetRole::TroubleCount};
}

void FleetModel::applyRows(const QVector<InstanceRow>& rows) {
    // An instance that moved to another service or was renamed moves: remove it first, so that no
    // group pointer taken below can be invalidated by a group disappearing.
    QStringList moved;
    for (const InstanceRow& row : rows) {
        const auto it = m_index.constFind(row.endpointId);
        if (it == m_index.cend())
            continue;
        const InstanceRow& current = it->group->instances[size_t(it->row)];
        if (current.service != row.service || current.instance != row.instance)
            moved.append(row.endpointId);
    }
    if (!moved.isEmpty())
        removeRows(moved);

    QHash<FleetGroup*, std::vector<int>> changed;
    QMap<QString, std::vector<InstanceRow>> fresh; // by service, so new groups are inserted whole
    for (const InstanceRow& row : rows) {
        const auto it = m_index.constFind(row.endpointId);
        if (it == m_index.cend()) {
            auto& bucket = fresh[row.service];
            const auto dup = std::find_if(bucket.begin(), bucket.end(), [&](const InstanceRow& r) {
                return r.endpointId == row.endpointId;
            });
            if (dup != bucket.end())
                *dup = row;
            else
                bucket.push_back(row);
            continue;
        }
        InstanceRow& current = it->group->instances[size_t(it->row)];
        if (current == row)
            continue;
        if (current.environment != row.environment) {
            countEnvironment(current.environment, -1);
            countEnvironment(row.environment, +1);
        }
        current = row;
        changed[it->group].push_back(it->row);
    }
    QSet<FleetGroup*> touched;
    for (auto it = changed.begin(); it != changed.end(); ++it) {
        emitSpans(it.key(), it.value());
        touched.insert(it.key());
    }

    for (auto it = fresh.begin(); it != fresh.end(); ++it) {
        const int pos = groupPosition(it.key());
        const bool exists = pos < int(m_groups.size()) && m_groups[size_t(pos)]->service == it.key();
        if (!exists) {
            insertGroup(it.key(), std::move(it.value()));
            continue;
        }
        FleetGroup* group = m_groups[size_t(pos)].get();
        for (const InstanceRow& row : it.value())
            insertInstance(group, row);
        touched.insert(group);
    }
    for (FleetGroup* group : std::as_const(touched))
        refreshAggregate(group);
    if (m_environmentsDirty) {
        m_environmentsDirty = false;
        emit environmentsChanged(environments());
    }
}

void FleetModel::removeRows(const QStringList& endpointIds) {
    QSet<FleetGroup*> touched;
    for (const QString& id : endpointIds) {
        const auto it = m_index.constFind(id);
        if (it == m_index.cend())
            continue;
        touched.insert(it->group);
        removeInstance(id);
    }
    // Groups are only dropped once all removals are done, so the pointers above stay valid.
    for (FleetGroup* group : std::as_const(touched)) {
        if (group->instances.empty())
            removeGroup(group);
        else
            refreshAggregate(group);
    }
    if (m_environmentsDirty) {
        m_environmentsDirty = false;
        emit environmentsChanged(environments());
    }
}

const InstanceRow* FleetModel::instance(const QString& endpointId) const {
    const auto it = m_index.constFind(endpointId);
    return it == m_index.cend() ? nullptr : &it->group->instances[size_t(it->row)];
}

QModelIndex FleetModel::indexOf(const QString& endpointId, int column) const {
    const auto it = m_index.constFind(endpointId);
    return it == m_index.cend() ? QModelIndex() : createIndex(it->row, column, it->group);
}

QModelIndex FleetModel::groupIndex(const QString& service, int column) const {
    const int pos = groupPosition(service);
    if (pos >= int(m_groups.size()) || m_groups[size_t(pos)]->service != service)
        return {};
    return createIndex(pos, column, nullptr);
}

QString FleetModel::endpointId(const QModelIndex& index) const {
    const FleetGroup* group = groupOf(index);
    return group ? group->instances[size_t(index.row())].endpointId : QString();
}

FleetGroup* FleetModel::groupOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<FleetGroup*>(index.internalPointer()) : nullptr;
}

int FleetModel::groupPosition(const QString& service) const {
    const auto it =
        std::lower_bound(m_groups.begin(), m_groups.end(), service,
                         [](const auto& g, const QString& s) { return serviceLess(g->service, s); });
    return int(it - m_groups.begin());
}

void FleetModel::insertGroup(const QString& service, std::vector<InstanceRow> rows) {
    std::sort(rows.begin(), rows.end(), instanceLess);
    auto group = std::make_unique<FleetGroup>();
    group->service = service;
    group->instances = std::move(rows);
    group->aggregate = FleetAggregate::of(group->instances);
    const int pos = groupPosition(service);
    group->row = pos;
    FleetGroup* raw = group.get();
    beginInsertRows({}, pos, pos);
    m_groups.insert(m_groups.begin() + pos, std::move(group));
    for (size_t i = size_t(pos) + 1; i < m_groups.size(); ++i)
        m_groups[i]->row = int(i);
    for (const InstanceRow& row : raw->instances)
        countEnvironment(row.environment, +1);
    reindex(raw, 0);
    endInsertRows();
}

void FleetModel::insertInstance(FleetGroup* group, const InstanceRow& row) {
    auto& rows = group->instances;
    const int pos = int(std::lower_bound(rows.begin(), rows.end(), row, instanceLess) - rows.begin());
    beginInsertRows(createIndex(group->row, 0, nullptr), pos, pos);
    rows.insert(rows.begin() + pos, row);
    countEnvironment(row.environment, +1);
    reindex(group, pos);
    endInsertRows();
}

void FleetModel::removeInstance(const QString& endpointId) {
    const Slot slot = m_index.value(endpointId);
    FleetGroup* group = slot.group;
    beginRemoveRows(createIndex(group->row, 0, nullptr), slot.row, slot.row);
    countEnvironment(group->instances[size_t(slot.row)].environment, -1);
    group->instances.erase(group->instances.begin() + slot.row);
    m_index.remove(endpointId);
    reindex(group, slot.row);
    endRemoveRows();
}

void FleetModel::removeGroup(FleetGroup* group) {
    const int pos = group->row;
    beginRemoveRows({}, pos, pos);
    m_groups.erase(m_groups.begin() + pos);
    for (size_t i = size_t(pos); i < m_groups.size(); ++i)
        m_groups[i]->row = int(i);
    endRemoveRows();
}

void FleetModel::reindex(FleetGroup* group, int from) {
    for (size_t i = size_t(from); i < group->instances.size(); ++i)
        m_index.insert(group->instances[i].endpointId, Slot{group, int(i)});
}

void FleetModel::refreshAggregate(FleetGroup* group) {
    FleetAggregate aggregate = FleetAggregate::of(group->instances);
    if (aggregate == group->aggregate)
        return;
    group->aggregate = std::move(aggregate);
    emit dataChanged(createIndex(group->row, 0, nullptr),
                     createIndex(group->row, FleetColumn::Count - 1, nullptr), updateRoles());
}

void FleetModel::emitSpans(FleetGroup* group, std::vector<int>& rows) {
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const QList<int> roles = updateRoles();
    size_t first = 0;
    for (size_t i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows[i] == rows[i - 1] + 1)
            continue;
        emit dataChanged(createIndex(rows[first], 0, group),
                         createIndex(rows[i - 1], FleetColumn::Count - 1, group), roles);
        first = i;
    }
}

void FleetModel::countEnvironment(const QString& environment, int delta) {
    if (environment.isEmpty())
        return;
    int& slot = m_environments[environment];
    const bool wasPresent = slot > 0;
    const int count = slot + delta;
    slot = count;
    if (count <= 0)
        m_environments.remove(environment); // slot dangles from here on
    if (wasPresent != (count > 0))
        m_environmentsDirty = true;
}

QModelIndex FleetModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= FleetColumn::Count)
        return {};
    if (!parent.isValid())
        return row < int(m_groups.size()) ? createIndex(row, column, nullptr) : QModelIndex();
    if (groupOf(parent) || parent.row() >= int(m_groups.size()))
        return {};
    FleetGroup* group = m_groups[size_t(parent.row())].get();
    return row < int(group->instances.size()) ? createIndex(row, column, group) : QModelIndex();
}

QModelIndex FleetModel::parent(const QModelIndex& child) const {
    const FleetGroup* group = groupOf(child);
    return group ? createIndex(group->row, 0, nullptr) : QModelIndex();
}

int FleetModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(m_groups.size());
    if (groupOf(parent) || parent.column() != 0)
        return 0;
    return int(m_groups[size_t(parent.row())]->instances.size());
}

int FleetModel::columnCount(const QModelIndex&) const {
    return FleetColumn::Count;
}

QVariant FleetModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (const FleetGroup* group = groupOf(index))
        return FleetCells::instanceData(group->instances[size_t(index.row())], index.column(), role,
                                        role == Qt::ToolTipRole ? m_wallNow() : QDateTime());
    return FleetCells::groupData(*m_groups[size_t(index.row())], index.column(), role);
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::AccessibleTextRole))
        return {};
    static const char* const titles[] = {"Service / Instance", "Health", "Breakers", "Error rate",
                                         "Requests/s",         "p95",    "Tokens",   "Bulkhead",
                                         "Last update"};
    return section >= 0 && section < FleetColumn::Count ? tr(titles[section]) : QVariant();
}

Qt::ItemFlags FleetModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (groupOf(index))
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

} // namespace jimini
