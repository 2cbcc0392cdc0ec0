// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetroles.h"

#include <QSortFilterProxyModel>

namespace jimini {

// Sorts FleetModel by raw value (FleetRole::Sort) and filters instances by text, state and environment.
// Filtering is recursive: a group stays as long as one of its instances matches, so a match never loses
// its service heading.
class FleetProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StateFilter : int {
        Any,
        Healthy,
        Degraded,
        Critical,
        Stale,
        Failing,
        Trouble,
        BreakerNotClosed
    };
    Q_ENUM(StateFilter)

    explicit FleetProxyModel(QObject* parent = nullptr);

    void setFilterText(const QString& text); // substring of service, instance, URL or environment
    void setStateFilter(StateFilter filter);
    void setEnvironmentFilter(const QString& environment); // empty: any
    QString filterText() const { return m_text; }
    StateFilter stateFilter() const { return m_state; }
    QString environmentFilter() const { return m_environment; }
    bool isFiltering() const;

    static QString stateFilterName(StateFilter filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool stateMatches(const QModelIndex& index) const;

    QString m_text;
    StateFilter m_state = StateFilter::Any;
    QString m_environment;
};

} // namespace jimini
