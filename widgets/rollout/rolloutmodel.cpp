// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/rollout/rolloutmodel.h"

#include "control/rollout.h"

#include "widgets/palette.h"

#include <QBrush>

namespace jimini {

void RolloutModel::setRollout(Rollout* rollout) {
    beginResetModel();
    if (m_rollout)
        disconnect(m_rollout, nullptr, this, nullptr);
    m_rollout = rollout;
    if (rollout) {
        connect(rollout, &Rollout::instanceChanged, this,
                [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
    }
    endResetModel();
}

int RolloutModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_rollout ? 0 : int(m_rollout->instances().size());
}

int RolloutModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RolloutModel::data(const QModelIndex& index, int role) const {
    if (!m_rollout || !index.isValid() || index.row() >= m_rollout->instances().size())
        return {};
    const RolloutInstance& instance = m_rollout->instances()[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case InstanceColumn:
            return index.row() == 0 ? tr("%1 (canary)").arg(instance.name) : instance.name;
        case StepColumn:
            return rolloutStepName(instance.step);
        case FigureColumn:
            return instance.figure;
        case UrlColumn:
            return instance.endpoint.id();
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == StepColumn) {
        const bool dark = Palette::systemIsDark();
        if (instance.step == RolloutStep::Failed)
            return QBrush(Palette::healthColor(HealthLevel::Critical, dark));
        if (instance.step == RolloutStep::RolledBack)
            return QBrush(Palette::healthColor(HealthLevel::Degraded, dark));
        if (instance.step == RolloutStep::Done)
            return QBrush(Palette::healthColor(HealthLevel::Healthy, dark));
    }
    return {};
}

QVariant RolloutModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case InstanceColumn:
        return tr("Instance");
    case StepColumn:
        return tr("Step");
    case FigureColumn:
        return tr("Decided by");
    case UrlColumn:
        return tr("Address");
    default:
        return {};
    }
}

} // namespace jimini
