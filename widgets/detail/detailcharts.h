// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "servicedetailview.h"

#include <QPointF>
#include <QStringList>
#include <QVector>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

class QColor;
class QHBoxLayout;

namespace jimini {

// The seven charts of a ServiceDetailView and what feeds them: reads a window of the SeriesStore into
// buffers it keeps, and hands a chart a series only when it changed.
class FailureStack;

class DetailCharts {
public:
    // owner: the view; parent of the chart widgets, whose palette picks the colours.
    DetailCharts(const SeriesStore& store, QWidget* owner);
    ~DetailCharts();
    DetailCharts(const DetailCharts&) = delete;
    DetailCharts& operator=(const DetailCharts&) = delete;

    // The icon legend of the breaker band, its labels children of owner.
    static QHBoxLayout* legend(QWidget* owner);

    ChartAdapter* chart(ServiceDetailView::Chart which) const;
    const QStringList& bandPolicies() const { return m_bandPolicies; }
    // One band row per policy, first policy on top.
    void setBandPolicies(const QStringList& policies);
    // Titles the charts of window figures with what each point covers: the window before it, or the
    // service's whole life for a guide document (windowSeconds empty).
    void setMetricsWindow(const std::optional<double>& windowSeconds);
    // Another endpoint: every series is handed to its chart again.
    void forgetShown();
    // Shows [from, to] of the endpoint; policy picks the series of the tokens and bulkhead charts.
    void refresh(const QString& endpointId, const QString& policy, std::int64_t from, std::int64_t to);
    void applyColours();

private:
    // Two buffers per shown series: the chart keeps (shares) the one it was given, we fill the other,
    // so steady-state frames do not allocate on our side.
    struct Buffer {
        std::array<QVector<QPointF>, 2> data;
        int shown = -1;
        QVector<QPointF>& back() { return data[std::size_t(shown == 0 ? 1 : 0)]; }
        // Gaps (NaN) compare equal here, so a line with a gap is not handed over again every frame.
        bool backEqualsShown() const {
            return shown >= 0 && std::equal(data[0].begin(), data[0].end(), data[1].begin(), data[1].end(),
                                            [](const QPointF& a, const QPointF& b) {
                                                return a == b ||
                                                       (a.x() == b.x() && a.y() != a.y() && b.y() != b.y());
                                            });
        }
        void flip() { shown = shown == 0 ? 1 : 0; }
    };
    struct LineSpec {
        Metric metric;
        bool perPolicy;
        float scale;
        int role; // colour: index into the line colours, or -1 for a limit (dashed, quiet)
    };
    struct ChartState {
        std::unique_ptr<ChartAdapter> adapter;
        std::vector<LineSpec> lines;
        std::vector<Buffer> buffers; // one per line, or two per band (upper, lower)
        double yFloor = 1;           // the y axis never shrinks below this
    };

    static const char* const chartTitles[];
    void buildCharts();
    void refreshLines(ChartState& chart, const QString& endpointId, const QString& policy, std::int64_t from,
                      std::int64_t to);
    void refreshBand(const QString& endpointId, std::int64_t from, std::int64_t to);
    QColor seriesColour(int role) const;
    bool dark() const;
    static void setDescription(ChartAdapter& adapter, const QString& latest);
    std::int64_t usualSpacing(const std::vector<SeriesPoint>& points);

    const SeriesStore& m_store;
    QWidget* m_owner;
    QStringList m_bandPolicies;
    QString m_eachPoint; // what each point of the window charts covers, as titled
    std::array<ChartState, ServiceDetailView::chartCount> m_charts;
    std::unique_ptr<FailureStack> m_failures; // draws into m_charts[Failures]
    std::vector<SeriesPoint> m_read;          // reused by every read
    std::vector<std::int64_t> m_spacings;
};

} // namespace jimini
