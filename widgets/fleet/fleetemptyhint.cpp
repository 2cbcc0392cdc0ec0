// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetemptyhint.h"

#include "fleetproxymodel.h"

#include <QAbstractItemView>
#include <QEvent>

namespace jimini {

FleetEmptyHint::FleetEmptyHint(FleetProxyModel* proxy, QAbstractItemView* view)
    : QLabel(view->viewport())
    , m_proxy(proxy)
    , m_view(view) {
    setObjectName(QStringLiteral("fleetEmptyHint"));
    setAccessibleName(tr("Empty fleet"));
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setForegroundRole(QPalette::PlaceholderText);
    setAttribute(Qt::WA_TransparentForMouseEvents); // clicks reach the view
    view->viewport()->installEventFilter(this);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy, signal, this, &FleetEmptyHint::update);
    connect(proxy, &QAbstractItemModel::modelReset, this, &FleetEmptyHint::update);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &FleetEmptyHint::update);
    // The source is told last (the proxy connected first): whether there are services at all is read
    // once the source has settled.
    if (QAbstractItemModel* source = proxy->sourceModel()) {
        for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(source, signal, this, &FleetEmptyHint::update);
        connect(source, &QAbstractItemModel::modelReset, this, &FleetEmptyHint::update);
    }
    update();
}

void FleetEmptyHint::update() {
    if (m_proxy->rowCount() > 0) {
        hide();
        return;
    }
    const QAbstractItemModel* source = m_proxy->sourceModel();
    if (!source || source->rowCount() == 0) {
        setText(tr("No services yet.\n\nAdd one with File › Add service (Ctrl+N), open a workspace "
                   "with File › Open workspace (Ctrl+O), or start the console with --demo to watch a demo "
                   "fleet."));
    } else {
        setText(tr("No service matches %1.\n\nClear the filter (Escape in the filter box, or its clear "
                   "button) and set State and Environment back to all to see every service.")
                    .arg(filterWords()));
    }
    place();
    show();
    raise();
}

QString FleetEmptyHint::filterWords() const {
    QStringList words;
    if (!m_proxy->filterText().isEmpty())
        words << QStringLiteral("'%1'").arg(m_proxy->filterText());
    if (m_proxy->stateFilter() != FleetProxyModel::StateFilter::Any)
        words << tr("state %1").arg(FleetProxyModel::stateFilterName(m_proxy->stateFilter()));
    if (!m_proxy->environmentFilter().isEmpty())
        words << tr("environment %1").arg(m_proxy->environmentFilter());
    return words.isEmpty() ? tr("the filter") : words.join(tr(" in "));
}

void FleetEmptyHint::place() {
    const QRect area = m_view->viewport()->rect();
    const int margin = 24;
    setGeometry(area.adjusted(margin, margin, -margin, -margin));
}

bool FleetEmptyHint::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        place();
    return QLabel::eventFilter(watched, event);
}

} // namespace jimini
