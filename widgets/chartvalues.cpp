// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartvalues.h"

#include "chartadapter.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace jimini {

std::optional<double> ChartValues::lineValueAt(const QVector<QPointF>& points, double x) {
    const auto after = std::upper_bound(points.begin(), points.end(), x,
                                        [](double value, const QPointF& p) { return value < p.x(); });
    if (after == points.begin())
        return std::nullopt;
    const auto at = after - 1;
    if (ChartAdapter::isGap(*at))
        return std::nullopt;
    if (after == points.end()) {
        // The line ends here: past three of its last spacings the source has stopped saying anything.
        const bool spaced = at != points.begin() && !ChartAdapter::isGap(*(at - 1));
        const double spacing = spaced ? at->x() - (at - 1)->x() : 0;
        if (x - at->x() > 3 * spacing)
            return std::nullopt;
    }
    return at->y();
}

std::optional<double> ChartValues::bandValueAt(const QVector<QPointF>& upper, const QVector<QPointF>& lower,
                                               double x) {
    const std::optional<double> top = lineValueAt(upper, x);
    const std::optional<double> base = lineValueAt(lower, x);
    if (!top || !base || !(*top - *base > 0))
        return std::nullopt;
    return *top - *base;
}

bool ChartValues::rectanglesCover(const QVector<QPointF>& upper, double x, double rowBottom, double rowTop) {
    for (qsizetype i = 0; i + 3 < upper.size(); i += 4) {
        const double base = upper[i].y();
        if (base >= rowBottom && base < rowTop && upper[i].x() <= x && x < upper[i + 2].x())
            return true;
    }
    return false;
}

QString ChartValues::valueText(double value) {
    const double magnitude = std::abs(value);
    if (magnitude >= 1000 || value == std::round(value))
        return QLocale().toString(value, 'f', 0);
    const int decimals = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4;
    QString text = QLocale().toString(value, 'f', decimals);
    // "12.500" reads as more precise than the figure is: trailing zeros go.
    const QChar point = QLocale().decimalPoint().front();
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(point))
        text.chop(1);
    return text;
}

QString ChartValues::unknownText() {
    return QStringLiteral("\u2014");
}

QString ChartValues::timeText(double x, bool withDate) {
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(std::floor(x)));
    return QLocale().toString(time,
                              withDate ? QStringLiteral("dd MMM HH:mm:ss") : QStringLiteral("HH:mm:ss"));
}

} // namespace jimini
