// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventlogmodel.h"

#include "health/healthnames.h"

#include <utility>

namespace jimini {

namespace {
// What the Change column shows of an event: breaker states by their names, config versions, the
// sequence numbers around a gap.
std::pair<QString, QString> change(const FleetEvent& e) {
    switch (e.type) {
    case FleetEventType::Transition:
    case FleetEventType::Control:
        return {breakerStateName(e.from), breakerStateName(e.to)};
    case FleetEventType::Config:
        return {e.versionBefore, e.versionAfter};
    case FleetEventType::Gap:
        return {QString::number(e.gapFrom), QString::number(e.gapTo)};
    case FleetEventType::Fault:
    case FleetEventType::Connection:
        break;
    }
    return {};
}
} // namespace

EventLogModel::EventLogModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void EventLogModel::append(const QVector<FleetEvent>& events) {
    if (events.isEmpty())
        return;
    // Of a batch larger than the log only its newest part can stay.
    const qsizetype skip = std::max<qsizetype>(0, events.size() - m_capacity);
    const int incoming = int(events.size() - skip);
    const int overflow = int(m_events.size()) + incoming - m_capacity;
    bool servicesChanged = false;
    if (overflow > 0) {
        const int before = int(m_services.size());
        dropOldest(overflow);
        servicesChanged = before != int(m_services.size());
    }
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (qsizetype i = skip; i < events.size(); ++i) {
        m_events.push_back(events[i]);
        servicesChanged |= countService(events[i].service, +1);
    }
    endInsertRows();
    if (servicesChanged)
        emit this->servicesChanged(services());
}

void EventLogModel::clear() {
    if (m_events.empty())
        return;
    beginRemoveRows({}, 0, int(m_events.size()) - 1);
    m_events.clear();
    m_services.clear();
    endRemoveRows();
    emit servicesChanged({});
}

void EventLogModel::setCapacity(int capacity) {
    m_capacity = std::max(1, capacity);
    const int overflow = int(m_events.size()) - m_capacity;
    if (overflow > 0) {
        const int before = int(m_services.size());
        dropOldest(overflow);
        if (before != int(m_services.size()))
            emit servicesChanged(services());
    }
}

void EventLogModel::dropOldest(int count) {
    count = std::min(count, int(m_events.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i) {
        countService(m_events.front().service, -1);
        m_events.pop_front();
    }
    endRemoveRows();
}

bool EventLogModel::countService(const QString& service, int delta) {
    if (service.isEmpty())
        return false;
    int& slot = m_services[service];
    const bool was = slot > 0;
    const int count = slot + delta;
    slot = count;
    if (count <= 0)
        m_services.remove(service); // slot dangles from here on
    return was != (count > 0);
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const FleetEvent& e = m_events[size_t(index.row())];
    switch (role) {
    case TypeRole:
        return toString(e.type);
    case ServiceRole:
        return e.service;
    case EndpointIdRole:
        return e.endpointId;
    case InferredRole:
        return e.inferred;
    case SortRole:
        if (index.column() == TimeColumn)
            return e.time.toMSecsSinceEpoch();
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return e.time.toLocalTime().toString(Qt::ISODateWithMs) +
                   (e.inferred ? tr(" (when the second poll's document was made)") : QString());
        if (e.inferred && (index.column() == TypeColumn || index.column() == DetailColumn))
            return tr(
                "Inferred from two polls: the service keeps no event record. It has no reason or actor, "
                "and a change that came and went between the polls is not seen.");
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case ServiceColumn:
        return e.service;
    case InstanceColumn:
        return e.instance;
    case TypeColumn:
        return e.inferred ? tr("%1 (inferred)").arg(typeLabel(e.type)) : typeLabel(e.type);
    case PolicyColumn:
        return e.policy;
    case ChangeColumn: {
        const auto [from, to] = change(e);
        if (from.isEmpty() && to.isEmpty())
            return QString();
        return from.isEmpty() ? to : from + QStringLiteral(" \u2192 ") + to;
    }
    case DetailColumn: {
        QStringList parts;
        if (!e.reason.isEmpty())
            parts.append(e.reason);
        if (!e.actor.isEmpty())
            parts.append(tr("by %1").arg(e.actor));
        if (e.ttlSeconds)
            parts.append(tr("for %1 s").arg(*e.ttlSeconds));
        if (!e.note.isEmpty())
            parts.append(e.note);
        return parts.join(QStringLiteral("; "));
    }
    default:
        return {};
    }
}

QString EventLogModel::typeLabel(FleetEventType type) {
    switch (type) {
    case FleetEventType::Transition:
        return tr("transition");
    case FleetEventType::Control:
        return tr("control");
    case FleetEventType::Config:
        return tr("config");
    case FleetEventType::Fault:
        return tr("fault");
    case FleetEventType::Gap:
        return tr("gap");
    case FleetEventType::Connection:
        return tr("connection");
    }
    return QString();
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const titles[] = {"Time",   "Service", "Instance", "Type",
                                         "Policy", "Change",  "Details"};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace jimini
