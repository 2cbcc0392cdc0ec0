// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtchartsadapter.h"

#include <QDateTime>
#include <QEvent>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace jimini {

QtChartsAdapter::QtChartsAdapter(QWidget* parent)
    : m_openGL(openGLRequested()) {
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation); // animations would redraw between our frames
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);

    m_x = new QDateTimeAxis;
    m_x->setTickCount(5);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_yValues = new QValueAxis;
    m_yValues->setTickCount(5);
    m_yValues->setLabelFormat(QStringLiteral("%.3g"));
    m_chart->addAxis(m_yValues, Qt::AlignLeft);
    m_y = m_yValues;

    m_view = new QChartView(m_chart, parent); // takes the chart
    m_view->setRenderHint(QPainter::Antialiasing, true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_viewObject = m_view;
    m_view->installEventFilter(this);
    applyPalette();
}

QtChartsAdapter::~QtChartsAdapter() {
    // The y axis not shown is ours alone (the chart owns the one it shows).
    delete (m_y == m_yValues ? static_cast<QAbstractAxis*>(m_yCategories) : m_yValues);
    if (!m_view)
        return;
    m_view->removeEventFilter(this);
    if (!m_view->parent())
        delete m_view.data();
}

bool QtChartsAdapter::openGLRequested() {
    return qEnvironmentVariableIntValue("JIMINI_CHARTS_OPENGL") == 1;
}

void QtChartsAdapter::attach(QAbstractSeries* series) {
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
}

int QtChartsAdapter::addLineSeries(const QString& name, const QColor& color, Qt::PenStyle style) {
    Entry entry;
    entry.color = color;
    entry.line = new QLineSeries;
    entry.line->setName(name);
    QPen pen(color);
    pen.setWidthF(1.5);
    pen.setStyle(style);
    entry.line->setPen(pen);
    entry.line->setUseOpenGL(m_openGL);
    attach(entry.line);
    m_entries.push_back(entry);
    return int(m_entries.size()) - 1;
}

int QtChartsAdapter::addBandSeries(const QString& name, const QColor& color) {
    Entry entry;
    entry.color = color;
    entry.line = new QLineSeries;
    entry.lower = new QLineSeries;
    entry.area = new QAreaSeries(entry.line, entry.lower);
    entry.line->setParent(entry.area); // QAreaSeries does not own its edges
    entry.lower->setParent(entry.area);
    entry.area->setName(name);
    entry.area->setPen(Qt::NoPen); // a zero-height run must not leave a hairline
    entry.area->setBrush(color);
    attach(entry.area);
    m_entries.push_back(entry);
    return int(m_entries.size()) - 1;
}

void QtChartsAdapter::setSeriesColor(int index, const QColor& color) {
    Entry& entry = m_entries.at(std::size_t(index));
    entry.color = color;
    if (entry.area) {
        entry.area->setBrush(color);
        return;
    }
    QPen pen = entry.line->pen();
    pen.setColor(color);
    entry.line->setPen(pen);
    for (QLineSeries* s : entry.segments)
        s->setPen(pen);
}

void QtChartsAdapter::clearSeries() {
    m_chart->removeAllSeries(); // deletes them
    m_entries.clear();
}

int QtChartsAdapter::seriesCount() const {
    return int(m_entries.size());
}

void QtChartsAdapter::setSeries(int index, const QVector<QPointF>& points) {
    Q_ASSERT(index >= 0 && index < seriesCount() && !m_entries[std::size_t(index)].area);
    // Held (shared, not copied) until setRange() ends the frame.
    Entry& entry = m_entries[std::size_t(index)];
    entry.pending = points;
    entry.hasPending = true;
}

void QtChartsAdapter::setBand(int index, const QVector<QPointF>& upper, const QVector<QPointF>& lower) {
    Q_ASSERT(index >= 0 && index < seriesCount() && m_entries[std::size_t(index)].area);
    const Entry& entry = m_entries[std::size_t(index)];
    entry.lower->replace(lower);
    entry.line->replace(upper);
}

