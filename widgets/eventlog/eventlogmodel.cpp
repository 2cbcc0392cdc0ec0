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

// A pushed config's before and after may be whole documents: the column shows their start, on one line.
QString elided(const QString& text) {
    constexpr qsizetype shown = 60;
    QString line = text.simplified();
    return line.size() <= shown ? line : line.left(shown) + QStringLiteral("\u2026");
}
} // namespace

EventLogModel::EventLogModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void EventLogModel::append(const QVector<FleetEvent>& events) {
    std::vector<Row> rows;
    rows.reserve(size_t(events.size()));
    for (const FleetEvent& e : events)
        rows.push_back({e, std::nullopt});
    appendRows(std::move(rows));
}

void EventLogModel::appendAudit(const QList<AuditRecord>& records) {
    std::vector<Row> rows;
    rows.reserve(size_t(records.size()));
    for (const AuditRecord& r : records) {
        FleetEvent e;
        e.endpointId = r.entry.targets.size() == 1 ? r.entry.targets.front() : QString();
        e.service = r.entry.service;
        e.time = QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC);
        // Filtered with the services' own records of the same kind: a config push beside their config
        // events, breaker and rollout actions beside their control actions.
        e.type = r.entry.action.startsWith(QLatin1String("config.")) ? FleetEventType::Config
                                                                     : FleetEventType::Control;
        e.policy = r.entry.policy;
        e.reason = r.entry.reason;
        e.actor = r.operatorName;
        rows.push_back({std::move(e), r});
    }
    appendRows(std::move(rows));
}

const AuditRecord* EventLogModel::auditRecord(int row) const {
    const auto& audit = m_events[size_t(row)].audit;
    return audit ? &*audit : nullptr;
}

void EventLogModel::appendRows(std::vector<Row> rows) {
    if (rows.empty())
        return;
    // Of a batch larger than the log only its newest part can stay.
    const qsizetype skip = std::max<qsizetype>(0, qsizetype(rows.size()) - m_capacity);
    const int incoming = int(qsizetype(rows.size()) - skip);
    const int overflow = int(m_events.size()) + incoming - m_capacity;
    bool servicesChanged = false;
    if (overflow > 0) {
        const int before = int(m_services.size());
        dropOldest(overflow);
        servicesChanged = before != int(m_services.size());
    }
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (size_t i = size_t(skip); i < rows.size(); ++i) {
        servicesChanged |= countService(rows[i].event.service, +1);
        m_events.push_back(std::move(rows[i]));
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
        countService(m_events.front().event.service, -1);
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
    const Row& row = m_events[size_t(index.row())];
    const FleetEvent& e = row.event;
    switch (role) {
    case SourceRole:
        return row.audit ? QStringLiteral("console") : QStringLiteral("service");
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
        if (row.audit && index.column() == SourceColumn)
            return tr("Recorded by this console (or the jimini CLI) in its audit store, as %1")
                .arg(row.audit->operatorName);
        if (row.audit && index.column() == InstanceColumn)
            return row.audit->entry.targets.join(QLatin1Char('\n'));
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
    if (row.audit && index.column() != TimeColumn && index.column() != ServiceColumn &&
        index.column() != PolicyColumn)
        return auditData(row, index.column());
    switch (index.column()) {
    case TimeColumn:
        return e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    case SourceColumn:
        if (e.inferred)
            return tr("polls");
        return isAuditType(e.type) ? tr("service") : tr("connection");
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

QVariant EventLogModel::auditData(const Row& row, int column) const {
    const AuditRecord& r = *row.audit;
    const bool outcome = r.kind == AuditRecord::Kind::Outcome;
    switch (column) {
    case SourceColumn:
        return tr("console (%1)").arg(r.operatorName);
    case InstanceColumn:
        return r.entry.targets.size() == 1 ? r.entry.targets.front()
                                           : tr("%n instance(s)", nullptr, int(r.entry.targets.size()));
    case TypeColumn:
        if (!outcome)
            return tr("%1: sending").arg(r.entry.action);
        return r.ok.value_or(false) ? tr("%1: done").arg(r.entry.action)
                                    : tr("%1: failed").arg(r.entry.action);
    case ChangeColumn:
        if (r.entry.before.isEmpty() && r.entry.after.isEmpty())
            return QString();
        return elided(r.entry.before) + QStringLiteral(" \u2192 ") + elided(r.entry.after);
    case DetailColumn:
        return outcome ? r.detail : r.entry.reason;
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
    static const char* const titles[] = {"Time", "Source", "Service", "Instance",
                                         "Type", "Policy", "Change",  "Details"};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace jimini
