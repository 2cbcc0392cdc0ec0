// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartcrosshair.h"

#include <QEvent>
#include <QGraphicsLineItem>
#include <QLabel>
#include <QMouseEvent>
#include <QPen>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <algorithm>

namespace jimini {

ChartCrosshair::ChartCrosshair(QChartView* view, QChart* chart, TextAt text, Range range)
    : m_view(view)
    , m_chart(chart)
    , m_text(std::move(text))
    , m_range(std::move(range)) {
    m_line = new QGraphicsLineItem(m_chart);
    m_line->setZValue(1000); // above every series
    m_line->hide();
    m_label = new QLabel(view->viewport());
    m_label->setObjectName(QStringLiteral("chartCrosshair"));
    // The tooltip's colours: readable over any series, in either theme.
    m_label->setForegroundRole(QPalette::ToolTipText);
    m_label->setBackgroundRole(QPalette::ToolTipBase);
    m_label->setAutoFillBackground(true);
    m_label->setFrameShape(QFrame::Box);
    m_label->setMargin(3);
    m_label->setAttribute(Qt::WA_TransparentForMouseEvents); // the cursor keeps moving over the chart
    m_label->hide();
    view->viewport()->setMouseTracking(true);
    view->viewport()->installEventFilter(this);
}

ChartCrosshair::~ChartCrosshair() {
    if (m_view)
        m_view->viewport()->removeEventFilter(this);
}

bool ChartCrosshair::isShown() const {
    return m_label && m_label->isVisibleTo(m_view->viewport());
}

QString ChartCrosshair::text() const {
    return isShown() ? m_label->text() : QString();
}

void ChartCrosshair::hide() {
    m_line->hide();
    if (m_label)
        m_label->hide();
}

bool ChartCrosshair::eventFilter(QObject* watched, QEvent* event) {
    if (m_view && watched == m_view->viewport()) {
        if (event->type() == QEvent::MouseMove)
            showAt(static_cast<QMouseEvent*>(event)->position());
        else if (event->type() == QEvent::Leave || event->type() == QEvent::Hide)
            hide();
    }
    return QObject::eventFilter(watched, event);
}

void ChartCrosshair::showAt(const QPointF& viewportPos) {
    const QPointF pos = m_chart->mapFromScene(m_view->mapToScene(viewportPos.toPoint()));
    const QRectF plot = m_chart->plotArea();
    const QRectF range = m_range();
    if (!plot.contains(pos) || !(plot.width() > 0) || !(range.width() > 0)) {
        hide();
        return;
    }
    m_x = range.left() + (pos.x() - plot.left()) / plot.width() * range.width();
    const QString text = m_text(m_x);
    if (text.isEmpty()) {
        hide();
        return;
    }
    QColor colour = m_view->palette().color(QPalette::Text);
    colour.setAlpha(150);
    m_line->setPen(QPen(colour, 1, Qt::DashLine));
    m_line->setLine(pos.x(), plot.top(), pos.x(), plot.bottom());
    m_line->show();
    m_label->setText(text);
    m_label->adjustSize();
    // Beside the cursor, on the side with room, inside the view.
    const QSize size = m_label->size();
    const QRect area = m_view->viewport()->rect();
    int left = int(viewportPos.x()) + 12;
    if (left + size.width() > area.right())
        left = int(viewportPos.x()) - 12 - size.width();
    const int top =
        std::clamp(int(viewportPos.y()) - size.height() / 2, 0, std::max(0, area.bottom() - size.height()));
    m_label->move(std::max(0, left), top);
    m_label->show();
    m_label->raise();
}

} // namespace jimini
