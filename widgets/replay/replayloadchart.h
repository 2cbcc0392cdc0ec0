// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QString>
#include <QVector>

#include <cstdint>
#include <memory>
#include <vector>

class QWidget;

namespace jimini {

class ChartAdapter;
class SeriesStore;
struct SeriesPoint;

// What a config sent to the dependency each second, retries included (its load), beside the calls the
// callers started: the amplification a retry storm is made of, which the live charts have no series for.
// Reads the replay's store: attempts are kept as the dependency's own (per-policy) request rate,
// as ReplaySeriesSink writes them.
class ReplayLoadChart {
public:
    ReplayLoadChart(const SeriesStore& store, QWidget* owner);
    ~ReplayLoadChart();
    ReplayLoadChart(const ReplayLoadChart&) = delete;
    ReplayLoadChart& operator=(const ReplayLoadChart&) = delete;

    // Shows [from, to] of the endpoint's dependency.
    void refresh(const QString& endpointId, const QString& dependency, std::int64_t from, std::int64_t to);
    ChartAdapter* chart() const noexcept { return m_chart.get(); }

private:
    const SeriesStore& m_store;
    std::unique_ptr<ChartAdapter> m_chart;
    std::vector<SeriesPoint> m_read;
    QVector<QPointF> m_points;
};

} // namespace jimini
