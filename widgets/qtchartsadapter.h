// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chartadapter.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <memory>
#include <vector>

class QAbstractSeries;
class QAreaSeries;
class QChart;
class QChartView;
class QLabel;
class QLineSeries;

namespace jimini {

class ChartCrosshair;
class QtChartsAxes;

// ChartAdapter on Qt Charts: one QChartView, a date-time x axis and a value (linear, logarithmic or
// category) y axis, and a crosshair that reads every series' value under the cursor.
// Series are thinned to at most two points (lowest, highest) per pixel column before Qt Charts sees them.
// Software rendering unless JIMINI_CHARTS_OPENGL=1 (the GL path of Qt Charts draws lines only, breaks
// offscreen and in remote sessions); antialiased; colours follow the widget's palette, live.
class QtChartsAdapter final : public QObject, public ChartAdapter {
    Q_OBJECT
public:
    explicit QtChartsAdapter(QWidget* parent = nullptr);
    // Deletes the chart view only if no one has adopted it (a layout's parent owns it otherwise).
    ~QtChartsAdapter() override;

    int addLineSeries(const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine) override;
    int addBandSeries(const QString& name, const QColor& color,
                      Qt::BrushStyle pattern = Qt::SolidPattern) override;
    Qt::BrushStyle bandPattern(int index) const override;
    void setSeriesColor(int index, const QColor& color) override;
    void clearSeries() override;
    int seriesCount() const override;

    void setSeries(int index, const QVector<QPointF>& points) override;
    void setBand(int index, const QVector<QPointF>& upper, const QVector<QPointF>& lower) override;
    void setRange(double x0, double x1, double y0, double y1) override;

    QString title() const override;
    void setTitle(const QString& title) override;
    void setYLabelFormat(const QString& format) override;
    void setYCategories(const QStringList& labels) override;
    void setYLogarithmic(bool logarithmic) override;
    bool yLogarithmic() const override;
    QString xLabelFormat() const override;
    void setPlaceholder(const QString& text) override;
    QString placeholder() const override;
    void setLegendVisible(bool visible) override;

    QVector<QPointF> points(int index) const override;
    QVector<QPointF> bandLower(int index) const override;
    QString seriesName(int index) const override;
    QRectF range() const override;
    bool usesOpenGL() const override;
    QString valuesAt(double x) const override;

    QWidget* widget() override;
    ChartCrosshair* crosshair() const { return m_crosshair.get(); }

    // What the line was given to draw: points() thinned to at most two per pixel column of the view, its
    // segments (a gap splits a line into one QLineSeries per segment) joined by gap points.
    QVector<QPointF> drawnPoints(int index) const;
    int segmentCount(int index) const; // drawn segments of a line: 0 when it is empty

    // True when JIMINI_CHARTS_OPENGL=1 in the environment.
    static bool openGLRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Entry {
        QLineSeries* line = nullptr;        // the line (its first segment), or the band's upper edge
        std::vector<QLineSeries*> segments; // the line's further segments after gaps, no legend marker
        QLineSeries* lower = nullptr;
        QAreaSeries* area = nullptr;
        QColor color;
        Qt::BrushStyle pattern = Qt::SolidPattern;
        QVector<QPointF> pending; // set by setSeries(), given to the line by setRange()
        bool hasPending = false;
        QVector<QPointF> given;                // what the caller gave, for points()
        std::array<QVector<QPointF>, 2> drawn; // thinned copies, alternately shared with the line
        int drawnIndex = 0;
    };

    void attach(QAbstractSeries* series);
    const QVector<QPointF>& thinned(Entry& entry);
    QVector<QPointF> onLogFloor(const QVector<QPointF>& points) const;
    QString valueLine(const Entry& entry, double x) const;
    void draw(Entry& entry, const QVector<QPointF>& points);
    QLineSeries* segment(Entry& entry, std::size_t i);
    void applyPalette();

    QPointer<QChartView> m_view;
    const QObject* m_viewObject = nullptr;
    QChart* m_chart = nullptr;
    std::unique_ptr<QtChartsAxes> m_axes;
    QLabel* m_placeholder = nullptr;
    std::unique_ptr<ChartCrosshair> m_crosshair;
    bool m_legendVisible = true;
    std::vector<Entry> m_entries;
    QRectF m_range;
    int m_columns = 0;
    bool m_openGL = false;
};

} // namespace jimini
