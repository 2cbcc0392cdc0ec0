// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventlogfilter.h"

#include "eventlogmodel.h"

namespace jimini {

EventLogFilter::EventLogFilter(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(EventLogModel::SortRole);
}

void EventLogFilter::setFilterText(const QString& text) {
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void EventLogFilter::setTypeFilter(const QString& type) {
    if (type == m_type)
        return;
    m_type = type;
    invalidateFilter();
}

void EventLogFilter::setServiceFilter(const QString& service) {
    if (service == m_service)
        return;
    m_service = service;
    invalidateFilter();
}

void EventLogFilter::setSourceFilter(const QString& source) {
    if (source == m_source)
        return;
    m_source = source;
    invalidateFilter();
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QAbstractItemModel* model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (m_type == QLatin1String("inferred")) {
        if (!first.data(EventLogModel::InferredRole).toBool())
            return false;
    } else if (!m_type.isEmpty() && first.data(EventLogModel::TypeRole).toString() != m_type) {
        return false;
    }
    if (!m_service.isEmpty() && first.data(EventLogModel::ServiceRole).toString() != m_service)
        return false;
    if (!m_source.isEmpty() && first.data(EventLogModel::SourceRole).toString() != m_source)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < EventLogModel::ColumnCount; ++column) {
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return first.data(EventLogModel::EndpointIdRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace jimini
