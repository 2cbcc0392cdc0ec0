// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetview.h"

#include "fleetdelegate.h"
#include "fleetemptyhint.h"
#include "fleetmodel.h"
#include "fleetproxymodel.h"
#include "widgets/breakerlamp.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace jimini {

FleetView::FleetView(FleetModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new FleetProxyModel(this))
    , m_tree(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_environment(new QComboBox(this)) {
    setAccessibleName(tr("Fleet overview"));
    m_proxy->setSourceModel(model);

    m_filter->setPlaceholderText(tr("Filter services and instances (Ctrl+F in the fleet)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter text"));
    m_filter->setAccessibleDescription(
        tr("Shows instances whose service, name, URL or environment contain the text"));

    using SF = FleetProxyModel::StateFilter;
    for (SF filter : {SF::Any, SF::Healthy, SF::Degraded, SF::Critical, SF::Stale, SF::Failing, SF::Trouble,
                      SF::BreakerNotClosed}) {
        QIcon icon;
        if (filter == SF::Healthy || filter == SF::Degraded || filter == SF::Critical)
            icon = healthIcon(HealthLevel(int(filter) - int(SF::Healthy)));
        else if (filter == SF::Stale)
            icon = staleIcon();
        else if (filter == SF::Failing)
            icon = failingIcon();
        else if (filter == SF::BreakerNotClosed)
            icon = breakerIcon(BreakerLamp::Open);
        m_state->addItem(icon, FleetProxyModel::stateFilterName(filter), int(filter));
    }
    m_state->setAccessibleName(tr("State filter"));
    // Every entry whole, in the box and in its list, however narrow the window.
    m_state->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_state->setSizePolicy(QSizePolicy::Fixed, m_state->sizePolicy().verticalPolicy());
    int widest = 0;
    for (int i = 0; i < m_state->count(); ++i)
        widest = std::max(widest, m_state->fontMetrics().horizontalAdvance(m_state->itemText(i)));
    m_state->view()->setMinimumWidth(
        widest + m_state->iconSize().width() +
        4 * style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, this) + 16);
    m_environment->setAccessibleName(tr("Environment filter"));
    updateEnvironments(model->environments());

    auto* stateLabel = new QLabel(tr("&State:"), this);
    stateLabel->setBuddy(m_state);
    auto* environmentLabel = new QLabel(tr("&Environment:"), this);
    environmentLabel->setBuddy(m_environment);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(stateLabel);
    bar->addWidget(m_state);
    bar->addWidget(environmentLabel);
    bar->addWidget(m_environment);

    m_tree->setAccessibleName(tr("Fleet"));
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegate(new FleetDelegate(m_tree));
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(FleetColumn::Name, Qt::AscendingOrder);
    m_tree->setUniformRowHeights(true); // row heights are never measured per row: cheap with thousands
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection); // breaker actions on several at once
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionsMovable(true);
    // Error rate and p95 are wide enough for a group's "worst 85.6 % · overall 28.0 %".
    const int widths[] = {220, 210, 160, 215, 90, 120, 100, 100, 90};
    for (int c = 0; c < FleetColumn::Count; ++c)
        m_tree->setColumnWidth(c, widths[c]);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);

    m_emptyHint = new FleetEmptyHint(m_proxy, m_tree);
    // A filter that still matches nothing changes no rows: the hint is told.
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterText(text);
        m_emptyHint->update();
    });
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStateFilter(SF(m_state->currentData().toInt()));
        m_emptyHint->update();
    });
    connect(m_environment, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setEnvironmentFilter(m_environment->currentData().toString());
        m_emptyHint->update();
    });
    connect(model, &FleetModel::environmentsChanged, this, &FleetView::updateEnvironments);
    // New groups open expanded: the instances are the point of the view.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex& parent, int first, int last) {
                if (parent.isValid())
                    return;
                for (int row = first; row <= last; ++row)
                    m_tree->expand(m_proxy->index(row, 0));
            });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, m_tree, &QTreeView::expandAll);
    connect(m_proxy, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_tree, &QAbstractItemView::activated, this, &FleetView::activate);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                emit currentInstanceChanged(current.data(FleetRole::EndpointId).toString());
            });

    // Only while the keyboard is in this pane: the event log has a Ctrl+F of its own.
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    find->setWhatsThis(tr("Filter the fleet (when the fleet has the keyboard)"));
    connect(find, &QShortcut::activated, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    // Escape in the filter gives the keyboard back to the list.
    auto* back = new QShortcut(QKeySequence(Qt::Key_Escape), m_filter);
    back->setContext(Qt::WidgetShortcut);
    back->setWhatsThis(tr("Clear the fleet filter and go back to the list"));
    connect(back, &QShortcut::activated, this, [this] {
        m_filter->clear();
        m_tree->setFocus(Qt::ShortcutFocusReason);
    });
    m_tree->expandAll();
}

QString FleetView::currentEndpointId() const {
    return m_tree->currentIndex().data(FleetRole::EndpointId).toString();
}

QStringList FleetView::selectedEndpointIds() const {
    QStringList ids;
    const auto add = [&ids](const QString& id) {
        if (!id.isEmpty() && !ids.contains(id))
            ids << id;
    };
    for (const QModelIndex& selected : m_tree->selectionModel()->selectedRows()) {
        if (!selected.data(FleetRole::IsGroup).toBool()) {
            add(selected.data(FleetRole::EndpointId).toString());
            continue;
        }
        // Every instance of the service, the ones the filter hides included.
        const QModelIndex group = m_proxy->mapToSource(selected);
        for (int row = 0; row < m_model->rowCount(group); ++row)
            add(m_model->index(row, 0, group).data(FleetRole::EndpointId).toString());
    }
    return ids;
}

void FleetView::selectEndpoint(const QString& endpointId) {
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(endpointId));
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

QSize FleetView::sizeHint() const {
    const int frame = 2 * m_tree->frameWidth();
    const int scrollBar = m_tree->verticalScrollBar()->sizeHint().width();
    const int width = std::max(m_tree->header()->length() + frame + scrollBar, layout()->sizeHint().width());
    return {width, QWidget::sizeHint().height()};
}

QByteArray FleetView::saveState() const {
    return m_tree->header()->saveState();
}

bool FleetView::restoreState(const QByteArray& state) {
    return m_tree->header()->restoreState(state);
}

void FleetView::updateEnvironments(const QStringList& environments) {
    const QString current = m_environment->currentData().toString();
    const QSignalBlocker blocker(m_environment);
    m_environment->clear();
    m_environment->addItem(tr("All environments"), QString());
    for (const QString& environment : environments)
        m_environment->addItem(environment, environment);
    const int keep = m_environment->findData(current);
    m_environment->setCurrentIndex(keep >= 0 ? keep : 0);
    if (keep < 0 && !current.isEmpty())
        m_proxy->setEnvironmentFilter(QString());
}

void FleetView::activate(const QModelIndex& proxyIndex) {
    if (proxyIndex.data(FleetRole::IsGroup).toBool()) {
        const QModelIndex first = proxyIndex.siblingAtColumn(0);
        m_tree->setExpanded(first, !m_tree->isExpanded(first));
        return;
    }
    const QString id = proxyIndex.data(FleetRole::EndpointId).toString();
    if (!id.isEmpty())
        emit instanceActivated(id);
}

} // namespace jimini
