// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertspanel.h"

#include "alertsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace jimini {

AlertsPanel::AlertsPanel(AlertsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_tree(new QTreeView(this))
    , m_summary(new QLabel(this))
    , m_acknowledge(new QPushButton(tr("&Acknowledge"), this))
    , m_acknowledgeAll(new QPushButton(tr("Acknowledge a&ll"), this))
    , m_clearResolved(new QPushButton(tr("Clear &resolved"), this)) {
    setAccessibleName(tr("Alerts"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(AlertsModel::SortRole);
    m_tree->setModel(m_proxy);
    m_tree->setAccessibleName(tr("Alerts list"));
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(AlertsModel::SinceColumn, Qt::DescendingOrder);
    m_tree->header()->resizeSection(AlertsModel::LevelColumn, 90);
    m_tree->header()->resizeSection(AlertsModel::SourceColumn, 180);
    m_tree->header()->resizeSection(AlertsModel::MessageColumn, 280);
    m_acknowledge->setAccessibleName(tr("Acknowledge selected alerts"));
    m_acknowledgeAll->setAccessibleName(tr("Acknowledge all alerts"));
    m_clearResolved->setAccessibleName(tr("Clear resolved alerts"));
    m_summary->setAccessibleName(tr("Alert summary"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_acknowledge);
    bar->addWidget(m_acknowledgeAll);
    bar->addWidget(m_clearResolved);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);

    connect(m_acknowledge, &QPushButton::clicked, this, &AlertsPanel::acknowledgeSelected);
    connect(m_acknowledgeAll, &QPushButton::clicked, model, &AlertsModel::acknowledgeAll);
    connect(m_clearResolved, &QPushButton::clicked, model, &AlertsModel::clearResolved);
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), m_tree);
    space->setContext(Qt::WidgetShortcut);
    space->setWhatsThis(tr("Acknowledge the selected alerts"));
    connect(space, &QShortcut::activated, this, &AlertsPanel::acknowledgeSelected);
    connect(m_tree, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        m_model->acknowledge(m_proxy->mapToSource(index).row());
        emit instanceActivated(index.data(AlertsModel::EndpointIdRole).toString());
    });
    connect(model, &AlertsModel::newAlert, this, &AlertsPanel::forward);
    connect(model, &AlertsModel::unacknowledgedCountChanged, this, &AlertsPanel::updateSummary);
    connect(model, &QAbstractItemModel::rowsInserted, this, &AlertsPanel::updateSummary);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &AlertsPanel::updateSummary);
    connect(model, &QAbstractItemModel::dataChanged, this, &AlertsPanel::updateSummary);
    updateSummary();
}

void AlertsPanel::acknowledgeSelected() {
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows)
        m_model->acknowledge(m_proxy->mapToSource(index).row());
}

void AlertsPanel::updateSummary() {
    const int fresh = m_model->unacknowledgedCount();
    const int unknown = m_model->unknownCount();
    m_summary->setText(
        unknown > 0 ? tr("%1 active, %2 unknown, %3 new").arg(m_model->activeCount()).arg(unknown).arg(fresh)
                    : tr("%1 active, %2 new").arg(m_model->activeCount()).arg(fresh));
    m_acknowledgeAll->setEnabled(fresh > 0);
}

void AlertsPanel::forward(const AlertEntry& entry) {
    const QString source =
        entry.instance.isEmpty() ? entry.service : entry.service + QStringLiteral(" / ") + entry.instance;
    const QString level = entry.alert.level == AlertLevel::Critical ? tr("Critical") : tr("Warning");
    emit newAlert(QStringLiteral("%1: %2").arg(level, source), entry.alert.message, entry.alert.level);
}

} // namespace jimini
