// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetproxymodel.h"

#include "fleettext.h"

#include "widgets/breakerlamp.h"

namespace jimini {

FleetProxyModel::FleetProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setRecursiveFilteringEnabled(true);
    setSortRole(FleetRole::Sort);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Rows change in place many times a second: re-sort and re-filter on value changes, like a live table.
    setDynamicSortFilter(true);
}

void FleetProxyModel::setFilterText(const QString& text) {
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void FleetProxyModel::setStateFilter(StateFilter filter) {
    if (filter == m_state)
        return;
    m_state = filter;
    invalidateFilter();
}

void FleetProxyModel::setEnvironmentFilter(const QString& environment) {
    if (environment == m_environment)
        return;
    m_environment = environment;
    invalidateFilter();
}

bool FleetProxyModel::isFiltering() const {
    return !m_text.isEmpty() || m_state != StateFilter::Any || !m_environment.isEmpty();
}

QString FleetProxyModel::stateFilterName(StateFilter filter) {
    switch (filter) {
    case StateFilter::Any:
        return tr("Any state");
    case StateFilter::Healthy:
        return tr("Healthy");
    case StateFilter::Degraded:
        return tr("Degraded");
    case StateFilter::Critical:
        return tr("Critical");
    case StateFilter::Stale:
        return tr("Stale");
    case StateFilter::Failing:
        return tr("Failing");
    case StateFilter::Trouble:
        return tr("Any trouble");
    case StateFilter::BreakerNotClosed:
        return tr("Breaker not closed");
    }
    return QString();
}

bool FleetProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    // Group rows are kept by the recursive filter when one of their instances matches.
    if (!sourceParent.isValid())
        return !isFiltering();
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_environment.isEmpty() && index.data(FleetRole::Environment).toString() != m_environment)
        return false;
    if (!stateMatches(index))
        return false;
    if (m_text.isEmpty())
        return true;
    // An instance whose service never said its name is found by the name its group shows.
    const QString service = index.data(FleetRole::Service).toString();
    if ((service.isEmpty() ? FleetText::unidentified() : service).contains(m_text, Qt::CaseInsensitive))
        return true;
    for (const int role : {int(FleetRole::EndpointId), int(FleetRole::Environment)}) {
        if (index.data(role).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return index.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool FleetProxyModel::stateMatches(const QModelIndex& index) const {
    const auto state = FleetState(index.data(FleetRole::State).toInt());
    switch (m_state) {
    case StateFilter::Any:
        return true;
    case StateFilter::Healthy:
        return state == FleetState::Healthy;
    case StateFilter::Degraded:
        return state == FleetState::Degraded;
    case StateFilter::Critical:
        return state == FleetState::Critical;
    case StateFilter::Stale:
        return state == FleetState::Stale;
    case StateFilter::Failing:
        return state == FleetState::Failing || state == FleetState::Connecting;
    case StateFilter::Trouble:
        return state != FleetState::Healthy;
    case StateFilter::BreakerNotClosed: {
        const QModelIndex breakers = index.siblingAtColumn(FleetColumn::Breakers);
        const auto lamps = breakers.data(FleetRole::Lamps).value<BreakerLampList>();
        return std::any_of(lamps.begin(), lamps.end(), [](const BreakerLampItem& item) {
            return item.lamp == BreakerLamp::Open || item.lamp == BreakerLamp::HalfOpen ||
                   item.lamp == BreakerLamp::Isolated;
        });
    }
    }
    return true;
}

} // namespace jimini
