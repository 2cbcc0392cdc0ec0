// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>

class QWidget;

namespace jimini {

// The only chart surface the views see. Qt Charts is deprecated after Qt 6.10, so the views talk to
// this and one implementation (QtChartsAdapter) knows Qt Charts; swapping the backend touches no view.
//
// x is wall-clock time in ms since the epoch, y a plain value. The caller owns the data: every frame it
// replaces whole series from its own buffers (never point by point) and then sets the range once.
// A point whose y is NaN (gap()) breaks a line: nothing is known there, so nothing is drawn.
class ChartAdapter {
public:
    virtual ~ChartAdapter() = default;

    // The break in a line between two points with nothing known between them.
    static QPointF gap(double x) { return {x, std::numeric_limits<double>::quiet_NaN()}; }
    static bool isGap(const QPointF& p) { return p.y() != p.y(); }

    // A line; returns its index for setSeries(). Limits and capacities are dashed: not colour alone.
    virtual int addLineSeries(const QString& name, const QColor& color,
                              Qt::PenStyle style = Qt::SolidLine) = 0;
    // A filled area between two lines (no outline); returns its index for setBand(). pattern: the fill's
    // brush style, so bands can be told apart without colour.
    virtual int addBandSeries(const QString& name, const QColor& color,
                              Qt::BrushStyle pattern = Qt::SolidPattern) = 0;
    virtual Qt::BrushStyle bandPattern(int index) const = 0;
    virtual void setSeriesColor(int index, const QColor& color) = 0; // e.g. when the palette changes
    // Drops every series (line and band), e.g. when the set of policies shown changes.
    virtual void clearSeries() = 0;
    virtual int seriesCount() const = 0;

    // Replaces the whole series when setRange() ends the frame (so the chart lays each series out once
    // per frame); the caller may refill its buffer after that.
    virtual void setSeries(int index, const QVector<QPointF>& points) = 0;
    virtual void setBand(int index, const QVector<QPointF>& upper, const QVector<QPointF>& lower) = 0;
    // Once per frame, after the series: ends the frame.
    virtual void setRange(double x0, double x1, double y0, double y1) = 0;

    virtual void setTitle(const QString& title) = 0;
    virtual QString title() const = 0;
    virtual void setYLabelFormat(const QString& format) = 0; // printf-like, e.g. "%.0f ms"
    // A logarithmic (base 10) value axis: setRange()'s y0 must then be above 0. A log axis cannot show 0:
    // a point at or below y0 (a zero latency) is drawn on the bottom edge, y0, while points() keeps what
    // was given; a gap stays a gap.
    virtual void setYLogarithmic(bool logarithmic) = 0;
    virtual bool yLogarithmic() const = 0;
    // The x axis' label format (QDateTime's): it shows the date once the range spans two calendar days.
    virtual QString xLabelFormat() const = 0;
    // Shown instead of axes and series when not empty (e.g. "No rate limiter in this policy").
    virtual void setPlaceholder(const QString& text) = 0;
    virtual QString placeholder() const = 0;
    // Named rows instead of a value axis (row i spans [i, i + 1)); empty returns to values.
    virtual void setYCategories(const QStringList& labels) = 0;
    virtual void setLegendVisible(bool visible) = 0;

    // What is shown, for tests and for text alternatives.
    virtual QVector<QPointF> points(int index) const = 0;
    virtual QVector<QPointF> bandLower(int index) const = 0; // points(index) is the upper line of a band
    virtual QString seriesName(int index) const = 0;
    virtual QRectF range() const = 0; // x0, y0, width, height as last set
    virtual bool usesOpenGL() const = 0;
    // What the crosshair shows at time x: the time, then one line per series with its value there, a dash
    // where nothing is known (a gap, before the first point, well after the last).
    virtual QString valuesAt(double x) const = 0;

    virtual QWidget* widget() = 0;
};

} // namespace jimini
