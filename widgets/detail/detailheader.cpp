// SPDX-License-Identifier: GPL-3.0-or-later
#include "detailheader.h"

#include "widgets/breakerlamp.h"
#include "widgets/manualstatetext.h"
#include "widgets/palette.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>

namespace jimini {

namespace {
// The view's words: one translation context for everything it shows.
QString headerTr(const char* text) {
    return QCoreApplication::translate("jimini::ServiceDetailView", text);
}
} // namespace

DetailHeader::DetailHeader(QWidget* owner, QHBoxLayout* header)
    : m_owner(owner)
    , m_service(new QLabel(owner))
    , m_instance(new QLabel(owner))
    , m_badge(new QLabel(owner))
    , m_lamps(new QHBoxLayout) {
    QFont big = m_service->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_service->setFont(big);
    m_service->setAccessibleName(headerTr("Service"));
    m_instance->setAccessibleName(headerTr("Instance and environment"));
    m_badge->setAccessibleName(headerTr("Health"));
    header->addWidget(m_service);
    header->addWidget(m_instance);
    header->addWidget(m_badge);
    m_lamps->setSpacing(2);
    header->addLayout(m_lamps);
}

void DetailHeader::show(const InstanceRow& row, const QDateTime& now) {
    showLamps(row, now);
    m_service->setText(row.service.isEmpty() ? row.endpointId : row.service);
    QString where = row.instance.isEmpty() ? row.endpointId : row.instance;
    if (!row.environment.isEmpty())
        where += QStringLiteral(" · ") + row.environment;
    m_instance->setText(where);

    const bool dark = Palette::isDark(m_owner->palette());
    QString text;
    QColor colour;
    if (row.stale) {
        text =
            headerTr("stale since %1").arg(row.lastSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        colour = Palette::staleColor(dark);
    } else if (!row.hasDocument) {
        text = row.reason.isEmpty() ? headerTr("no data yet") : row.reason;
        colour = Palette::staleColor(dark);
    } else {
        text = healthLevelName(row.level);
        colour = Palette::healthColor(row.level, dark);
    }
    m_badge->setText(text);
    m_badge->setAccessibleDescription(text);
    const QColor ink = colour.lightness() > 140 ? Qt::black : Qt::white;
    m_badge->setStyleSheet(QStringLiteral("QLabel{background:%1;color:%2;border-radius:3px;padding:1px 6px;}")
                               .arg(colour.name(), ink.name()));
}

void DetailHeader::showLamps(const InstanceRow& row, const QDateTime& now) {
    // Reused by position: a refresh must not recreate labels under the operator's pointer.
    while (m_lamps->count() > int(row.policies.size())) {
        QLayoutItem* item = m_lamps->takeAt(m_lamps->count() - 1);
        delete item->widget();
        delete item;
    }
    for (std::size_t i = 0; i < row.policies.size(); ++i) {
        const PolicyRow& policy = row.policies[i];
        if (m_lamps->count() <= int(i))
            m_lamps->addWidget(new QLabel(m_owner));
        auto* lamp = static_cast<QLabel*>(m_lamps->itemAt(int(i))->widget());
        const BreakerLamp state = breakerLampFromState(policy.breakerState);
        lamp->setObjectName(QStringLiteral("breakerLamp:") + policy.name);
        lamp->setPixmap(breakerIcon(state).pixmap(14, 14));
        const QString line = ManualStateText::lampLine(policy, now);
        lamp->setToolTip(line);
        lamp->setAccessibleName(headerTr("Breaker of %1").arg(policy.name));
        lamp->setAccessibleDescription(line);
    }
}

} // namespace jimini