void QtChartsAdapter::applyTimeFormat(double spanMs) {
    // Seconds matter on a short range and are noise on a long one.
    const double threshold = 20 * 60 * 1000.0;
    if (m_timeFormatSpan >= 0 && (m_timeFormatSpan <= threshold) == (spanMs <= threshold))
        return;
    m_timeFormatSpan = spanMs;
    m_x->setFormat(spanMs <= threshold ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

void QtChartsAdapter::setRange(double x0, double x1, double y0, double y1) {
    const QRectF next(x0, y0, x1 - x0, y1 - y0);
    const bool xMoved = next.left() != m_range.left() || next.width() != m_range.width();
    const bool yMoved = next.top() != m_range.top() || next.height() != m_range.height();
    const int columns = std::max(1, m_view->width());
    const bool resample = xMoved || columns != m_columns; // the columns points are thinned to moved
    m_columns = columns;
    static const QList<QPointF> empty;
    for (Entry& entry : m_entries) {
        if (entry.area || (!resample && !entry.hasPending))
            continue;
        if (!entry.hasPending) {
            entry.pending = entry.given;
            entry.hasPending = true;
        }
        // Every axis change recomputes the geometry of every series (path and hit-test stroke), one axis
        // at a time: done over empty series it costs nothing, and each series is laid out once below.
        if (xMoved || yMoved) {
            entry.line->replace(empty);
            for (QLineSeries* s : entry.segments)
                s->replace(empty);
        }
    }
    if (xMoved) {
        applyTimeFormat(x1 - x0);
        m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)), QDateTime::fromMSecsSinceEpoch(qint64(x1)));
    }
    if (yMoved)
        m_y->setRange(y0, y1);
    m_range = next;
    // One replace() per series and frame: a single pointsReplaced and geometry pass, where append() per
    // point would redo the geometry once per point.
    for (Entry& entry : m_entries) {
        if (!entry.hasPending)
            continue;
        entry.given = entry.pending;
        entry.pending = QList<QPointF>();
        entry.hasPending = false;
        draw(entry, thinned(entry));
    }
}

QLineSeries* QtChartsAdapter::segment(Entry& entry, std::size_t i) {
    if (i == 0)
        return entry.line;
    while (entry.segments.size() < i) {
        auto* s = new QLineSeries;
        s->setName(entry.line->name());
        s->setPen(entry.line->pen());
        s->setUseOpenGL(m_openGL);
        attach(s);
        for (QLegendMarker* marker : m_chart->legend()->markers(s))
            marker->setVisible(false); // one legend entry per line, whatever its gaps
        entry.segments.push_back(s);
    }
    return entry.segments[i - 1];
}

void QtChartsAdapter::draw(Entry& entry, const QVector<QPointF>& points) {
    // Qt Charts joins every point of a series: a gap ends one series and the next segment takes another.
    std::size_t used = 0;
    qsizetype begin = 0;
    for (qsizetype i = 0; i <= points.size(); ++i) {
        if (i < points.size() && !isGap(points[i]))
            continue;
        if (i > begin || (used == 0 && i == points.size()))
            segment(entry, used++)->replace(points.mid(begin, i - begin));
        begin = i + 1;
    }
    static const QList<QPointF> empty;
    for (std::size_t s = std::max<std::size_t>(used, 1); s <= entry.segments.size(); ++s)
        if (!entry.segments[s - 1]->points().isEmpty())
            entry.segments[s - 1]->replace(empty);
}

const QVector<QPointF>& QtChartsAdapter::thinned(Entry& entry) {
    // More than two points per pixel column cannot be told apart: keep each column's lowest and highest
    // point, in order. The line covers the same pixels; stroking and painting cost half or less.
    const QVector<QPointF>& in = entry.given;
    if (in.size() <= 2 * qsizetype(m_columns) || !(m_range.width() > 0))
        return in;
    entry.drawnIndex ^= 1; // the other buffer is no longer shared with the series
    QVector<QPointF>& out = entry.drawn[std::size_t(entry.drawnIndex)];
    out.clear();
    const double scale = m_columns / m_range.width();
    const double x0 = m_range.left();
    for (qsizetype i = 0; i < in.size();) {
        if (isGap(in[i])) { // kept: the break must survive thinning
            out.append(in[i++]);
            continue;
        }
        const double column = std::floor((in[i].x() - x0) * scale);
        qsizetype low = i;
        qsizetype high = i;
        qsizetype j = i + 1;
        for (; j < in.size() && !isGap(in[j]) && std::floor((in[j].x() - x0) * scale) == column; ++j) {
            if (in[j].y() < in[low].y())
                low = j;
            if (in[j].y() > in[high].y())
                high = j;
        }
        out.append(in[std::min(low, high)]);
        if (low != high)
            out.append(in[std::max(low, high)]);
        i = j;
    }
    return out;
}

