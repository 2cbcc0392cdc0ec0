// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicedetailview.h"

#include "breakerlamp.h"
#include "palette.h"
#include "qtchartsadapter.h"

#include <QAbstractScrollArea>
#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace jimini {

namespace {

constexpr int stateCount = 5; // Metric::BreakerState: closed, half-open, open, isolated, disabled
constexpr double bandInset = 0.15;

// Colour-blind safe (Okabe-Ito), a lighter variant on dark backgrounds.
QColor lineColour(int role, bool dark) {
    static const QColor light[] = {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00),
                                   QColor(0x00, 0x9e, 0x73), QColor(0xe6, 0x9f, 0x00)};
    static const QColor onDark[] = {QColor(0x56, 0xb4, 0xe9), QColor(0xff, 0x8c, 0x4a),
                                    QColor(0x3f, 0xd0, 0xa0), QColor(0xf0, 0xc0, 0x40)};
    return dark ? onDark[role] : light[role];
}
enum Role { Blue, Vermillion, Green, Orange, Limit = -1 };

// 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten: an axis top that reads well and hugs the data.
double niceCeil(double value) {
    if (!(value > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (m * magnitude >= value * (1 - 1e-9))
            return m * magnitude;
    return 10 * magnitude;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

bool ServiceDetailView::Buffer::backEqualsShown() const {
    if (shown < 0)
        return false;
    return data[0] == data[1];
}

ServiceDetailView::ServiceDetailView(const SeriesStore& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    std::size_t largest = 0;
    for (const SeriesStore::Tier& tier : m_store.tiers())
        largest = std::max(largest, tier.capacity);
    m_read.reserve(largest + 1);
    buildUi();
    buildCharts();
    m_timer = new QTimer(this);
    m_timer->setInterval(100); // ten frames a second at most
    connect(m_timer, &QTimer::timeout, this, &ServiceDetailView::refresh);
    setAccessibleName(tr("Service detail"));
}

ServiceDetailView::~ServiceDetailView() = default;

std::int64_t ServiceDetailView::spanMs(Range range) {
    switch (range) {
    case Range::TwoMinutes:
        return 2 * 60 * 1000;
    case Range::FifteenMinutes:
        return 15 * 60 * 1000;
    case Range::OneHour:
        return 60 * 60 * 1000;
    case Range::OneDay:
        break;
    }
    return 24 * 60 * 60 * 1000;
}

std::int64_t ServiceDetailView::stepMs(Range range) {
    return range == Range::OneDay ? 10000 : 1000;
}

void ServiceDetailView::buildUi() {
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    m_service = new QLabel(this);
    QFont big = m_service->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_service->setFont(big);
    m_service->setAccessibleName(tr("Service"));
    m_instance = new QLabel(this);
    m_instance->setAccessibleName(tr("Instance and environment"));
    m_badge = new QLabel(this);
    m_badge->setAccessibleName(tr("Health"));
    header->addWidget(m_service);
    header->addWidget(m_instance);
    header->addWidget(m_badge);
    header->addStretch();

    m_rangeButtons = new QButtonGroup(this);
    const QString labels[] = {tr("2 min"), tr("15 min"), tr("1 h"), tr("24 h")};
    const QString names[] = {tr("Range 2 minutes"), tr("Range 15 minutes"), tr("Range 1 hour"),
                             tr("Range 24 hours")};
    for (int i = 0; i < 4; ++i) {
        auto* button = new QPushButton(labels[i], this);
        button->setCheckable(true);
        button->setAccessibleName(names[i]);
        button->setToolTip(tr("%1 (%2)").arg(names[i]).arg(i + 1));
        m_rangeButtons->addButton(button, i);
        header->addWidget(button);
        auto* shortcut = new QShortcut(QKeySequence(Qt::Key_1 + i), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, i] { setRange(Range(i)); });
    }
    m_rangeButtons->button(int(m_range))->setChecked(true);
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range(id)); });

    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause"));
    m_pause->setToolTip(tr("Freeze the charts; scroll or drag to look back (Space)"));
    connect(m_pause, &QPushButton::toggled, this, &ServiceDetailView::setPaused);
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    space->setContext(Qt::WidgetWithChildrenShortcut);
    connect(space, &QShortcut::activated, this, [this] { setPaused(!m_paused); });
    header->addWidget(m_pause);

    m_policy = new QComboBox(this);
    m_policy->setAccessibleName(tr("Policy"));
    m_policy->setToolTip(tr("Policy shown in the tokens and bulkhead charts"));
    connect(m_policy, &QComboBox::currentTextChanged, this, [this] {
        m_dirty = true;
        refresh();
    });
    header->addWidget(new QLabel(tr("Policy:"), this));
    header->addWidget(m_policy);
    layout->addLayout(header);

    auto* grid = new QGridLayout;
    for (int c = 0; c < chartCount; ++c) {
        auto adapter = std::make_unique<QtChartsAdapter>(this);
        QWidget* w = adapter->widget();
        w->setMinimumSize(240, 160);
        if (auto* area = qobject_cast<QAbstractScrollArea*>(w))
            area->viewport()->installEventFilter(this); // drag to scroll back
        grid->addWidget(w, c / 2, c % 2);
        m_charts[std::size_t(c)].adapter = std::move(adapter);
    }
    layout->addLayout(grid, 1);

    auto* legend = new QHBoxLayout;
    legend->addStretch();
    for (int s = 0; s < stateCount; ++s) {
        auto* icon = new QLabel(this);
        icon->setPixmap(breakerIcon(BreakerLamp(s)).pixmap(12, 12));
        legend->addWidget(icon);
        legend->addWidget(new QLabel(breakerLampName(BreakerLamp(s)), this));
    }
    layout->addLayout(legend);

    m_scroll = new QScrollBar(Qt::Horizontal, this);
    m_scroll->setAccessibleName(tr("History position"));
    m_scroll->setToolTip(tr("Scroll back through the stored history (while paused)"));
    connect(m_scroll, &QScrollBar::valueChanged, this,
            [this](int value) { setScrollBackMs(std::int64_t(m_scroll->maximum() - value) * 1000); });
    layout->addWidget(m_scroll);
    updateScrollBar();
}

