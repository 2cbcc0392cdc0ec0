// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetdelegate.h"

#include "fleetroles.h"
#include "store/instancerow.h"
#include "widgets/breakerlamp.h"
#include "widgets/palette.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace jimini {

namespace {

bool isDark(const QStyleOptionViewItem& option) {
    return Palette::isDark(option.palette);
}

QColor textColor(const QStyleOptionViewItem& option, const QModelIndex& index) {
    if (option.state & QStyle::State_Selected)
        return option.palette.color(QPalette::HighlightedText);
    const QVariant foreground = index.data(Qt::ForegroundRole);
    return foreground.canConvert<QColor>() ? foreground.value<QColor>()
                                           : option.palette.color(QPalette::Text);
}

} // namespace

FleetDelegate::FleetDelegate(QObject* parent)
    : QStyledItemDelegate(parent) {}

void FleetDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const {
    switch (index.column()) {
    case FleetColumn::Health:
        paintHealth(painter, option, index);
        return;
    case FleetColumn::Breakers:
        if (!index.data(FleetRole::Lamps).value<BreakerLampList>().isEmpty()) {
            paintLamps(painter, option, index);
            return;
        }
        break;
    case FleetColumn::ErrorRate:
        if (!index.data(FleetRole::Sparkline).value<QVector<float>>().isEmpty()) {
            paintSparkline(painter, option, index);
            return;
        }
        break;
    default:
        break;
    }
    QStyledItemDelegate::paint(painter, option, index);
}

QSize FleetDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == FleetColumn::Breakers) {
        const auto lamps = index.data(FleetRole::Lamps).value<BreakerLampList>();
        if (!lamps.isEmpty())
            size.setWidth(int(lamps.size()) * (lampSize + lampSpacing) + lampSpacing);
    } else if (index.column() == FleetColumn::ErrorRate) {
        size.setWidth(size.width() + 70);
    } else if (index.column() == FleetColumn::Health) {
        size.setWidth(size.width() + lampSize + 2 * lampSpacing);
    }
    size.setHeight(std::max(size.height(), lampSize + 6));
    return size;
}

void FleetDelegate::paintBackground(QPainter* painter, const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

void FleetDelegate::paintHealth(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    paintBackground(painter, option, index);
    const auto state = FleetState(index.data(FleetRole::State).toInt());
    const bool dark = isDark(option);
    const bool known =
        state == FleetState::Healthy || state == FleetState::Degraded || state == FleetState::Critical;
    const QColor color =
        known ? Palette::healthColor(HealthLevel(int(state)), dark) : Palette::staleColor(dark);
    const QRectF badge(option.rect.left() + lampSpacing, option.rect.center().y() - lampSize / 2.0 + 1,
                       lampSize - 2, lampSize - 2);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    // A shape per level too, as the SVG icons: circle, triangle, octagon; a ring when nothing is known.
    if (state == FleetState::Healthy) {
        painter->drawEllipse(badge);
    } else if (state == FleetState::Degraded) {
        painter->drawPolygon(
            QPolygonF({QPointF(badge.center().x(), badge.top()), badge.bottomRight(), badge.bottomLeft()}));
    } else if (state == FleetState::Critical) {
        const qreal c = badge.width() * 0.3;
        painter->drawPolygon(
            QPolygonF({badge.topLeft() + QPointF(c, 0), badge.topRight() - QPointF(c, 0),
                       badge.topRight() + QPointF(0, c), badge.bottomRight() - QPointF(0, c),
                       badge.bottomRight() - QPointF(c, 0), badge.bottomLeft() + QPointF(c, 0),
                       badge.bottomLeft() - QPointF(0, c), badge.topLeft() + QPointF(0, c)}));
    } else {
        // Unknown: a ring, with a clock hand when stale and a slash when failing (as their icons).
        const QRectF ring = badge.adjusted(1, 1, -1, -1);
        painter->setPen(QPen(color, 1.5, Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(ring);
        const qreal r = ring.width() / 2;
        if (state == FleetState::Stale)
            painter->drawPolyline(QPolygonF({ring.center() - QPointF(0, r * 0.6), ring.center(),
                                             ring.center() + QPointF(r * 0.45, r * 0.3)}));
        else if (state == FleetState::Failing)
            painter->drawLine(ring.center() + QPointF(-r * 0.7, r * 0.7),
                              ring.center() + QPointF(r * 0.7, -r * 0.7));
    }
    painter->setPen(textColor(option, index));
    painter->setFont(option.font);
    const QVariant font = index.data(Qt::FontRole);
    if (font.canConvert<QFont>())
        painter->setFont(font.value<QFont>());
    const QRect textRect = option.rect.adjusted(lampSize + 2 * lampSpacing, 0, -lampSpacing, 0);
    const QString text = option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                                       textRect.width());
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, text);
    painter->restore();
}

void FleetDelegate::paintLamps(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const {
    paintBackground(painter, option, index);
    const auto lamps = index.data(FleetRole::Lamps).value<BreakerLampList>();
    const bool dark = isDark(option);
    qreal x = option.rect.left() + lampSpacing;
    for (const BreakerLampItem& item : lamps) {
        if (x + lampSize > option.rect.right())
            break;
        paintBreakerLamp(painter,
                         QRectF(x, option.rect.center().y() - lampSize / 2.0 + 1, lampSize, lampSize),
                         item.lamp, dark);
        x += lampSize + lampSpacing;
    }
}

void FleetDelegate::paintSparkline(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const {
    paintBackground(painter, option, index);
    const QString text = index.data(Qt::DisplayRole).toString();
    const int textWidth = option.fontMetrics.horizontalAdvance(text) + lampSpacing;
    painter->save();
    painter->setPen(textColor(option, index));
    painter->drawText(option.rect.adjusted(0, 0, -lampSpacing, 0), Qt::AlignRight | Qt::AlignVCenter, text);
    const QRectF area = QRectF(option.rect).adjusted(lampSpacing, 3, -textWidth - lampSpacing, -3);
    const auto points = index.data(FleetRole::Sparkline).value<QVector<float>>();
    if (area.width() > 8 && points.size() > 1) {
        // Error rates are 0..1; scale to the larger of the peak and 10 % so a quiet line stays flat.
        float peak = 0.1f;
        for (float v : points)
            peak = std::max(peak, v);
        // A second with nothing known (InstanceRow::sparklineGap) is a gap in the line, not a 0.
        QPainterPath path;
        bool drawing = false;
        for (qsizetype i = 0; i < points.size(); ++i) {
            if (points[i] == InstanceRow::sparklineGap) {
                drawing = false;
                continue;
            }
            const QPointF p(area.left() + area.width() * qreal(i) / qreal(points.size() - 1),
                            area.bottom() - area.height() * qreal(std::clamp(points[i], 0.f, peak) / peak));
            if (!drawing)
                path.moveTo(p);
            else
                path.lineTo(p);
            drawing = true;
        }
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(Palette::sparklineColor(isDark(option)), 1.2));
        painter->drawPath(path);
    }
    painter->restore();
}

} // namespace jimini
