// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakerlamp.h"

#include "palette.h"

#include "health/healthnames.h"

#include <QCoreApplication>

#include <QIcon>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QSvgRenderer>

// Q_INIT_RESOURCE must be called from the global namespace; the resources live in a static library
// whose initialiser the linker would otherwise drop.
static void jiminiInitIconResources() {
    static const bool done = [] {
        Q_INIT_RESOURCE(icons);
        return true;
    }();
    (void)done;
}

namespace jimini {

namespace {
QString lampTr(const char* text) {
    return QCoreApplication::translate("jimini::BreakerLamp", text);
}
} // namespace

BreakerLamp breakerLampFromState(std::optional<BreakerState> state) {
    if (!state)
        return BreakerLamp::Off;
    switch (*state) {
    case BreakerState::Closed:
        return BreakerLamp::Closed;
    case BreakerState::Open:
        return BreakerLamp::Open;
    case BreakerState::HalfOpen:
        return BreakerLamp::HalfOpen;
    case BreakerState::Isolated:
        return BreakerLamp::Isolated;
    case BreakerState::Disabled:
        return BreakerLamp::Disabled;
    }
    return BreakerLamp::Off;
}

QString breakerLampName(BreakerLamp lamp) {
    switch (lamp) {
    case BreakerLamp::Closed:
        return lampTr("closed");
    case BreakerLamp::HalfOpen:
        return lampTr("half-open");
    case BreakerLamp::Open:
        return lampTr("open");
    case BreakerLamp::Isolated:
        return lampTr("isolated");
    case BreakerLamp::Disabled:
        return lampTr("disabled");
    case BreakerLamp::Off:
        break;
    }
    return lampTr("off");
}

int breakerLampSeverity(BreakerLamp lamp) {
    switch (lamp) {
    case BreakerLamp::Open:
        return 5;
    case BreakerLamp::Isolated:
        return 4;
    case BreakerLamp::HalfOpen:
        return 3;
    case BreakerLamp::Disabled:
        return 2;
    case BreakerLamp::Closed:
        return 1;
    case BreakerLamp::Off:
        break;
    }
    return 0;
}

void paintBreakerLamp(QPainter* painter, const QRectF& rect, BreakerLamp lamp, bool dark) {
    const QColor color = Palette::breakerColor(lamp, dark);
    const qreal side = std::min(rect.width(), rect.height()) - 2;
    const QRectF box(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    switch (lamp) {
    case BreakerLamp::Closed:
        painter->setPen(QPen(color.darker(130), 1));
        painter->setBrush(color);
        painter->drawEllipse(box);
        break;
    case BreakerLamp::HalfOpen: {
        painter->setPen(QPen(color, 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(box);
        QPainterPath half;
        half.moveTo(box.center());
        half.arcTo(box, 90, 180);
        half.closeSubpath();
        painter->fillPath(half, color);
        break;
    }
    case BreakerLamp::Open: {
        painter->setPen(QPen(color, 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(box.adjusted(1, 1, -1, -1));
        const QRectF cross = box.adjusted(side * 0.3, side * 0.3, -side * 0.3, -side * 0.3);
        painter->drawLine(cross.topLeft(), cross.bottomRight());
        painter->drawLine(cross.topRight(), cross.bottomLeft());
        break;
    }
    case BreakerLamp::Isolated:
        painter->setPen(QPen(color.darker(130), 1));
        painter->setBrush(color);
        painter->drawRect(box.adjusted(1, 1, -1, -1));
        break;
    case BreakerLamp::Disabled: {
        QPen pen(color, 2);
        pen.setDashPattern({1.5, 1.5});
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(box.adjusted(1, 1, -1, -1));
        break;
    }
    case BreakerLamp::Off:
        painter->setPen(QPen(color, 1));
        painter->drawLine(QPointF(box.left() + 2, box.center().y()),
                          QPointF(box.right() - 2, box.center().y()));
        break;
    }
    painter->restore();
}

QString healthLevelName(HealthLevel level) {
    switch (level) {
    case HealthLevel::Healthy:
        return lampTr("healthy");
    case HealthLevel::Degraded:
        return lampTr("degraded");
    case HealthLevel::Critical:
        return lampTr("critical");
    }
    return QString();
}

// Rendered by QSvgRenderer rather than through the SVG icon-engine plugin, which may not be deployed.
static QIcon svgIcon(const QString& name) {
    jiminiInitIconResources();
    QSvgRenderer renderer(QStringLiteral(":/icons/%1.svg").arg(name));
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon breakerIcon(BreakerLamp lamp) {
    switch (lamp) {
    case BreakerLamp::Closed:
        return svgIcon(QStringLiteral("breaker-closed"));
    case BreakerLamp::HalfOpen:
        return svgIcon(QStringLiteral("breaker-half-open"));
    case BreakerLamp::Open:
        return svgIcon(QStringLiteral("breaker-open"));
    case BreakerLamp::Isolated:
        return svgIcon(QStringLiteral("breaker-isolated"));
    case BreakerLamp::Disabled:
        return svgIcon(QStringLiteral("breaker-disabled"));
    case BreakerLamp::Off:
        break;
    }
    return QIcon();
}

QIcon healthIcon(HealthLevel level) {
    return svgIcon(QStringLiteral("health-") + toString(level)); // resource names: the protocol's
}

QIcon staleIcon() {
    return svgIcon(QStringLiteral("health-stale"));
}

QIcon failingIcon() {
    return svgIcon(QStringLiteral("health-failing"));
}

} // namespace jimini