void ServiceDetailView::buildCharts() {
    struct Line {
        Chart chart;
        Metric metric;
        bool perPolicy;
        float scale;
        int role;
        const char* name;
    };
    static const Line lines[] = {
        {Chart::Requests, Metric::RequestRate, false, 1, Blue, QT_TR_NOOP("requests/s")},
        {Chart::Errors, Metric::ErrorRate, false, 100, Vermillion, QT_TR_NOOP("error rate")},
        {Chart::Latency, Metric::LatencyP50, false, 1000, Green, QT_TR_NOOP("p50")},
        {Chart::Latency, Metric::LatencyP95, false, 1000, Orange, QT_TR_NOOP("p95")},
        {Chart::Latency, Metric::LatencyP99, false, 1000, Vermillion, QT_TR_NOOP("p99")},
        {Chart::Tokens, Metric::TokensAvailable, true, 1, Blue, QT_TR_NOOP("available")},
        {Chart::Tokens, Metric::TokenLimit, true, 1, Limit, QT_TR_NOOP("limit")},
        {Chart::Bulkhead, Metric::BulkheadActive, true, 1, Blue, QT_TR_NOOP("active")},
        {Chart::Bulkhead, Metric::BulkheadQueued, true, 1, Orange, QT_TR_NOOP("queued")},
        {Chart::Bulkhead, Metric::BulkheadCapacity, true, 1, Limit, QT_TR_NOOP("capacity")},
    };
    for (const Line& line : lines) {
        ChartState& state = m_charts[std::size_t(line.chart)];
        state.lines.push_back({line.metric, line.perPolicy, line.scale, line.role});
        state.buffers.emplace_back();
        state.adapter->addLineSeries(tr(line.name), seriesColour(line.role),
                                     line.role == Limit ? Qt::DashLine : Qt::SolidLine);
    }
    const char* titles[] = {QT_TR_NOOP("Requests per second"),
                            QT_TR_NOOP("Error rate (%)"),
                            QT_TR_NOOP("Latency (ms)"),
                            QT_TR_NOOP("Tokens"),
                            QT_TR_NOOP("Bulkhead"),
                            QT_TR_NOOP("Breaker state")};
    for (int c = 0; c < chartCount; ++c) {
        ChartAdapter& adapter = *m_charts[std::size_t(c)].adapter;
        adapter.setTitle(tr(titles[c]));
        adapter.widget()->setAccessibleName(tr(titles[c]));
        adapter.setLegendVisible(c == int(Chart::Latency) || c == int(Chart::Tokens) ||
                                 c == int(Chart::Bulkhead));
    }
    m_charts[std::size_t(Chart::Breaker)].adapter->setLegendVisible(false); // the icon legend below says it
}