QString QtChartsAdapter::title() const {
    return m_chart->title();
}

void QtChartsAdapter::setTitle(const QString& title) {
    m_chart->setTitle(title);
}

void QtChartsAdapter::setYLabelFormat(const QString& format) {
    m_yValues->setLabelFormat(format);
}

void QtChartsAdapter::setYCategories(const QStringList& labels) {
    QAbstractAxis* next = m_yValues;
    if (!labels.isEmpty()) {
        if (!m_yCategories) {
            m_yCategories = new QCategoryAxis;
            m_yCategories->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
            m_yCategories->setGridLineVisible(false);
        }
        for (const QString& old : m_yCategories->categoriesLabels())
            m_yCategories->remove(old);
        m_yCategories->setStartValue(0);
        for (int i = 0; i < labels.size(); ++i)
            m_yCategories->append(labels[i], i + 1);
        next = m_yCategories;
    }
    if (next == m_y)
        return;
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series)
        s->detachAxis(m_y);
    m_chart->removeAxis(m_y); // keeps the axis object: we own both
    m_chart->addAxis(next, Qt::AlignLeft);
    for (QAbstractSeries* s : series)
        s->attachAxis(next);
    m_y = next;
    m_y->setRange(m_range.top(), m_range.bottom());
    applyPalette();
}

void QtChartsAdapter::setLegendVisible(bool visible) {
    m_chart->legend()->setVisible(visible);
}

QVector<QPointF> QtChartsAdapter::points(int index) const {
    const Entry& entry = m_entries.at(std::size_t(index));
    return entry.area ? entry.line->points() : entry.given;
}

QVector<QPointF> QtChartsAdapter::drawnPoints(int index) const {
    const Entry& entry = m_entries.at(std::size_t(index));
    QVector<QPointF> out = entry.line->points();
    for (const QLineSeries* s : entry.segments) {
        if (s->points().isEmpty())
            continue;
        out.append(gap(s->points().first().x()));
        out.append(s->points());
    }
    return out;
}

int QtChartsAdapter::segmentCount(int index) const {
    const Entry& entry = m_entries.at(std::size_t(index));
    int n = entry.line->points().isEmpty() ? 0 : 1;
    for (const QLineSeries* s : entry.segments)
        n += s->points().isEmpty() ? 0 : 1;
    return n;
}

QVector<QPointF> QtChartsAdapter::bandLower(int index) const {
    const Entry& entry = m_entries.at(std::size_t(index));
    return entry.lower ? entry.lower->points() : QVector<QPointF>();
}

QString QtChartsAdapter::seriesName(int index) const {
    const Entry& entry = m_entries.at(std::size_t(index));
    return entry.area ? entry.area->name() : entry.line->name();
}

QRectF QtChartsAdapter::range() const {
    return m_range;
}

bool QtChartsAdapter::usesOpenGL() const {
    for (const Entry& entry : m_entries)
        if ((entry.line && entry.line->useOpenGL()) || (entry.area && entry.area->useOpenGL()))
            return true;
    return false;
}

QWidget* QtChartsAdapter::widget() {
    return m_view;
}

bool QtChartsAdapter::eventFilter(QObject* watched, QEvent* event) {
    // Compared as QObject: the view may be half destroyed (a QWidget already) when its last events come.
    if (watched != m_viewObject)
        return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    if (event->type() == QEvent::Resize && m_view->width() != m_columns && !m_range.isNull())
        setRange(m_range.left(), m_range.right(), m_range.top(), m_range.bottom()); // thin to the new width
    return QObject::eventFilter(watched, event);
}

void QtChartsAdapter::applyPalette() {
    // Colours from the widget's palette rather than a built-in chart theme, so dark and light follow the
    // system and the rest of the window.
    const QPalette palette = m_view->palette();
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    // From the text colour: Mid is barely apart from Base in a dark palette.
    QColor grid = text;
    grid.setAlpha(40);
    QColor axisLine = text;
    axisLine.setAlpha(100);
    m_chart->setBackgroundBrush(base);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    m_view->setBackgroundBrush(base);
    QAbstractAxis* axes[] = {m_x, m_yValues, m_yCategories};
    for (QAbstractAxis* axis : axes) {
        if (!axis)
            continue;
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(axisLine);
        axis->setGridLineColor(grid);
    }
}

} // namespace jimini
