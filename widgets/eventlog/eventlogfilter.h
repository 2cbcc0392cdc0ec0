// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace jimini {

// Filters EventLogModel by text (any column), event type, service and source ("console": the operator's
// own audit records; "service": everything else); empty means any. The type "inferred" keeps the
// transitions inferred from polls only.
class EventLogFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventLogFilter(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    void setTypeFilter(const QString& type);
    void setServiceFilter(const QString& service);
    void setSourceFilter(const QString& source);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_type;
    QString m_service;
    QString m_source;
};

} // namespace jimini