void ServiceDetailView::rebuildBand() {
    ChartState& band = m_charts[std::size_t(Chart::Breaker)];
    band.adapter->clearSeries();
    band.buffers.assign(std::size_t(m_bandPolicies.size() * stateCount * 2), Buffer());
    const bool dark = Palette::isDark(palette());
    QStringList rows; // bottom row first: the first policy is drawn on top
    for (int p = 0; p < m_bandPolicies.size(); ++p) {
        rows.prepend(m_bandPolicies[p]);
        for (int s = 0; s < stateCount; ++s)
            band.adapter->addBandSeries(m_bandPolicies[p] + QLatin1Char(' ') +
                                            breakerLampName(BreakerLamp(s)),
                                        Palette::breakerColor(BreakerLamp(s), dark));
    }
    band.adapter->setYCategories(rows);
}

void ServiceDetailView::setRow(const InstanceRow& row) {
    const bool other = row.endpointId != m_row.endpointId;
    m_row = row;
    QStringList policies;
    for (const PolicyRow& policy : row.policies)
        policies.append(policy.name);
    if (policies != m_bandPolicies) {
        m_bandPolicies = policies;
        rebuildBand();
        const QString current = m_policy->currentText();
        QSignalBlocker blocker(m_policy);
        m_policy->clear();
        m_policy->addItems(policies);
        m_policy->setCurrentIndex(std::max(0, int(policies.indexOf(current))));
        m_dirty = true;
    }
    updateHeader();
    if (other) {
        for (ChartState& chart : m_charts)
            for (Buffer& buffer : chart.buffers)
                buffer.shown = -1;
        m_dirty = true;
        refresh();
    }
}

QString ServiceDetailView::endpointId() const {
    return m_row.endpointId;
}

