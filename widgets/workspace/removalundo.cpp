// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/workspace/removalundo.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace jimini {

RemovalUndo::RemovalUndo(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(tr("&Undo"), this))
    , m_expiry(new QTimer(this)) {
    setObjectName(QStringLiteral("removalUndo"));
    m_button->setObjectName(QStringLiteral("undoRemoval"));
    m_button->setFlat(true);
    m_button->setAccessibleName(tr("Undo the removal"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_button);
    m_expiry->setSingleShot(true);
    m_expiry->setInterval(offerMs);
    connect(m_expiry, &QTimer::timeout, this, &RemovalUndo::expire);
    connect(m_button, &QPushButton::clicked, this, &RemovalUndo::undo);
    hide();
}

void RemovalUndo::offer(const QList<ServiceEndpoint>& endpoints) {
    expire();
    m_endpoints = endpoints;
    if (endpoints.isEmpty()) {
        withdraw();
        return;
    }
    m_label->setText(endpoints.size() == 1 ? tr("Removed %1").arg(endpoints.front().id())
                                           : tr("Removed %1 instances").arg(endpoints.size()));
    QStringList ids;
    for (const ServiceEndpoint& endpoint : endpoints)
        ids << endpoint.id();
    m_label->setToolTip(ids.join(QLatin1Char('\n')));
    m_expiry->start();
    show();
}

QString RemovalUndo::text() const {
    return isHidden() ? QString() : m_label->text();
}

void RemovalUndo::undo() {
    const QList<ServiceEndpoint> endpoints = m_endpoints;
    withdraw();
    if (!endpoints.isEmpty())
        emit restoreRequested(endpoints);
}

void RemovalUndo::expire() {
    const QList<ServiceEndpoint> endpoints = m_endpoints;
    withdraw();
    if (!endpoints.isEmpty())
        emit released(endpoints);
}

void RemovalUndo::withdraw() {
    m_expiry->stop();
    m_endpoints.clear();
    hide();
}

} // namespace jimini
