// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtchartsadapter.h"

#include "chartcrosshair.h"
#include "chartvalues.h"
#include "qtchartsaxes.h"

#include <QEvent>
#include <QLabel>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>

#include <cmath>

namespace jimini {

QtChartsAdapter::QtChartsAdapter(QWidget* parent)
    : m_openGL(openGLRequested()) {
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation); // animations would redraw between our frames
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);

    m_axes = std::make_unique<QtChartsAxes>(m_chart);

    m_view = new QChartView(m_chart, parent); // takes the chart
    m_view->setRenderHint(QPainter::Antialiasing, true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_viewObject = m_view;
    m_view->installEventFilter(this);
    m_placeholder = new QLabel(m_view);
    m_placeholder->setObjectName(QStringLiteral("chartPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->hide();
    m_crosshair = std::make_unique<ChartCrosshair>(
        m_view, m_chart, [this](double x) { return valuesAt(x); }, [this] { return m_range; });
    applyPalette();
}

QtChartsAdapter::~QtChartsAdapter() {
    m_crosshair.reset();
    m_axes.reset(); // before the chart: it deletes the y axis it shows
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
    series->attachAxis(m_axes->x());
    series->attachAxis(m_axes->y());
    series->setVisible(m_placeholder->isHidden());
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

int QtChartsAdapter::addBandSeries(const QString& name, const QColor& color, Qt::BrushStyle pattern) {
    Entry entry;
    entry.color = color;
    entry.pattern = pattern;
    entry.line = new QLineSeries;
    entry.lower = new QLineSeries;
    entry.area = new QAreaSeries(entry.line, entry.lower);
    entry.line->setParent(entry.area); // QAreaSeries does not own its edges
    entry.lower->setParent(entry.area);
    entry.area->setName(name);
    entry.area->setPen(Qt::NoPen); // a zero-height run must not leave a hairline
    entry.area->setBrush(QBrush(color, pattern));
    attach(entry.area);
    m_entries.push_back(entry);
    return int(m_entries.size()) - 1;
}

void QtChartsAdapter::setSeriesColor(int index, const QColor& color) {
    Entry& entry = m_entries.at(std::size_t(index));
    entry.color = color;
    if (entry.area) {
        entry.area->setBrush(QBrush(color, entry.pattern));
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

Qt::BrushStyle QtChartsAdapter::bandPattern(int index) const {
    const Entry& entry = m_entries.at(std::size_t(index));
    return entry.area ? entry.area->brush().style() : Qt::NoBrush;
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

QString QtChartsAdapter::xLabelFormat() const {
    return m_axes->timeFormat();
}

void QtChartsAdapter::setRange(double x0, double x1, double y0, double y1) {
    const QRectF next(x0, y0, x1 - x0, y1 - y0);
    const bool xMoved = next.left() != m_range.left() || next.width() != m_range.width();
    const bool yMoved = next.top() != m_range.top() || next.height() != m_range.height();
    const int columns = std::max(1, m_view->width());
    // The columns points are thinned to moved, or (log axis) the floor they are drawn at.
    const bool resample = xMoved || columns != m_columns || (m_axes->logarithmic() && yMoved);
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
    if (xMoved)
        m_axes->setTimeRange(x0, x1);
    if (yMoved)
        m_axes->setYRange(y0, y1);
    m_range = next;
    // One replace() per series and frame: a single pointsReplaced and geometry pass, where append() per
    // point would redo the geometry once per point.
    for (Entry& entry : m_entries) {
        if (!entry.hasPending)
            continue;
        entry.given = entry.pending;
        entry.pending = QList<QPointF>();
        entry.hasPending = false;
        draw(entry, m_axes->logarithmic() ? onLogFloor(thinned(entry)) : thinned(entry));
    }
}

QVector<QPointF> QtChartsAdapter::onLogFloor(const QVector<QPointF>& points) const {
    // log(0) has no place on the axis: what lies at or below the bottom is drawn on it (gaps, NaN, stay).
    const double floor = m_range.top();
    QVector<QPointF> out = points;
    for (QPointF& p : out)
        if (p.y() < floor)
            p.setY(floor);
    return out;
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
    m_axes->setLabelFormat(format);
}

void QtChartsAdapter::setYLogarithmic(bool logarithmic) {
    if (logarithmic)
        m_axes->showLogarithmic(m_range.top(), m_range.bottom());
    else if (m_axes->logarithmic())
        m_axes->showValues(m_range.top(), m_range.bottom());
}

bool QtChartsAdapter::yLogarithmic() const {
    return m_axes->logarithmic();
}

void QtChartsAdapter::setYCategories(const QStringList& labels) {
    if (labels.isEmpty())
        m_axes->showValues(m_range.top(), m_range.bottom());
    else
        m_axes->showRows(labels, m_range.top(), m_range.bottom());
}

void QtChartsAdapter::setPlaceholder(const QString& text) {
    if (text == m_placeholder->text() && m_placeholder->isHidden() == text.isEmpty())
        return;
    m_placeholder->setText(text);
    m_placeholder->setVisible(!text.isEmpty());
    m_placeholder->setGeometry(m_view->rect());
    const bool charted = text.isEmpty();
    for (QAbstractSeries* s : m_chart->series())
        s->setVisible(charted);
    m_axes->setVisible(charted);
    m_chart->legend()->setVisible(charted && m_legendVisible);
    if (!charted)
        m_crosshair->hide();
}

QString QtChartsAdapter::placeholder() const {
    return m_placeholder->text();
}

void QtChartsAdapter::setLegendVisible(bool visible) {
    m_legendVisible = visible;
    m_chart->legend()->setVisible(visible && m_placeholder->isHidden());
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

QString QtChartsAdapter::valuesAt(double x) const {
    if (!m_placeholder->isHidden() || m_entries.empty())
        return {};
    QStringList lines{ChartValues::timeText(x, m_axes->timeFormat().startsWith(QLatin1String("dd")))};
    if (m_axes->categorical()) {
        // The breaker band: each row's state at x, by the rectangle that covers it.
        const QStringList rows = m_axes->rows();
        for (qsizetype r = rows.size() - 1; r >= 0; --r) { // the top row first, as drawn
            QString state = rows[r] + QLatin1Char(' ') + ChartValues::unknownText();
            for (const Entry& entry : m_entries)
                if (entry.area &&
                    ChartValues::rectanglesCover(entry.line->points(), x, double(r), double(r + 1)))
                    state = entry.area->name();
            lines.append(state);
        }
        return lines.join(QLatin1Char('\n'));
    }
    for (const Entry& entry : m_entries)
        lines.append(valueLine(entry, x));
    return lines.join(QLatin1Char('\n'));
}

QString QtChartsAdapter::valueLine(const Entry& entry, double x) const {
    const std::optional<double> value =
        entry.area ? ChartValues::bandValueAt(entry.line->points(), entry.lower->points(), x)
                   : ChartValues::lineValueAt(entry.given, x);
    return (entry.area ? entry.area->name() : entry.line->name()) + QStringLiteral(": ") +
           (value ? ChartValues::valueText(*value) : ChartValues::unknownText());
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
    if (event->type() == QEvent::Resize)
        m_placeholder->setGeometry(m_view->rect());
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
    m_axes->setColours(text, axisLine, grid);
}

} // namespace jimini
