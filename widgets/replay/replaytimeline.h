// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/healthcharts.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QHBoxLayout;
class QLabel;

namespace jimini {

class ReplayJob;
class ReplayLoadChart;

// The replay's timeline, one column per config side by side: the live health charts and breaker band
// (HealthCharts, the detail view's) over the job's store, for one dependency at a time. A column shows
// the window of spanMs that ends at the play head, and only whole seconds the play head has passed:
// what lies ahead of it is computed but not shown.
class ReplayTimeline final : public QWidget {
    Q_OBJECT
public:
    explicit ReplayTimeline(QWidget* parent = nullptr);
    ~ReplayTimeline() override;

    // A new job (null: empty); its columns are built at once.
    void setJob(const ReplayJob* job);
    void setDependency(const QString& dependency);
    void setSpan(std::int64_t spanMs);
    // Draws every column at the play head (ms from the scenario's start).
    void showAt(std::int64_t positionMs);

    int columnCount() const noexcept { return int(m_columns.size()); }
    ChartAdapter* chart(int column, HealthCharts::Chart which) const;
    ChartAdapter* loadChart(int column) const; // attempts/s (0) and calls started/s (1)
    // The window last drawn, in the store's wall ms: [windowStart, windowEnd].
    std::int64_t windowStart() const noexcept { return m_from; }
    std::int64_t windowEnd() const noexcept { return m_to; }

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Column {
        QWidget* widget = nullptr;
        std::unique_ptr<HealthCharts> charts;
        std::unique_ptr<ReplayLoadChart> load;
    };
    void clear();

    const ReplayJob* m_job = nullptr;
    QHBoxLayout* m_layout = nullptr;
    std::vector<Column> m_columns;
    QString m_dependency;
    std::int64_t m_span = 15 * 60 * 1000;
    std::int64_t m_position = 0;
    std::int64_t m_from = 0;
    std::int64_t m_to = 0;
};

} // namespace jimini
