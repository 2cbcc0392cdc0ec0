// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventlogview.h"

#include "eventlogfilter.h"
#include "eventlogmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QTreeView>
#include <QVBoxLayout>

namespace jimini {

EventLogView::EventLogView(EventLogModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new EventLogFilter(this))
    , m_tree(new QTreeView(this))
    , m_text(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_service(new QComboBox(this))
    , m_source(new QComboBox(this)) {
    setAccessibleName(tr("Event log"));
    m_filter->setSourceModel(model);
    m_text->setPlaceholderText(tr("Filter events (Ctrl+F in the event log)"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Event filter text"));
    m_type->setAccessibleName(tr("Event type filter"));
    m_service->setAccessibleName(tr("Event service filter"));
    m_source->setAccessibleName(tr("Event source filter"));
    m_source->addItem(tr("All sources"), QString());
    m_source->addItem(tr("Console actions"), QStringLiteral("console"));
    m_source->addItem(tr("Services"), QStringLiteral("service"));
    m_source->setToolTip(
        tr("Console actions: this console's (and the jimini CLI's) audit records, each action "
           "before it was sent and with its result"));
    m_type->addItem(tr("All types"), QString());
    for (FleetEventType type : {FleetEventType::Transition, FleetEventType::Control, FleetEventType::Config,
                                FleetEventType::Fault, FleetEventType::Connection})
        m_type->addItem(EventLogModel::typeLabel(type), toString(type));
    m_type->addItem(tr("inferred from polls"), QStringLiteral("inferred"));
    updateServices(model->services());

    m_tree->setModel(m_filter);
    m_tree->setAccessibleName(tr("Events"));
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->resizeSection(EventLogModel::TimeColumn, 100);
    m_tree->header()->resizeSection(EventLogModel::ChangeColumn, 150);
    m_tree->header()->resizeSection(EventLogModel::SourceColumn, 110);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_text, 1);
    bar->addWidget(m_type);
    bar->addWidget(m_service);
    bar->addWidget(m_source);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);

    connect(m_text, &QLineEdit::textChanged, m_filter, &EventLogFilter::setFilterText);
    connect(m_type, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setTypeFilter(m_type->currentData().toString()); });
    connect(m_service, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setServiceFilter(m_service->currentData().toString()); });
    connect(m_source, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setSourceFilter(m_source->currentData().toString()); });
    connect(model, &EventLogModel::servicesChanged, this, &EventLogView::updateServices);
    QScrollBar* scroll = m_tree->verticalScrollBar();
    connect(scroll, &QScrollBar::valueChanged, this,
            [this, scroll](int value) { m_follow = value == scroll->maximum(); });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow)
            m_tree->scrollToBottom();
    });
    connect(m_tree, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        const QString id = index.data(EventLogModel::EndpointIdRole).toString();
        if (!id.isEmpty())
            emit instanceActivated(id);
    });
    // Only while the keyboard is in this pane: the fleet has a Ctrl+F of its own.
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    find->setWhatsThis(tr("Filter the events (when the event log has the keyboard)"));
    connect(find, &QShortcut::activated, this, [this] {
        m_text->setFocus(Qt::ShortcutFocusReason);
        m_text->selectAll();
    });
}

void EventLogView::updateServices(const QStringList& services) {
    const QString current = m_service->currentData().toString();
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_service->addItem(tr("All services"), QString());
    for (const QString& service : services)
        m_service->addItem(service, service);
    const int keep = m_service->findData(current);
    m_service->setCurrentIndex(keep >= 0 ? keep : 0);
    if (keep < 0)
        m_filter->setServiceFilter(QString());
}

} // namespace jimini
