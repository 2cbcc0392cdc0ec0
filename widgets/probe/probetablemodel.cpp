// SPDX-License-Identifier: GPL-3.0-or-later
#include "probetablemodel.h"

namespace jimini {

void ProbeTableModel::setColumns(const QStringList& headers, const QStringList& toolTips) {
    if (headers == m_headers && toolTips == m_headerTips)
        return;
    beginResetModel();
    m_headers = headers;
    m_headerTips = toolTips;
    for (QVector<ProbeCell>& row : m_rows)
        row.resize(m_headers.size());
    endResetModel();
}

void ProbeTableModel::setRows(const ProbeGrid& rows) {
    const int columns = int(m_headers.size());
    const int kept = std::min(int(rows.size()), int(m_rows.size()));
    for (int r = 0; r < kept; ++r) {
        QVector<ProbeCell>& mine = m_rows[r];
        int first = -1;
        int last = -1;
        for (int c = 0; c < columns; ++c) {
            const ProbeCell given = c < rows[r].size() ? rows[r][c] : ProbeCell();
            if (mine[c] == given)
                continue;
            mine[c] = given;
            if (first < 0)
                first = c;
            last = c;
        }
        if (first >= 0)
            emit dataChanged(index(r, first), index(r, last));
    }
    if (rows.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(rows.size()) - 1);
        for (qsizetype r = m_rows.size(); r < rows.size(); ++r) {
            QVector<ProbeCell> row = rows[r];
            row.resize(columns);
            m_rows.append(row);
        }
        endInsertRows();
    } else if (rows.size() < m_rows.size()) {
        beginRemoveRows({}, int(rows.size()), int(m_rows.size()) - 1);
        m_rows.resize(rows.size());
        endRemoveRows();
    }
}

int ProbeTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProbeTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant ProbeTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProbeCell& c = m_rows[index.row()][index.column()];
    switch (role) {
    case Qt::DisplayRole:
        return c.text;
    case Qt::ToolTipRole:
        return c.toolTip.isEmpty() ? QVariant() : QVariant(c.toolTip);
    case Qt::TextAlignmentRole:
        return index.column() == 0 ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case valueRole:
        return c.value;
    default:
        return {};
    }
}

QVariant ProbeTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= m_headers.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_headers[section];
    if (role == Qt::ToolTipRole && section < m_headerTips.size())
        return m_headerTips[section];
    return {};
}

ProbeCell ProbeTableModel::cell(int row, int column) const {
    if (row < 0 || row >= m_rows.size() || column < 0 || column >= m_headers.size())
        return {};
    return m_rows[row][column];
}

int ProbeTableModel::rowOf(const QString& text) const {
    for (int r = 0; r < m_rows.size(); ++r)
        if (!m_rows[r].isEmpty() && m_rows[r][0].text == text)
            return r;
    return -1;
}

} // namespace jimini
