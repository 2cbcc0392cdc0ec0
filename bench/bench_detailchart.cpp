// SPDX-License-Identifier: GPL-3.0-or-later
// The detail chart's frame: six series of an hour at 1 s replaced, axes rescaled, the view rendered.
// Target (docs/benchmarks.md): at most 16 ms per frame.
#include "alloccounter.h"
#include "runtime/consoleclock.h"
#include "store/seriesstore.h"
#include "widgets/detail/servicedetailview.h"
#include "widgets/qtchartsadapter.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>

using namespace jimini;

namespace {

constexpr int seriesCount = 6;
constexpr int points = 3600; // one hour at 1 s
constexpr std::int64_t t0 = 1'700'000'000'000;
const QSize chartSize(900, 400); // one chart of the detail view on a 1920 px wide screen

// Two frames of data per series, one second apart: every frame hands the chart something new.
struct Frames {
    std::array<std::array<QVector<QPointF>, seriesCount>, 2> data;
    Frames() {
        for (int f = 0; f < 2; ++f)
            for (int s = 0; s < seriesCount; ++s) {
                QVector<QPointF>& v = data[std::size_t(f)][std::size_t(s)];
                v.reserve(points);
                for (int i = 0; i < points; ++i) {
                    const int second = i + f;
                    const double y =
                        50 + 10 * s + 20 * std::sin(second * 0.01 * (s + 1)) + (second * 7919 % 13);
                    v.append(QPointF(double(t0 + std::int64_t(second) * 1000), y));
                }
            }
    }
    double x0(int f) const { return double(t0 + std::int64_t(f) * 1000); }
};

void setUp(QtChartsAdapter& adapter) {
    for (int s = 0; s < seriesCount; ++s)
        adapter.addLineSeries(QStringLiteral("series %1").arg(s), QColor::fromHsv(s * 60, 200, 200));
    adapter.setTitle(QStringLiteral("Latency (ms)"));
    adapter.widget()->resize(chartSize); // not shown: render() below is the frame's only paint
    QCoreApplication::sendPostedEvents();
}

void feed(QtChartsAdapter& adapter, const Frames& frames, int f) {
    for (int s = 0; s < seriesCount; ++s)
        adapter.setSeries(s, frames.data[std::size_t(f)][std::size_t(s)]);
    adapter.setRange(frames.x0(f), frames.x0(f) + points * 1000.0, 0, 100 + f);
}

// One frame as the view does it, drawn: replace six series, rescale, layout, paint into an image.
void BM_DetailChart_Frame(benchmark::State& state) {
    Frames frames;
    QtChartsAdapter adapter;
    setUp(adapter);
    QImage image(chartSize, QImage::Format_ARGB32_Premultiplied);
    int f = 0;
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        feed(adapter, frames, f);
        QCoreApplication::sendPostedEvents(); // layout requests the replace and rescale posted
        QPainter painter(&image);
        adapter.widget()->render(&painter);
        painter.end();
        f ^= 1;
    }
    bench::reportAllocations(state, before);
    state.counters["points/frame"] = seriesCount * points;
}
BENCHMARK(BM_DetailChart_Frame)->Unit(benchmark::kMillisecond);

// The same frame without drawing: what replace() and the rescale cost by themselves.
void BM_DetailChart_ReplaceOnly(benchmark::State& state) {
    Frames frames;
    QtChartsAdapter adapter;
    setUp(adapter);
    int f = 0;
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        feed(adapter, frames, f);
        QCoreApplication::sendPostedEvents();
        f ^= 1;
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_DetailChart_ReplaceOnly)->Unit(benchmark::kMillisecond);

// For comparison, the way not to feed a chart: clear() and append() point by point (each append is a
// pointAdded and a geometry update).
void BM_DetailChart_AppendPerPoint(benchmark::State& state) {
    Frames frames;
    QtChartsAdapter adapter;
    setUp(adapter);
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    const auto series = view->chart()->series();
    int f = 0;
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        for (int s = 0; s < seriesCount; ++s) {
            auto* line = static_cast<QLineSeries*>(series[s]);
            line->clear();
            for (const QPointF& p : frames.data[std::size_t(f)][std::size_t(s)])
                line->append(p);
        }
        adapter.setRange(frames.x0(f), frames.x0(f) + points * 1000.0, 0, 100 + f);
        QCoreApplication::sendPostedEvents();
        f ^= 1;
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_DetailChart_AppendPerPoint)->Unit(benchmark::kMillisecond)->Iterations(3);

// The whole detail view's frame over an hour of stored history (ten line series and two policies' breaker
// bands read from the SeriesStore, compared, replaced where changed) and drawn: a new second each frame.
void BM_DetailView_Frame(benchmark::State& state) {
    SeriesStore store;
    const QString id = QStringLiteral("http://127.0.0.1:8081");
    const Metric instanceMetrics[] = {Metric::RequestRate, Metric::ErrorRate, Metric::LatencyP50,
                                      Metric::LatencyP95, Metric::LatencyP99};
    const Metric policyMetrics[] = {Metric::TokensAvailable, Metric::TokenLimit,       Metric::BulkheadActive,
                                    Metric::BulkheadQueued,  Metric::BulkheadCapacity, Metric::BreakerState};
    int second = 0;
    // Noisy figures, steady limits, a breaker that changes state every five minutes.
    const auto value = [](Metric m, int s) {
        const float noise = float(s * 7919 % 13) / 13.0f;
        switch (m) {
        case Metric::TokenLimit:
            return 10.0f;
        case Metric::BulkheadCapacity:
            return 8.0f;
        case Metric::BreakerState:
            return float(s / 300 % 3);
        case Metric::ErrorRate:
            return 0.05f + 0.05f * noise;
        case Metric::RequestRate:
            return 100.0f + 30.0f * std::sin(float(s) * 0.01f) + 10.0f * noise;
        default:
            return 5.0f + 3.0f * std::sin(float(s) * 0.02f) + 2.0f * noise;
        }
    };
    const auto appendSecond = [&] {
        const std::int64_t t = t0 + std::int64_t(second) * 1000;
        for (Metric m : instanceMetrics)
            store.append({id, {}, m}, t, value(m, second) * (m >= Metric::LatencyP50 ? 0.01f : 1.0f));
        for (const char* policy : {"payments", "inventory"})
            for (Metric m : policyMetrics)
                store.append({id, policy, m}, t, value(m, second));
        ++second;
    };
    while (second < points)
        appendSecond();
    ServiceDetailView view(store, ConsoleClock::live());
    std::int64_t now = t0 + std::int64_t(second - 1) * 1000 + 500;
    view.setClock([&now] { return now; });
    InstanceRow row;
    row.endpointId = id;
    row.service = QStringLiteral("checkout");
    row.hasDocument = true;
    row.policies.resize(2);
    row.policies[0].name = QStringLiteral("payments");
    row.policies[1].name = QStringLiteral("inventory");
    view.setRow(row);
    view.setRange(ServiceDetailView::Range::OneHour);
    view.resize(1800, 1000); // not shown: render() below is the frame's only paint
    QCoreApplication::sendPostedEvents();
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    const auto before = bench::allocationCount();
    for (auto _ : state) {
        appendSecond();
        now += 1000;
        view.refresh();
        QCoreApplication::sendPostedEvents();
        QPainter painter(&image);
        view.render(&painter);
    }
    bench::reportAllocations(state, before);
}
BENCHMARK(BM_DetailView_Frame)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
