// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/instancerow.h"
#include "store/seriesstore.h"
#include "widgets/healthcharts.h"

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
class ConsoleClock;
class DetailHeader;

// The history of one endpoint: request rate, error rate, latency percentiles, tokens of the limit and
// bulkhead occupancy of one policy (chosen in a selector), a breaker-state band per policy, and the
// failed calls stacked by kind (what the error rate is made of).
//
// Reads the SeriesStore at most ten times a second into buffers it keeps, and hands a chart a series only
// when it changed. Pause freezes the window (the store keeps filling); while paused the scroll bar or a
// drag on a chart moves the window back through everything the store retains.
class ServiceDetailView : public QWidget {
    Q_OBJECT
    // What ConsoleContext::currentEndpoint reads from the current page.
    Q_PROPERTY(QString currentEndpointId READ endpointId)
public:
    enum class Range : std::uint8_t { TwoMinutes, FifteenMinutes, OneHour, OneDay }; // keys 1 to 4
    using Chart = HealthCharts::Chart;
    static constexpr int chartCount = HealthCharts::chartCount;
    using Clock = std::function<std::int64_t()>; // wall clock, ms since the epoch

    // clock: the view's (ConsoleClock::wallNow gives the live end of the charts).
    ServiceDetailView(const SeriesStore& store, std::shared_ptr<ConsoleClock> clock,
                      QWidget* parent = nullptr);
    ~ServiceDetailView() override;

    // Shows this endpoint (header, policies); a row of the same endpoint just updates header and policies.
    void setRow(const InstanceRow& row);
    QString endpointId() const;

    void setRange(Range range);
    Range range() const { return m_range; }
    static std::int64_t spanMs(Range range);
    // The step the range is read at: that of the finest store tier holding the whole range (with the
    // default tiers, 1 s up to an hour and 60 s for a day), as SeriesStore::read chooses it.
    std::int64_t stepMs(Range range) const;

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
    static int bandIndex(int policyRow, int state) { return HealthCharts::bandIndex(policyRow, state); }

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
    void buildUi();
    void updateHeader();
    void updateScrollBar();
    std::int64_t retainedMs() const;
    std::int64_t liveEndMs() const;

    const SeriesStore& m_store;
    Clock m_clock;
    InstanceRow m_row;
    Range m_range = Range::FifteenMinutes;
    bool m_paused = false;
    bool m_dirty = true;
    std::int64_t m_pausedEndMs = 0;
    std::int64_t m_backMs = 0;
    std::int64_t m_windowEndMs = 0;
    std::int64_t m_dragX = -1;
    std::int64_t m_dragBackMs = 0;

    std::unique_ptr<HealthCharts> m_charts;
    QTimer* m_timer = nullptr;
    std::unique_ptr<DetailHeader> m_header;
    QComboBox* m_policy = nullptr;
    QButtonGroup* m_rangeButtons = nullptr;
    QPushButton* m_pause = nullptr;
    QLabel* m_pausedBanner = nullptr; // says the charts are frozen, and since when
    QScrollBar* m_scroll = nullptr;
};

} // namespace jimini
