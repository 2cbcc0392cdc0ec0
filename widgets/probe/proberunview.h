// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/breakerlamp.h"
#include "widgets/healthcharts.h"

#include "probe/probesnapshot.h"

#include <QWidget>

#include <cstdint>
#include <memory>

class QLabel;

namespace jimini {

class ChartAdapter;

// One probe run as a watched service is shown: its breaker lamp and what the policies hold now (tokens,
// bulkhead, calls in flight), and the detail view's charts (HealthCharts) over the run's series. A
// column of the probe panel; the panel says when to redraw (coalesced).
class ProbeRunView final : public QWidget {
    Q_OBJECT
public:
    ProbeRunView(const SeriesStore& store, const QString& label, const QString& target,
                 QWidget* parent = nullptr);
    ~ProbeRunView() override;

    // What the policies hold now; before the first snapshot every figure is a dash.
    void setSnapshot(const ProbeSnapshot& snapshot);
    // Redraws the charts over [fromMs, toMs] of the run's series.
    void refresh(const QString& endpointId, const QString& policy, std::int64_t fromMs, std::int64_t toMs);

    BreakerLamp lamp() const noexcept { return m_lamp; }
    QString liveText() const;
    ChartAdapter* chart(HealthCharts::Chart which) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    std::unique_ptr<HealthCharts> m_charts;
    BreakerLamp m_lamp = BreakerLamp::Off;
    QLabel* m_lampIcon = nullptr;
    QLabel* m_lampText = nullptr;
    QLabel* m_live = nullptr;
};

} // namespace jimini
