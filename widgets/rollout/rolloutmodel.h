// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace jimini {

class Rollout;

// The instances of a rollout, one row each, in push order (the canary first): the instance, its step,
// the figure that decided it (as the rollout worded it) and its address. Follows the rollout's signals.
class RolloutModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : int { InstanceColumn, StepColumn, FigureColumn, UrlColumn, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    // Null clears; the rollout must outlive its use here or be null.
    void setRollout(Rollout* rollout);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<Rollout> m_rollout;
};

} // namespace jimini
