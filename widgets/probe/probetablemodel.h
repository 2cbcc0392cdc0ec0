// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVector>

namespace jimini {

// One cell of a probe table: the text shown ("—" where the run has produced no such figure yet), the
// number behind it (invalid then), and what it covers.
struct ProbeCell {
    QString text;
    QVariant value;
    QString toolTip;
    friend bool operator==(const ProbeCell&, const ProbeCell&) = default;
};
using ProbeGrid = QVector<QVector<ProbeCell>>; // rows of cells, each row as wide as the headers

// A table of probe figures that is given its whole content each frame and tells its views only what
// changed: a ranged dataChanged per row for the run of columns that differ, rows inserted or removed at
// the end, and a reset only when the columns change. UI thread.
class ProbeTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int valueRole = Qt::UserRole; // the number behind a cell; invalid when none

    using QAbstractTableModel::QAbstractTableModel;

    // headers: the columns' titles; toolTips (optional, same length): what each column covers.
    void setColumns(const QStringList& headers, const QStringList& toolTips = {});
    // Rows wider or narrower than the headers are cut or padded with empty cells.
    void setRows(const ProbeGrid& rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The cell at (row, column); an empty one outside the table.
    ProbeCell cell(int row, int column) const;
    // The row whose first cell reads text; -1 when none.
    int rowOf(const QString& text) const;

private:
    QStringList m_headers;
    QStringList m_headerTips;
    ProbeGrid m_rows;
};

} // namespace jimini
