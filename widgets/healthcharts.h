// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/seriesstore.h"

#include <QHash>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QColor;
class QHBoxLayout;
class QWidget;

namespace jimini {

class ChartAdapter;
class FailureStack;

// The seven charts of an endpoint's health history (the detail view's, the probe's) and what feeds them:
// reads a window of the SeriesStore into buffers it keeps, and hands a chart a series only when it
// changed.
class HealthCharts {
public:
    enum class Chart : std::uint8_t { Requests, Errors, Latency, Tokens, Bulkhead, Breaker, Failures };
    static constexpr int chartCount = 7;
    // Which stages a policy has, as its last document said.
    struct Stages {
        bool rateLimiter = true;
        bool bulkhead = true;
    };
    // Index of the band of (policy row, breaker state 0..4) in chart(Chart::Breaker).
    static int bandIndex(int policyRow, int state) { return policyRow * 5 + state; }

    // owner: the view; parent of the chart widgets, whose palette picks the colours.
    HealthCharts(const SeriesStore& store, QWidget* owner);
    ~HealthCharts();
    HealthCharts(const HealthCharts&) = delete;
    HealthCharts& operator=(const HealthCharts&) = delete;

    // The icon legend of the breaker band, its labels children of owner.
    static QHBoxLayout* legend(QWidget* owner);

    ChartAdapter* chart(Chart which) const;
    const QStringList& bandPolicies() const { return m_bandPolicies; }
    // One band row per policy, first policy on top.
    void setBandPolicies(const QStringList& policies);
    // Titles the charts of window figures with what each point covers: the window before it, or the
    // service's whole life for a guide document (windowSeconds empty).
    void setMetricsWindow(const std::optional<double>& windowSeconds);
    // The stages of each policy, so a policy without a rate limiter (or bulkhead) says so instead of
    // showing an empty chart. Empty: not known (no document yet), nothing is claimed.
    void setPolicyStages(const QHash<QString, Stages>& stages);
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
    // Returns whether any line has a point in the window.
    bool refreshLines(ChartState& chart, const QString& endpointId, const QString& policy, std::int64_t from,
                      std::int64_t to);
    void showAbsentStages(const QString& policy, bool anyTokens, bool anyBulkhead);
    void refreshBand(const QString& endpointId, std::int64_t from, std::int64_t to);
    QColor seriesColour(int role) const;
    bool dark() const;
    static void setDescription(ChartAdapter& adapter, const QString& latest);
    std::int64_t usualSpacing(const std::vector<SeriesPoint>& points);

    const SeriesStore& m_store;
    QWidget* m_owner;
    QStringList m_bandPolicies;
    QHash<QString, Stages> m_stages;
    QString m_eachPoint; // what each point of the window charts covers, as titled
    std::array<ChartState, chartCount> m_charts;
    std::unique_ptr<FailureStack> m_failures; // draws into m_charts[Failures]
    std::vector<SeriesPoint> m_read;          // reused by every read
    std::vector<std::int64_t> m_spacings;
};

} // namespace jimini
