// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayloadchart.h"

#include "widgets/qtchartsadapter.h"

#include "store/seriesstore.h"

#include <QCoreApplication>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {
QString loadTr(const char* text) {
    return QCoreApplication::translate("jimini::ReplayLoadChart", text);
}
} // namespace

ReplayLoadChart::ReplayLoadChart(const SeriesStore& store, QWidget* owner)
    : m_store(store)
    , m_chart(std::make_unique<QtChartsAdapter>(owner)) {
    m_chart->addLineSeries(loadTr("attempts/s"), QColor(0xd5, 0x5e, 0x00));
    m_chart->addLineSeries(loadTr("calls started/s"), QColor(0x00, 0x72, 0xb2), Qt::DashLine);
    const QString title = loadTr("Load on the dependency (retries included) · each point: one second");
    m_chart->setTitle(title);
    m_chart->widget()->setAccessibleName(title);
    m_chart->setLegendVisible(true);
}

ReplayLoadChart::~ReplayLoadChart() = default;

void ReplayLoadChart::refresh(const QString& endpointId, const QString& dependency, std::int64_t from,
                              std::int64_t to) {
    double top = 1;
    const SeriesKey keys[] = {{endpointId, dependency, Metric::RequestRate},
                              {endpointId, QString(), Metric::RequestRate}};
    for (int line = 0; line < 2; ++line) {
        m_store.read(keys[line], from, to, m_read);
        m_points.clear();
        for (const SeriesPoint& p : m_read) {
            m_points.append(QPointF(double(p.timeMs), double(p.value)));
            top = std::max(top, double(p.value));
        }
        m_chart->setSeries(line, m_points);
    }
    m_chart->setRange(double(from), double(to + 1), 0, std::ceil(top * 1.1));
}

} // namespace jimini
