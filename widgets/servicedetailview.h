// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"
#include "store/seriesstore.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollBar;
class QTimer;

namespace jimini {

class ChartAdapter;

// The history of one endpoint: request rate, error rate, latency percentiles, tokens of the limit and
// bulkhead occupancy of one policy (chosen in a selector), and a breaker-state band per policy.
//
// Reads the SeriesStore at most ten times a second into buffers it keeps, and hands a chart a series only
// when it changed. Pause freezes the window (the store keeps filling); while paused the scroll bar or a
// drag on a chart moves the window back through everything the store retains.
class ServiceDetailView : public QWidget {
    Q_OBJECT
public:
    enum class Range : std::uint8_t { TwoMinutes, FifteenMinutes, OneHour, OneDay }; // keys 1 to 4
    enum class Chart : std::uint8_t { Requests, Errors, Latency, Tokens, Bulkhead, Breaker };
    static constexpr int chartCount = 6;
    using Clock = std::function<std::int64_t()>; // wall clock, ms since the epoch

    explicit ServiceDetailView(const SeriesStore& store, QWidget* parent = nullptr);
    ~ServiceDetailView() override;

    // Shows this endpoint (header, policies); a row of the same endpoint just updates header and policies.
    void setRow(const InstanceRow& row);
    QString endpointId() const;

    void setRange(Range range);
    Range range() const { return m_range; }
    static std::int64_t spanMs(Range range);
    // The step the range is read at: the 1 s tier up to an hour, the 10 s tier for a day.
    static std::int64_t stepMs(Range range);

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // How far the paused window lies behind the moment of pausing, clamped to the retained history.
    void setScrollBackMs(std::int64_t backMs);
    std::int64_t scrollBackMs() const { return m_backMs; }

    void setPolicy(const QString& policy); // for the tokens and bulkhead charts
    QString policy() const;

    void setClock(Clock clock);

    // The window shown by the last refresh: [windowStartMs, windowEndMs).
    std::int64_t windowStartMs() const { return m_windowEndMs - spanMs(m_range); }
    std::int64_t windowEndMs() const { return m_windowEndMs; }

    ChartAdapter* chart(Chart which) const;
    // Index of the band of (policy row, breaker state 0..4) in chart(Chart::Breaker).
    static int bandIndex(int policyRow, int state) { return policyRow * 5 + state; }

public slots:
    // Reads the store and updates whatever changed. Called by the 10 Hz timer while visible.
    void refresh();

signals:
    void rangeChanged(jimini::ServiceDetailView::Range range);
    void pausedChanged(bool paused);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Two buffers per shown series: the chart keeps (shares) the one it was given, we fill the other,
    // so steady-state frames do not allocate on our side.
    struct Buffer {
        std::array<QVector<QPointF>, 2> data;
        int shown = -1;
        QVector<QPointF>& back() { return data[std::size_t(shown == 0 ? 1 : 0)]; }
        bool backEqualsShown() const;
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

    void buildUi();
    void buildCharts();
    void rebuildBand();
    void updateHeader();
    void updateScrollBar();
    void refreshLines(ChartState& chart, std::int64_t from, std::int64_t to);
    void refreshBand(std::int64_t from, std::int64_t to);
    void applyColours();
    QColor seriesColour(int role) const;
    void setDescription(ChartAdapter& adapter, const QString& latest);
    std::int64_t retainedMs() const;
    std::int64_t liveEndMs() const;

    const SeriesStore& m_store;
    Clock m_clock;
    InstanceRow m_row;
    QStringList m_bandPolicies;
    Range m_range = Range::FifteenMinutes;
    bool m_paused = false;
    bool m_dirty = true;
    std::int64_t m_pausedEndMs = 0;
    std::int64_t m_backMs = 0;
    std::int64_t m_windowEndMs = 0;
    std::int64_t m_dragX = -1;
    std::int64_t m_dragBackMs = 0;

    std::array<ChartState, chartCount> m_charts;
    std::vector<SeriesPoint> m_read; // reused by every read
    QTimer* m_timer = nullptr;
    QLabel* m_service = nullptr;
    QLabel* m_instance = nullptr;
    QLabel* m_badge = nullptr;
    QComboBox* m_policy = nullptr;
    QButtonGroup* m_rangeButtons = nullptr;
    QPushButton* m_pause = nullptr;
    QScrollBar* m_scroll = nullptr;
};

} // namespace jimini
