// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

class QAbstractAxis;
class QCategoryAxis;
class QChart;
class QDateTimeAxis;
class QLogValueAxis;
class QValueAxis;

namespace jimini {

// The axes of a QtChartsAdapter's chart: a date-time x axis and one of three y axes (linear values,
// base-10 logarithmic values, or named rows), swapped under the chart's series. Owns the y axes the
// chart does not show.
class QtChartsAxes {
public:
    explicit QtChartsAxes(QChart* chart);
    ~QtChartsAxes();
    QtChartsAxes(const QtChartsAxes&) = delete;
    QtChartsAxes& operator=(const QtChartsAxes&) = delete;

    QAbstractAxis* x() const;
    QAbstractAxis* y() const { return m_y; }
    bool logarithmic() const;
    bool categorical() const;
    QStringList rows() const; // the named rows, bottom first (empty unless categorical)

    // Sets the x range; the label format follows (seconds on short ranges, the date over midnight).
    void setTimeRange(double x0, double x1);
    QString timeFormat() const;
    void setYRange(double y0, double y1);

    // Each shows its axis under every series of the chart, at the y range given.
    void showValues(double y0, double y1);
    void showLogarithmic(double y0, double y1);
    void showRows(const QStringList& rows, double y0, double y1); // row i spans [i, i + 1)

    void setLabelFormat(const QString& format); // of the linear axis
    void setVisible(bool visible);
    void setColours(const QColor& text, const QColor& line, const QColor& grid);

private:
    void show(QAbstractAxis* next, double y0, double y1);

    QChart* m_chart;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_yValues = nullptr;
    QCategoryAxis* m_yCategories = nullptr;
    QLogValueAxis* m_yLog = nullptr;
    QAbstractAxis* m_y = nullptr; // whichever is shown
    QColor m_text, m_line, m_grid;
};

} // namespace jimini
