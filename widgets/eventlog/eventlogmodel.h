// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/auditrecord.h"
#include "net/fleetevent.h"

#include <QAbstractTableModel>
#include <QMap>

#include <deque>
#include <vector>

namespace jimini {

// The fleet's event log (breaker transitions, control actions, config, faults, connection changes),
// oldest first and bounded: past capacity the oldest events are dropped, one ranged removal per batch.
// Beside the services' own records it shows the operator's: the console's audit records (what was about to
// be sent, and what came of it), their Source "console" where the services' say "service".
// A transition inferred from two polls (a service that keeps no record) says so in its type, details and
// tooltip: it has no reason or actor, and its time is the second poll's.
class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        SourceColumn,
        ServiceColumn,
        InstanceColumn,
        TypeColumn,
        PolicyColumn,
        ChangeColumn,
        DetailColumn,
        ColumnCount
    };
    // TypeRole: the type's name (toString(FleetEventType)), what EventLogFilter compares.
    // SourceRole: "console" (an audit record of this console or the CLI) or "service" (the service's own
    // record, or one inferred from its polls).
    enum Role {
        SortRole = Qt::UserRole + 1,
        TypeRole,
        ServiceRole,
        EndpointIdRole,
        InferredRole,
        SourceRole
    };

    explicit EventLogModel(QObject* parent = nullptr);

    void append(const QVector<FleetEvent>& events);
    void appendAudit(const QList<AuditRecord>& records);
    void clear();
    void setCapacity(int capacity); // drops the oldest at once when lowered
    int capacity() const { return m_capacity; }
    const FleetEvent& event(int row) const { return m_events[size_t(row)].event; }
    // The audit record a row shows; null for the services' events.
    const AuditRecord* auditRecord(int row) const;
    QStringList services() const { return m_services.keys(); }
    // The translated label of a type, as the Type column and the view's filter show it.
    static QString typeLabel(FleetEventType type);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void servicesChanged(const QStringList& services);

private:
    struct Row {
        FleetEvent event;
        std::optional<AuditRecord> audit;
    };
    void appendRows(std::vector<Row> rows);
    void dropOldest(int count);
    QVariant auditData(const Row& row, int column) const;
    bool countService(const QString& service, int delta); // true when the set changed

    std::deque<Row> m_events;
    QMap<QString, int> m_services;
    int m_capacity = 10000;
};

} // namespace jimini
