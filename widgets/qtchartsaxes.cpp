// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtchartsaxes.h"

#include <QDateTime>
#include <QPen>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <initializer_list>

namespace jimini {

QtChartsAxes::QtChartsAxes(QChart* chart)
    : m_chart(chart) {
    m_x = new QDateTimeAxis;
    m_x->setTickCount(5);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_yValues = new QValueAxis;
    m_yValues->setTickCount(5);
    m_yValues->setLabelFormat(QStringLiteral("%.3g"));
    m_chart->addAxis(m_yValues, Qt::AlignLeft);
    m_y = m_yValues;
}

QtChartsAxes::~QtChartsAxes() {
    // The chart owns (and deletes) the axes it shows.
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(m_yValues), static_cast<QAbstractAxis*>(m_yCategories),
          static_cast<QAbstractAxis*>(m_yLog)})
        if (axis != m_y)
            delete axis;
}

QAbstractAxis* QtChartsAxes::x() const {
    return m_x;
}

bool QtChartsAxes::logarithmic() const {
    return m_yLog && m_y == m_yLog;
}

bool QtChartsAxes::categorical() const {
    return m_yCategories && m_y == m_yCategories;
}

QStringList QtChartsAxes::rows() const {
    return categorical() ? m_yCategories->categoriesLabels() : QStringList();
}

void QtChartsAxes::setTimeRange(double x0, double x1) {
    // Seconds matter on a short range and are noise on a long one; a range over midnight needs the date
    // (the axis shows local time, so the days are local too).
    const bool seconds = x1 - x0 <= 20 * 60 * 1000.0;
    const bool twoDays = QDateTime::fromMSecsSinceEpoch(qint64(x0)).date() !=
                         QDateTime::fromMSecsSinceEpoch(qint64(x1) - 1).date();
    const QString format = QString(twoDays ? QStringLiteral("dd MMM ") : QString()) +
                           (seconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
    if (format != m_x->format())
        m_x->setFormat(format);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x0)), QDateTime::fromMSecsSinceEpoch(qint64(x1)));
}

QString QtChartsAxes::timeFormat() const {
    return m_x->format();
}

void QtChartsAxes::setYRange(double y0, double y1) {
    m_y->setRange(y0, y1);
}

void QtChartsAxes::showValues(double y0, double y1) {
    show(m_yValues, y0, y1);
}

void QtChartsAxes::showLogarithmic(double y0, double y1) {
    if (!m_yLog) {
        m_yLog = new QLogValueAxis;
        m_yLog->setBase(10);
        m_yLog->setMinorTickCount(-1); // the 2..9 lines between decades: where 30 ms lies reads at a glance
        m_yLog->setLabelFormat(QStringLiteral("%.6g")); // decades from 0.01 to 100000 in plain digits
    }
    show(m_yLog, y0, y1);
}

void QtChartsAxes::showRows(const QStringList& rows, double y0, double y1) {
    if (!m_yCategories) {
        m_yCategories = new QCategoryAxis;
        m_yCategories->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
        m_yCategories->setGridLineVisible(false);
    }
    for (const QString& old : m_yCategories->categoriesLabels())
        m_yCategories->remove(old);
    m_yCategories->setStartValue(0);
    for (int i = 0; i < rows.size(); ++i)
        m_yCategories->append(rows[i], i + 1);
    show(m_yCategories, y0, y1);
}

void QtChartsAxes::show(QAbstractAxis* next, double y0, double y1) {
    if (next == m_y)
        return;
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series)
        s->detachAxis(m_y);
    m_chart->removeAxis(m_y); // keeps the axis object: ours until shown again
    m_chart->addAxis(next, Qt::AlignLeft);
    for (QAbstractSeries* s : series)
        s->attachAxis(next);
    next->setVisible(m_x->isVisible());
    m_y = next;
    if (y1 > y0 && (!logarithmic() || y0 > 0))
        m_y->setRange(y0, y1);
    if (m_text.isValid())
        setColours(m_text, m_line, m_grid);
}

void QtChartsAxes::setLabelFormat(const QString& format) {
    m_yValues->setLabelFormat(format);
}

void QtChartsAxes::setVisible(bool visible) {
    m_x->setVisible(visible);
    m_y->setVisible(visible);
}

void QtChartsAxes::setColours(const QColor& text, const QColor& line, const QColor& grid) {
    m_text = text;
    m_line = line;
    m_grid = grid;
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_yValues),
          static_cast<QAbstractAxis*>(m_yCategories), static_cast<QAbstractAxis*>(m_yLog)}) {
        if (!axis)
            continue;
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(line);
        axis->setGridLineColor(grid);
        // The log axis' lines between decades: fainter than the decades, and solid (Qt's default is a
        // dashed grey that reads as noise).
        QColor minor = grid;
        minor.setAlphaF(grid.alphaF() / 2);
        axis->setMinorGridLinePen(QPen(minor, 1));
    }
}

} // namespace jimini
