// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthcharts.h"

#include "widgets/breakerlamp.h"
#include "widgets/failurestack.h"
#include "widgets/palette.h"
#include "widgets/qtchartsadapter.h"

#include "health/healthnames.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <limits>

namespace jimini {

namespace {

using Chart = HealthCharts::Chart;

// The detail view's words: the charts keep its translation context wherever they are shown.
QString chartsTr(const char* text) {
    return QCoreApplication::translate("jimini::ServiceDetailView", text);
}

constexpr int stateCount = 5; // the band's rows of a policy: the lamps but Off (closed, half-open, ...)

// The band slot (BreakerLamp order) of a stored Metric::BreakerState point; stateCount for a code no
// state has, which is drawn as nothing.
int bandSlot(float code) {
    const auto state = breakerStateFromCode(int(std::lround(code)));
    return state ? int(breakerLampFromState(*state)) : stateCount;
}
constexpr double bandInset = 0.15;

// The band's fill per lamp (BreakerLamp order), after the lamps' shapes so a state reads without colour:
// closed filled, half-open half-dense, open crossed, isolated a square grid, disabled sparse hatching.
Qt::BrushStyle bandPattern(int lamp) {
    static const Qt::BrushStyle patterns[] = {Qt::SolidPattern, Qt::Dense4Pattern, Qt::DiagCrossPattern,
                                              Qt::CrossPattern, Qt::BDiagPattern};
    return patterns[lamp];
}

// The latency axis is logarithmic, so a 30 s p99 leaves p50 and p95 readable. Its bottom is the decade
// under the smallest latency shown, never below this (10 µs); a latency of 0 is drawn on the bottom edge.
constexpr double latencyFloorMs = 0.01;
// Tolerant by a millionth of a decade: a stored 0.010f s is 9.9999998 ms, and its decade is 10.
double decadeFloor(double value) {
    return std::pow(10.0, std::floor(std::log10(value) + 1e-6));
}
double decadeCeil(double value) {
    return std::pow(10.0, std::ceil(std::log10(value) - 1e-6));
}

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

} // namespace

HealthCharts::HealthCharts(const SeriesStore& store, QWidget* owner)
    : m_store(store)
    , m_owner(owner) {
    std::size_t largest = 0;
    for (const SeriesStore::Tier& tier : m_store.tiers())
        largest = std::max(largest, tier.capacity);
    m_read.reserve(largest + 1);
    m_spacings.reserve(largest);
    for (ChartState& chart : m_charts)
        chart.adapter = std::make_unique<QtChartsAdapter>(owner);
    buildCharts();
    m_failures = std::make_unique<FailureStack>(m_store, *m_charts[std::size_t(Chart::Failures)].adapter);
    m_failures->applyColours(dark());
}

HealthCharts::~HealthCharts() = default;

QHBoxLayout* HealthCharts::legend(QWidget* owner) {
    auto* legend = new QHBoxLayout;
    legend->addStretch();
    for (int s = 0; s < stateCount; ++s) {
        auto* icon = new QLabel(owner);
        icon->setPixmap(breakerIcon(BreakerLamp(s)).pixmap(12, 12));
        legend->addWidget(icon);
        // The band's fill for the state beside its lamp: the pattern is what reads without colour.
        QPixmap fill(18, 12);
        fill.fill(owner->palette().color(QPalette::Base));
        QPainter painter(&fill);
        painter.fillRect(
            fill.rect(),
            QBrush(Palette::breakerColor(BreakerLamp(s), Palette::isDark(owner->palette())), bandPattern(s)));
        painter.end();
        auto* swatch = new QLabel(owner);
        swatch->setObjectName(QStringLiteral("breakerBandSwatch"));
        swatch->setPixmap(fill);
        legend->addWidget(swatch);
        legend->addWidget(new QLabel(breakerLampName(BreakerLamp(s)), owner));
    }
    return legend;
}

ChartAdapter* HealthCharts::chart(Chart which) const {
    return m_charts[std::size_t(which)].adapter.get();
}

bool HealthCharts::dark() const {
    return Palette::isDark(m_owner->palette());
}

void HealthCharts::forgetShown() {
    for (ChartState& chart : m_charts)
        for (Buffer& buffer : chart.buffers)
            buffer.shown = -1;
    m_failures->forgetShown();
}

void HealthCharts::refresh(const QString& endpointId, const QString& policy, std::int64_t from,
                           std::int64_t to) {
    std::array<bool, chartCount> any{};
    for (int c = 0; c < chartCount; ++c) {
        if (c != int(Chart::Breaker) && c != int(Chart::Failures))
            any[std::size_t(c)] = refreshLines(m_charts[std::size_t(c)], endpointId, policy, from, to);
    }
    showAbsentStages(policy, any[std::size_t(Chart::Tokens)], any[std::size_t(Chart::Bulkhead)]);
    refreshBand(endpointId, from, to);
    ChartAdapter& failures = *m_charts[std::size_t(Chart::Failures)].adapter;
    const FailureStack::Frame frame = m_failures->refresh(endpointId, from, to);
    failures.setRange(double(from), double(to + 1), 0, niceCeil(std::max(frame.top, 1.0)));
    setDescription(failures, frame.latest);
}

const char* const HealthCharts::chartTitles[] = {QT_TR_NOOP("Requests per second"),
                                                 QT_TR_NOOP("Error rate (%)"),
                                                 QT_TR_NOOP("Latency (ms)"),
                                                 QT_TR_NOOP("Tokens"),
                                                 QT_TR_NOOP("Bulkhead"),
                                                 QT_TR_NOOP("Breaker state"),
                                                 QT_TR_NOOP("Failed calls by kind")};

void HealthCharts::buildCharts() {
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
        state.adapter->addLineSeries(chartsTr(line.name), seriesColour(line.role),
                                     line.role == Limit ? Qt::DashLine : Qt::SolidLine);
    }
    const char* const* titles = chartTitles;
    for (int c = 0; c < chartCount; ++c) {
        ChartAdapter& adapter = *m_charts[std::size_t(c)].adapter;
        adapter.setTitle(chartsTr(titles[c]));
        adapter.widget()->setAccessibleName(chartsTr(titles[c]));
        adapter.setLegendVisible(c == int(Chart::Latency) || c == int(Chart::Tokens) ||
                                 c == int(Chart::Bulkhead) || c == int(Chart::Failures));
    }
    m_charts[std::size_t(Chart::Breaker)].adapter->setLegendVisible(false); // the icon legend below says it
    m_charts[std::size_t(Chart::Latency)].adapter->setYLogarithmic(true);
}

