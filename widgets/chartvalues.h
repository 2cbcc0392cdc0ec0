// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QString>
#include <QVector>

#include <optional>

namespace jimini {

// Reading a chart's series back at one time, for the crosshair: what a line says at x, and how a value
// and a time are written there.
class ChartValues {
public:
    // The value of the line's last point at or before x: a point holds until the next one, a gap
    // (ChartAdapter::gap) ends it, and after the last point it holds for three of the spacings before it
    // (the rule HealthCharts draws gaps by). Empty where nothing is known.
    static std::optional<double> lineValueAt(const QVector<QPointF>& points, double x);
    // The thickness of a band (upper minus lower) at x; empty where it is flat or unknown (a stacked
    // band of a kind not reported is drawn flat: a dash, not a claimed 0).
    static std::optional<double> bandValueAt(const QVector<QPointF>& upper, const QVector<QPointF>& lower,
                                             double x);
    // True when x falls in one of the band's rectangles (runs of four points: t0 base, t0 top, t1 top,
    // t1 base), as the breaker band draws them; rowTop/rowBottom bound the rectangles looked at.
    static bool rectanglesCover(const QVector<QPointF>& upper, double x, double rowBottom, double rowTop);

    // Up to four significant digits, never in exponent form ("30000", "12.5", "0.25").
    static QString valueText(double value);
    static QString unknownText(); // the dash
    // Local time as the axis shows it, with seconds, and the date when withDate.
    static QString timeText(double x, bool withDate);
};

} // namespace jimini