void ServiceDetailView::updateHeader() {
    m_service->setText(m_row.service.isEmpty() ? m_row.endpointId : m_row.service);
    QString where = m_row.instance.isEmpty() ? m_row.endpointId : m_row.instance;
    if (!m_row.environment.isEmpty())
        where += QStringLiteral(" · ") + m_row.environment;
    m_instance->setText(where);

    const bool dark = Palette::isDark(palette());
    QString text;
    QColor colour;
    if (m_row.stale) {
        text = tr("stale since %1").arg(m_row.lastSeen.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        colour = Palette::staleColor(dark);
    } else if (!m_row.hasDocument) {
        text = m_row.reason.isEmpty() ? tr("no data yet") : m_row.reason;
        colour = Palette::staleColor(dark);
    } else {
        text = healthLevelName(m_row.level);
        colour = Palette::healthColor(m_row.level, dark);
    }
    m_badge->setText(text);
    m_badge->setAccessibleDescription(text);
    const QColor ink = colour.lightness() > 140 ? Qt::black : Qt::white;
    m_badge->setStyleSheet(QStringLiteral("QLabel{background:%1;color:%2;border-radius:3px;padding:1px 6px;}")
                               .arg(colour.name(), ink.name()));
}

void ServiceDetailView::setRange(Range range) {
    if (range == m_range)
        return;
    m_range = range;
    m_rangeButtons->button(int(range))->setChecked(true);
    m_backMs = std::clamp<std::int64_t>(m_backMs, 0, std::max<std::int64_t>(0, retainedMs() - spanMs(range)));
    updateScrollBar();
    m_dirty = true;
    refresh();
    emit rangeChanged(range);
}

void ServiceDetailView::setPaused(bool paused) {
    if (paused == m_paused)
        return;
    m_paused = paused;
    {
        QSignalBlocker blocker(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setAccessibleName(paused ? tr("Resume") : tr("Pause"));
    // Paused, the window stays where it was shown; resumed, it jumps to now.
    m_pausedEndMs = m_windowEndMs != 0 ? m_windowEndMs : liveEndMs();
    m_backMs = 0;
    updateScrollBar();
    m_dirty = true;
    refresh();
    emit pausedChanged(paused);
}

void ServiceDetailView::setScrollBackMs(std::int64_t backMs) {
    if (!m_paused)
        return;
    const std::int64_t step = stepMs(m_range);
    backMs = floorDiv(backMs, step) * step; // whole steps: points stay where they were
    backMs = std::clamp<std::int64_t>(backMs, 0, std::max<std::int64_t>(0, retainedMs() - spanMs(m_range)));
    if (backMs == m_backMs)
        return;
    m_backMs = backMs;
    updateScrollBar();
    m_dirty = true; // drawn by the next timer tick: a drag does not redraw more than ten times a second
    if (!m_timer->isActive())
        refresh();
}

void ServiceDetailView::setPolicy(const QString& policy) {
    m_policy->setCurrentText(policy);
}

QString ServiceDetailView::policy() const {
    return m_policy->currentText();
}

void ServiceDetailView::setClock(Clock clock) {
    m_clock = std::move(clock);
    m_dirty = true;
}

ChartAdapter* ServiceDetailView::chart(Chart which) const {
    return m_charts[std::size_t(which)].adapter.get();
}

std::int64_t ServiceDetailView::retainedMs() const {
    std::int64_t longest = 0;
    for (const SeriesStore::Tier& tier : m_store.tiers())
        longest = std::max<std::int64_t>(longest, std::int64_t(tier.step.count()) * 1000 *
                                                      std::int64_t(tier.capacity));
    return longest;
}

std::int64_t ServiceDetailView::liveEndMs() const {
    // The end of the current step: the axis moves once a step, not once a frame.
    const std::int64_t step = stepMs(m_range);
    return (floorDiv(m_clock(), step) + 1) * step;
}

void ServiceDetailView::updateScrollBar() {
    const int maxBackS = int(std::max<std::int64_t>(0, retainedMs() - spanMs(m_range)) / 1000);
    QSignalBlocker blocker(m_scroll);
    m_scroll->setRange(0, maxBackS);
    m_scroll->setPageStep(int(spanMs(m_range) / 1000));
    m_scroll->setSingleStep(int(std::max<std::int64_t>(1, spanMs(m_range) / 10000)));
    m_scroll->setValue(maxBackS - int(m_backMs / 1000));
    m_scroll->setEnabled(m_paused);
}

void ServiceDetailView::refresh() {
    if (m_row.endpointId.isEmpty())
        return;
    const std::int64_t end = m_paused ? m_pausedEndMs - m_backMs : liveEndMs();
    if (m_paused && !m_dirty && end == m_windowEndMs)
        return; // frozen: the store keeps filling, the view does not move
    m_windowEndMs = end;
    const std::int64_t from = end - spanMs(m_range);
    for (int c = 0; c < chartCount; ++c) {
        if (c != int(Chart::Breaker))
            refreshLines(m_charts[std::size_t(c)], from, end - 1);
    }
    refreshBand(from, end - 1);
    m_dirty = false;
}

void ServiceDetailView::refreshLines(ChartState& chart, std::int64_t from, std::int64_t to) {
    const QString policy = m_policy->currentText();
    double top = 0;
    QString latest;
    for (std::size_t i = 0; i < chart.lines.size(); ++i) {
        const LineSpec& spec = chart.lines[i];
        m_store.read(SeriesKey{m_row.endpointId, spec.perPolicy ? policy : QString(), spec.metric}, from, to,
                     m_read);
        Buffer& buffer = chart.buffers[i];
        QVector<QPointF>& out = buffer.back();
        out.clear();
        out.reserve(qsizetype(m_read.size()));
        for (const SeriesPoint& point : m_read) {
            const double value = double(point.value) * double(spec.scale);
            out.append(QPointF(double(point.timeMs), value));
            top = std::max(top, value);
        }
        if (!buffer.backEqualsShown()) {
            chart.adapter->setSeries(int(i), out);
            buffer.flip();
        }
        if (!out.isEmpty())
            latest += QStringLiteral("%1 %2; ")
                          .arg(chart.adapter->seriesName(int(i)))
                          .arg(out.last().y(), 0, 'g', 4);
    }
    chart.adapter->setRange(double(from), double(to + 1), 0, niceCeil(std::max(top, chart.yFloor)));
    setDescription(*chart.adapter, latest);
}

void ServiceDetailView::refreshBand(std::int64_t from, std::int64_t to) {
    ChartState& band = m_charts[std::size_t(Chart::Breaker)];
    const int rows = int(m_bandPolicies.size());
    QString latest;
    for (int p = 0; p < rows; ++p) {
        const std::int64_t step = m_store.read(
            SeriesKey{m_row.endpointId, m_bandPolicies[p], Metric::BreakerState}, from, to, m_read);
        const double base = rows - 1 - p + bandInset;
        const double top = rows - 1 - p + 1 - bandInset;
        for (int s = 0; s < stateCount; ++s)
            band.buffers[std::size_t(bandIndex(p, s) * 2)].back().clear();
        // One rectangle per run of a state; a missing point ends the run (no colour where nothing is known).
        for (std::size_t i = 0; i < m_read.size();) {
            const int state = std::clamp(int(std::lround(m_read[i].value)), 0, stateCount - 1);
            std::size_t j = i;
            while (j + 1 < m_read.size() && m_read[j + 1].timeMs == m_read[j].timeMs + step &&
                   std::clamp(int(std::lround(m_read[j + 1].value)), 0, stateCount - 1) == state)
                ++j;
            const double t0 = double(m_read[i].timeMs);
            const double t1 = double(m_read[j].timeMs + step);
            QVector<QPointF>& upper = band.buffers[std::size_t(bandIndex(p, state) * 2)].back();
            upper.append({QPointF(t0, base), QPointF(t0, top), QPointF(t1, top), QPointF(t1, base)});
            i = j + 1;
        }
        if (!m_read.empty())
            latest += QStringLiteral("%1 %2; ").arg(
                m_bandPolicies[p], breakerLampName(BreakerLamp(std::clamp(int(m_read.back().value), 0, 4))));
        for (int s = 0; s < stateCount; ++s) {
            Buffer& upper = band.buffers[std::size_t(bandIndex(p, s) * 2)];
            Buffer& lower = band.buffers[std::size_t(bandIndex(p, s) * 2 + 1)];
            QVector<QPointF>& line = lower.back();
            line.clear();
            if (!upper.back().isEmpty())
                line.append(
                    {QPointF(upper.back().first().x(), base), QPointF(upper.back().last().x(), base)});
            if (upper.backEqualsShown() && lower.backEqualsShown())
                continue;
            band.adapter->setBand(bandIndex(p, s), upper.back(), line);
            upper.flip();
            lower.flip();
        }
    }
    band.adapter->setRange(double(from), double(to + 1), 0, std::max(rows, 1));
    setDescription(*band.adapter, latest);
}

void ServiceDetailView::setDescription(ChartAdapter& adapter, const QString& latest) {
    // A text alternative for screen readers; set only on change, as every set is an accessibility event.
    const QString text = latest.isEmpty() ? tr("no data") : tr("latest: ") + latest;
    if (adapter.widget()->accessibleDescription() != text)
        adapter.widget()->setAccessibleDescription(text);
}

QColor ServiceDetailView::seriesColour(int role) const {
    if (role >= 0)
        return lineColour(role, Palette::isDark(palette()));
    QColor limit = palette().color(QPalette::Text); // limits and capacities: quiet, and dashed
    limit.setAlpha(170);
    return limit;
}

void ServiceDetailView::applyColours() {
    const bool dark = Palette::isDark(palette());
    for (ChartState& chart : m_charts)
        for (std::size_t i = 0; i < chart.lines.size(); ++i)
            chart.adapter->setSeriesColor(int(i), seriesColour(chart.lines[i].role));
    ChartState& band = m_charts[std::size_t(Chart::Breaker)];
    for (int p = 0; p < m_bandPolicies.size(); ++p)
        for (int s = 0; s < stateCount; ++s)
            band.adapter->setSeriesColor(bandIndex(p, s), Palette::breakerColor(BreakerLamp(s), dark));
    updateHeader();
}

bool ServiceDetailView::eventFilter(QObject* watched, QEvent* event) {
    if (!m_paused)
        return QWidget::eventFilter(watched, event);
    auto* widget = qobject_cast<QWidget*>(watched);
    if (event->type() == QEvent::MouseButtonPress) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            m_dragX = std::int64_t(mouse->position().x());
            m_dragBackMs = m_backMs;
            return true;
        }
    } else if (event->type() == QEvent::MouseMove && m_dragX >= 0 && widget) {
        // Grab the paper: dragging right brings older history into view.
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const std::int64_t dx = std::int64_t(mouse->position().x()) - m_dragX;
        setScrollBackMs(m_dragBackMs + dx * spanMs(m_range) / std::max(1, widget->width()));
        return true;
    } else if (event->type() == QEvent::MouseButtonRelease && m_dragX >= 0) {
        m_dragX = -1;
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ServiceDetailView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_timer->start();
    m_dirty = true;
    refresh();
}

void ServiceDetailView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_timer->stop(); // nothing is read for a view no one sees
}

void ServiceDetailView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

} // namespace jimini
