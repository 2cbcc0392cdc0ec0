// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaytimeline.h"

#include "replayjob.h"
#include "replayloadchart.h"
#include "replayseriessink.h"

#include "widgets/chartadapter.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace jimini {

using Chart = HealthCharts::Chart;

ReplayTimeline::ReplayTimeline(QWidget* parent)
    : QWidget(parent) {
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
}

ReplayTimeline::~ReplayTimeline() {
    clear();
}

void ReplayTimeline::clear() {
    for (Column& column : m_columns) {
        column.charts.reset(); // before the widgets they draw into
        column.load.reset();
        delete column.widget;
    }
    m_columns.clear();
}

void ReplayTimeline::setJob(const ReplayJob* job) {
    clear();
    m_job = job;
    if (!m_job)
        return;
    // The order the detail view shows them in, the band last: a timeline reads best at the bottom.
    static const Chart order[] = {Chart::Requests, Chart::Errors,   Chart::Latency, Chart::Failures,
                                  Chart::Tokens,   Chart::Bulkhead, Chart::Breaker};
    for (int c = 0; c < m_job->columnCount(); ++c) {
        Column column;
        column.widget = new QWidget(this);
        auto* layout = new QVBoxLayout(column.widget);
        layout->setContentsMargins(0, 0, 0, 0);
        auto* title = new QLabel(m_job->column(c).label, column.widget);
        title->setAlignment(Qt::AlignCenter);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        layout->addWidget(title);
        column.charts = std::make_unique<HealthCharts>(m_job->store(), column.widget);
        column.charts->setMetricsWindow(1.0); // every point is one simulated second
        for (const Chart which : order) {
            QWidget* w = column.charts->chart(which)->widget();
            w->setMinimumSize(220, which == Chart::Breaker ? 90 : 150);
            layout->addWidget(w);
            if (which == Chart::Requests) {
                column.load = std::make_unique<ReplayLoadChart>(m_job->store(), column.widget);
                column.load->chart()->widget()->setMinimumSize(220, 150);
                layout->addWidget(column.load->chart()->widget());
            }
        }
        layout->addLayout(HealthCharts::legend(column.widget));
        m_layout->addWidget(column.widget, 1);
        m_columns.push_back(std::move(column));
    }
    if (m_dependency.isEmpty() && !m_job->scenario().dependencies.empty())
        m_dependency = m_job->scenario().dependencies.front().name;
    for (Column& column : m_columns)
        column.charts->setBandPolicies({m_dependency});
    showAt(0);
}

void ReplayTimeline::setDependency(const QString& dependency) {
    if (dependency == m_dependency)
        return;
    m_dependency = dependency;
    for (Column& column : m_columns) {
        column.charts->setBandPolicies({m_dependency});
        column.charts->forgetShown();
    }
    showAt(m_position);
}

void ReplayTimeline::setSpan(std::int64_t spanMs) {
    m_span = std::max<std::int64_t>(1000, spanMs);
    showAt(m_position);
}

void ReplayTimeline::showAt(std::int64_t positionMs) {
    m_position = positionMs;
    if (!m_job)
        return;
    // Whole seconds only: the second the play head is in has not been lived through yet.
    const std::int64_t origin = m_job->originMs();
    const std::int64_t shownMs = positionMs / 1000 * 1000;
    m_to = origin + shownMs - 1;
    m_from = shownMs > 0 ? origin + std::max<std::int64_t>(0, shownMs - m_span) : origin - 1000;
    for (int c = 0; c < int(m_columns.size()); ++c) {
        const QString id = ReplaySeriesSink::endpointId(c, m_dependency);
        m_columns[std::size_t(c)].charts->refresh(id, m_dependency, m_from, m_to);
        m_columns[std::size_t(c)].load->refresh(id, m_dependency, m_from, m_to);
    }
}

ChartAdapter* ReplayTimeline::loadChart(int column) const {
    return m_columns[std::size_t(column)].load->chart();
}

ChartAdapter* ReplayTimeline::chart(int column, HealthCharts::Chart which) const {
    return m_columns[std::size_t(column)].charts->chart(which);
}

void ReplayTimeline::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        for (Column& column : m_columns)
            column.charts->applyColours();
}

} // namespace jimini