void HealthCharts::setMetricsWindow(const std::optional<double>& windowSeconds) {
    const QString each = windowSeconds ? chartsTr("each point: up to the %1 s before it")
                                             .arg(QLocale().toString(std::ceil(*windowSeconds), 'f', 0))
                                       : chartsTr("each point: since the service started (lifetime totals)");
    if (each == m_eachPoint)
        return; // a chart re-lays itself out on a new title: only when it changes
    m_eachPoint = each;
    const Chart windowed[] = {Chart::Requests, Chart::Errors, Chart::Latency, Chart::Failures};
    for (const Chart c : windowed) {
        ChartAdapter& adapter = *m_charts[std::size_t(c)].adapter;
        adapter.setTitle(chartsTr(chartTitles[std::size_t(c)]) + QStringLiteral(" · ") + each);
    }
}

void HealthCharts::setBandPolicies(const QStringList& policies) {
    m_bandPolicies = policies;
    ChartState& band = m_charts[std::size_t(Chart::Breaker)];
    band.adapter->clearSeries();
    band.buffers.assign(std::size_t(m_bandPolicies.size() * stateCount * 2), Buffer());
    QStringList rows; // bottom row first: the first policy is drawn on top
    for (int p = 0; p < m_bandPolicies.size(); ++p) {
        rows.prepend(m_bandPolicies[p]);
        for (int s = 0; s < stateCount; ++s)
            band.adapter->addBandSeries(m_bandPolicies[p] + QLatin1Char(' ') +
                                            breakerLampName(BreakerLamp(s)),
                                        Palette::breakerColor(BreakerLamp(s), dark()), bandPattern(s));
    }
    band.adapter->setYCategories(rows);
}

