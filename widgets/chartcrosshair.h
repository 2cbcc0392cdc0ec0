// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QRectF>
#include <QString>

#include <functional>

class QChart;
class QChartView;
class QGraphicsLineItem;
class QLabel;

namespace jimini {

// The hover read-out of a chart: a vertical line under the cursor across the plot area and, beside it,
// the time and every series' value there (what a text provider writes for an x). Hidden when the cursor
// leaves the plot area or the view.
class ChartCrosshair final : public QObject {
    Q_OBJECT
public:
    using TextAt = std::function<QString(double x)>; // empty: nothing to show at x
    using Range = std::function<QRectF()>;           // the x range shown: left and width

    ChartCrosshair(QChartView* view, QChart* chart, TextAt text, Range range);
    ~ChartCrosshair() override;

    bool isShown() const;
    QString text() const; // what is shown; empty when hidden
    double x() const { return m_x; }
    void hide();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showAt(const QPointF& viewportPos);

    QPointer<QChartView> m_view;
    QChart* m_chart;
    TextAt m_text;
    Range m_range;
    QGraphicsLineItem* m_line = nullptr; // owned by the chart
    QPointer<QLabel> m_label;            // a child of the viewport
    double m_x = 0;
};

} // namespace jimini