void HealthCharts::setPolicyStages(const QHash<QString, Stages>& stages) {
    m_stages = stages;
}

void HealthCharts::showAbsentStages(const QString& policy, bool anyTokens, bool anyBulkhead) {
    // Only where the document said the stage is not there and the window holds nothing of it: history
    // from before a stage was removed is still drawn.
    const bool known = !m_stages.isEmpty();
    const Stages stages =
        m_stages.value(policy, Stages{!known || !policy.isEmpty(), !known || !policy.isEmpty()});
    const QString noPolicy = chartsTr("No policy in this service");
    const QString tokens = stages.rateLimiter || anyTokens ? QString()
                           : policy.isEmpty()              ? noPolicy
                                                           : chartsTr("No rate limiter in this policy");
    const QString bulkhead = stages.bulkhead || anyBulkhead ? QString()
                             : policy.isEmpty()             ? noPolicy
                                                            : chartsTr("No bulkhead in this policy");
    m_charts[std::size_t(Chart::Tokens)].adapter->setPlaceholder(tokens);
    m_charts[std::size_t(Chart::Bulkhead)].adapter->setPlaceholder(bulkhead);
}

bool HealthCharts::refreshLines(ChartState& chart, const QString& endpointId, const QString& policy,
                                std::int64_t from, std::int64_t to) {
    double top = 0;
    double lowest = std::numeric_limits<double>::infinity(); // the smallest value above 0
    bool any = false;
    QString latest;
    for (std::size_t i = 0; i < chart.lines.size(); ++i) {
        const LineSpec& spec = chart.lines[i];
        m_store.read(SeriesKey{endpointId, spec.perPolicy ? policy : QString(), spec.metric}, from, to,
                     m_read);
        Buffer& buffer = chart.buffers[i];
        QVector<QPointF>& out = buffer.back();
        out.clear();
        out.reserve(qsizetype(m_read.size()) + 16);
        // Where the source said nothing (not reported, unreachable, stale) the series has no points: a
        // break wider than three of its usual spacings is drawn as a gap, not bridged by a line.
        const std::int64_t gapMs = 3 * usualSpacing(m_read);
        for (std::size_t p = 0; p < m_read.size(); ++p) {
            const SeriesPoint& point = m_read[p];
            if (p > 0 && point.timeMs - m_read[p - 1].timeMs > gapMs)
                out.append(ChartAdapter::gap(double(m_read[p - 1].timeMs + 1)));
            const double value = double(point.value) * double(spec.scale);
            out.append(QPointF(double(point.timeMs), value));
            top = std::max(top, value);
            if (value > 0)
                lowest = std::min(lowest, value);
        }
        if (!buffer.backEqualsShown()) {
            chart.adapter->setSeries(int(i), out);
            buffer.flip();
        }
        any = any || !out.isEmpty();
        if (!out.isEmpty())
            latest += QStringLiteral("%1 %2; ")
                          .arg(chart.adapter->seriesName(int(i)))
                          .arg(out.last().y(), 0, 'g', 4);
    }
    if (chart.adapter->yLogarithmic()) {
        const double bottom = std::isfinite(lowest) ? std::max(latencyFloorMs, decadeFloor(lowest)) : 1.0;
        chart.adapter->setRange(double(from), double(to + 1), bottom, std::max(bottom * 10, decadeCeil(top)));
    } else {
        chart.adapter->setRange(double(from), double(to + 1), 0, niceCeil(std::max(top, chart.yFloor)));
    }
    setDescription(*chart.adapter, latest);
    return any;
}

std::int64_t HealthCharts::usualSpacing(const std::vector<SeriesPoint>& points) {
    // The median distance between neighbours: the poll interval, whatever the odd late or missed one.
    m_spacings.clear();
    for (std::size_t p = 1; p < points.size(); ++p)
        m_spacings.push_back(points[p].timeMs - points[p - 1].timeMs);
    if (m_spacings.empty())
        return std::numeric_limits<std::int64_t>::max() / 4;
    const auto middle = m_spacings.begin() + std::ptrdiff_t(m_spacings.size() / 2);
    std::nth_element(m_spacings.begin(), middle, m_spacings.end());
    return *middle;
}

void HealthCharts::refreshBand(const QString& endpointId, std::int64_t from, std::int64_t to) {
    ChartState& band = m_charts[std::size_t(Chart::Breaker)];
    const int rows = int(m_bandPolicies.size());
    QString latest;
    for (int p = 0; p < rows; ++p) {
        const std::int64_t step =
            m_store.read(SeriesKey{endpointId, m_bandPolicies[p], Metric::BreakerState}, from, to, m_read);
        const double base = rows - 1 - p + bandInset;
        const double top = rows - 1 - p + 1 - bandInset;
        for (int s = 0; s < stateCount; ++s)
            band.buffers[std::size_t(bandIndex(p, s) * 2)].back().clear();
        // One rectangle per run of a state; a missing point ends the run (no colour where nothing is known).
        for (std::size_t i = 0; i < m_read.size();) {
            const int state = bandSlot(m_read[i].value);
            if (state >= stateCount) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j + 1 < m_read.size() && m_read[j + 1].timeMs == m_read[j].timeMs + step &&
                   bandSlot(m_read[j + 1].value) == state)
                ++j;
            const double t0 = double(m_read[i].timeMs);
            const double t1 = double(m_read[j].timeMs + step);
            QVector<QPointF>& upper = band.buffers[std::size_t(bandIndex(p, state) * 2)].back();
            upper.append({QPointF(t0, base), QPointF(t0, top), QPointF(t1, top), QPointF(t1, base)});
            i = j + 1;
        }
        if (!m_read.empty())
            latest += QStringLiteral("%1 %2; ").arg(
                m_bandPolicies[p], breakerLampName(breakerLampFromState(
                                       breakerStateFromCode(int(std::lround(m_read.back().value))))));
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

void HealthCharts::setDescription(ChartAdapter& adapter, const QString& latest) {
    // A text alternative for screen readers; set only on change, as every set is an accessibility event.
    const QString text = latest.isEmpty() ? chartsTr("no data") : chartsTr("latest: ") + latest;
    if (adapter.widget()->accessibleDescription() != text)
        adapter.widget()->setAccessibleDescription(text);
}

QColor HealthCharts::seriesColour(int role) const {
    if (role >= 0)
        return lineColour(role, dark());
    QColor limit = m_owner->palette().color(QPalette::Text); // limits and capacities: quiet, and dashed
    limit.setAlpha(170);
    return limit;
}

void HealthCharts::applyColours() {
    for (ChartState& chart : m_charts)
        for (std::size_t i = 0; i < chart.lines.size(); ++i)
            chart.adapter->setSeriesColor(int(i), seriesColour(chart.lines[i].role));
    ChartState& band = m_charts[std::size_t(Chart::Breaker)];
    for (int p = 0; p < m_bandPolicies.size(); ++p)
        for (int s = 0; s < stateCount; ++s)
            band.adapter->setSeriesColor(bandIndex(p, s), Palette::breakerColor(BreakerLamp(s), dark()));
    m_failures->applyColours(dark());
}

} // namespace jimini
