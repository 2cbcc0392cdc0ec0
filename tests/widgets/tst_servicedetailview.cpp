// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthnames.h"
#include "runtime/consoleclock.h"
#include "store/seriesstore.h"
#include "widgets/chartadapter.h"
#include "widgets/detail/servicedetailview.h"
#include "widgets/qtchartsadapter.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtTest>

using namespace jimini;
using Range = ServiceDetailView::Range;
using Chart = ServiceDetailView::Chart;

namespace {

const QString endpoint = QStringLiteral("http://127.0.0.1:8081");
constexpr std::int64_t t0 = 1'700'000'000'000; // a whole multiple of 10 s
constexpr int hours = 2;
constexpr int seconds = hours * 3600; // samples at t0 + i s + 0.5 s, i in [0, seconds)

std::int64_t sampleTime(int i) {
    return t0 + std::int64_t(i) * 1000 + 500;
}
float requestRate(int i) {
    return float(i % 100);
} // a 10 s mean of it is exact in float

InstanceRow row() {
    InstanceRow r;
    r.endpointId = endpoint;
    r.service = QStringLiteral("checkout");
    r.instance = QStringLiteral("checkout-1");
    r.environment = QStringLiteral("prod");
    r.hasDocument = true;
    r.level = HealthLevel::Degraded;
    PolicyRow payments;
    payments.name = QStringLiteral("payments");
    PolicyRow inventory;
    inventory.name = QStringLiteral("inventory");
    r.policies = {payments, inventory};
    return r;
}

void appendSecond(SeriesStore& store, int i) {
    const std::int64_t t = sampleTime(i);
    store.append({endpoint, {}, Metric::RequestRate}, t, requestRate(i));
    store.append({endpoint, {}, Metric::ErrorRate}, t, 0.25f);
    store.append({endpoint, {}, Metric::LatencyP50}, t, 0.010f);
    store.append({endpoint, {}, Metric::LatencyP95}, t, 0.020f);
    store.append({endpoint, {}, Metric::LatencyP99}, t, 0.040f);
    for (const char* policy : {"payments", "inventory"}) {
        const bool payments = qstrcmp(policy, "payments") == 0;
        store.append({endpoint, policy, Metric::TokensAvailable}, t, payments ? 7.0f : 70.0f);
        store.append({endpoint, policy, Metric::TokenLimit}, t, payments ? 10.0f : 100.0f);
        store.append({endpoint, policy, Metric::BulkheadActive}, t, 3.0f);
        store.append({endpoint, policy, Metric::BulkheadQueued}, t, 1.0f);
        store.append({endpoint, policy, Metric::BulkheadCapacity}, t, 8.0f);
        // payments opens 30 s before the end; inventory stays closed
        const BreakerState state = payments && i >= seconds - 30 ? BreakerState::Open : BreakerState::Closed;
        store.append({endpoint, policy, Metric::BreakerState}, t, float(breakerStateCode(state)));
    }
}

} // namespace

class tst_ServiceDetailView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void stepFollowsTheStoresTiers_data();
    void stepFollowsTheStoresTiers();
    void rangeReadsTheRightTier_data();
    void rangeReadsTheRightTier();
    void perPolicyChartsFollowTheSelector();
    void unitsScaled();
    void latencyOnALogAxis();
    void breakerBandPatternsPerState();
    void nothingReportedIsAGap();
    void absentStagesSaySo();
    void pauseShowsABanner();
    void pauseFreezesAndResumeCatchesUp();
    void scrollBackShowsOlderPoints();
    void scrollBackBeyondTheHourUsesTheCoarseTier();
    void dragScrollsBack();
    void breakerBandMarksTheChange();
    void failuresStackByKind();
    void windowChartsSayWhatAPointCovers_data();
    void windowChartsSayWhatAPointCovers();
    void keyboard();
    void refreshAtMostTenTimesASecond();
    void accessibleNames();
    void header();
    void grabsAnImage();

private:
    std::unique_ptr<SeriesStore> m_store;
    std::unique_ptr<ServiceDetailView> m_view;
    std::int64_t m_now = 0;
};

void tst_ServiceDetailView::initTestCase() {
    QLocale::setDefault(QLocale::c());
}

void tst_ServiceDetailView::init() {
    m_store = std::make_unique<SeriesStore>(
        std::vector<SeriesStore::Tier>{{std::chrono::seconds(1), 3600}, {std::chrono::seconds(10), 8640}});
    for (int i = 0; i < seconds; ++i)
        appendSecond(*m_store, i);
    m_now = sampleTime(seconds - 1) + 200; // inside the last second
    m_view = std::make_unique<ServiceDetailView>(*m_store, ConsoleClock::live());
    m_view->setClock([this] { return m_now; });
    m_view->setRow(row());
}

void tst_ServiceDetailView::cleanup() {
    m_view.reset();
    m_store.reset();
}

void tst_ServiceDetailView::stepFollowsTheStoresTiers_data() {
    QTest::addColumn<int>("coarseStepS"); // 0: the default tiers
    QTest::addColumn<Range>("range");
    QTest::addColumn<std::int64_t>("stepMs");
    QTest::newRow("default, 1 h") << 0 << Range::OneHour << std::int64_t(1000);
    QTest::newRow("default, 24 h") << 0 << Range::OneDay << std::int64_t(60'000);
    QTest::newRow("10 s tier, 24 h") << 10 << Range::OneDay << std::int64_t(10'000);
    QTest::newRow("10 s tier, 15 min") << 10 << Range::FifteenMinutes << std::int64_t(1000);
}

void tst_ServiceDetailView::stepFollowsTheStoresTiers() {
    QFETCH(int, coarseStepS);
    QFETCH(Range, range);
    QFETCH(std::int64_t, stepMs);
    const SeriesStore store =
        coarseStepS == 0
            ? SeriesStore()
            : SeriesStore({{std::chrono::seconds(1), 3600},
                           {std::chrono::seconds(coarseStepS), 86400 / std::size_t(coarseStepS)}});
    ServiceDetailView view(store, ConsoleClock::live());
    QCOMPARE(view.stepMs(range), stepMs);
}

void tst_ServiceDetailView::rangeReadsTheRightTier_data() {
    QTest::addColumn<Range>("range");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("stepS");
    QTest::newRow("2 min") << Range::TwoMinutes << 120 << 1;
    QTest::newRow("15 min") << Range::FifteenMinutes << 900 << 1;
    QTest::newRow("1 h") << Range::OneHour << 3600 << 1;
    QTest::newRow("24 h") << Range::OneDay << seconds / 10 << 10; // all 2 h there is, at 10 s
}

void tst_ServiceDetailView::rangeReadsTheRightTier() {
    QFETCH(Range, range);
    QFETCH(int, count);
    QFETCH(int, stepS);
    m_view->setRange(range);
    m_view->refresh();
    const std::int64_t end = t0 + std::int64_t(seconds) * 1000; // end of the last step, either tier
    QCOMPARE(m_view->windowEndMs(), end);
    QCOMPARE(m_view->windowStartMs(), end - ServiceDetailView::spanMs(range));

    const QVector<QPointF> points = m_view->chart(Chart::Requests)->points(0);
    QCOMPARE(points.size(), count);
    const int firstSecond = seconds - count * stepS;
    for (int k = 0; k < count; ++k) {
        const int second = firstSecond + k * stepS;
        QCOMPARE(points[k].x(), double(t0 + std::int64_t(second) * 1000));
        const double expected = stepS == 1 ? double(requestRate(second)) : double(second % 100) + 4.5;
        QCOMPARE(points[k].y(), expected);
    }
    const QRectF shown = m_view->chart(Chart::Requests)->range();
    QCOMPARE(shown.left(), double(end - ServiceDetailView::spanMs(range)));
    QCOMPARE(shown.right(), double(end));
    QCOMPARE(shown.top(), 0.0);
    QCOMPARE(shown.bottom(), 100.0); // the data's top, 99, rounded up
    for (Chart chart : {Chart::Errors, Chart::Latency, Chart::Tokens, Chart::Bulkhead}) {
        ChartAdapter* adapter = m_view->chart(chart);
        for (int s = 0; s < adapter->seriesCount(); ++s)
            QCOMPARE(adapter->points(s).size(), count);
    }
}

void tst_ServiceDetailView::perPolicyChartsFollowTheSelector() {
    m_view->setRange(Range::TwoMinutes);
    QCOMPARE(m_view->policy(), QStringLiteral("payments"));
    m_view->refresh();
    ChartAdapter* tokens = m_view->chart(Chart::Tokens);
    QCOMPARE(tokens->seriesCount(), 2);
    QCOMPARE(tokens->points(0).last().y(), 7.0);
    QCOMPARE(tokens->points(1).last().y(), 10.0);
    QCOMPARE(tokens->range().bottom(), 10.0);
    m_view->setPolicy(QStringLiteral("inventory"));
    QCOMPARE(tokens->points(0).last().y(), 70.0);
    QCOMPARE(tokens->points(1).last().y(), 100.0);
    QCOMPARE(tokens->range().bottom(), 100.0);
    ChartAdapter* bulkhead = m_view->chart(Chart::Bulkhead);
    QCOMPARE(bulkhead->seriesCount(), 3);
    QCOMPARE(bulkhead->points(0).last().y(), 3.0);
    QCOMPARE(bulkhead->points(1).last().y(), 1.0);
    QCOMPARE(bulkhead->points(2).last().y(), 8.0);
}

void tst_ServiceDetailView::unitsScaled() {
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    QCOMPARE(m_view->chart(Chart::Errors)->points(0).last().y(), 25.0); // percent
    ChartAdapter* latency = m_view->chart(Chart::Latency);              // milliseconds
    QCOMPARE(latency->seriesName(0), QStringLiteral("p50"));
    QCOMPARE(qRound(latency->points(0).last().y() * 1000), 10000);
    QCOMPARE(qRound(latency->points(1).last().y() * 1000), 20000);
    QCOMPARE(qRound(latency->points(2).last().y() * 1000), 40000);
    QVERIFY(latency->yLogarithmic());
    QCOMPARE(latency->range().top(), 10.0);     // the decade under p50
    QCOMPARE(latency->range().bottom(), 100.0); // the decade over p99
}

// A 30 s p99 does not flatten p50 and p95: the latency axis is logarithmic, decades from under the
// smallest latency to over the largest; a zero p50 keeps its 0 and is drawn on the bottom edge.
void tst_ServiceDetailView::latencyOnALogAxis() {
    SeriesStore store;
    const std::int64_t end = t0 + 120'000;
    for (int i = 0; i < 120; ++i) {
        const std::int64_t t = t0 + i * 1000 + 500;
        store.append({endpoint, {}, Metric::LatencyP50}, t, i == 60 ? 0.0f : 0.004f);
        store.append({endpoint, {}, Metric::LatencyP95}, t, 0.050f);
        store.append({endpoint, {}, Metric::LatencyP99}, t, i == 90 ? 30.0f : 0.200f);
    }
    ServiceDetailView view(store, ConsoleClock::live());
    view.setClock([end] { return end - 300; });
    view.setRow(row());
    view.setRange(Range::TwoMinutes);
    view.refresh();
    ChartAdapter* latency = view.chart(Chart::Latency);
    QVERIFY(latency->yLogarithmic());
    auto* axis = qobject_cast<QChartView*>(latency->widget())->chart()->axes(Qt::Vertical).first();
    QCOMPARE(axis->property("labelFormat").toString(), QStringLiteral("%.6g")); // 100000, not 1e+05
    QCOMPARE(latency->range().top(), 1.0);                                      // 4 ms: the decade from 1 ms
    QCOMPARE(latency->range().bottom(), 100000.0); // 30 s = 30000 ms: up to 100 s
    QCOMPARE(latency->points(0)[60].y(), 0.0);
    auto* drawn = dynamic_cast<QtChartsAdapter*>(latency);
    QVERIFY(drawn);
    QCOMPARE(drawn->drawnPoints(0)[60].y(), 1.0);
    // Hovering the spike reads every percentile, in milliseconds.
    const QString text = latency->valuesAt(double(t0 + 90'000 + 500));
    QVERIFY2(text.endsWith(QStringLiteral("\np50: 4\np95: 50\np99: 30000")), qPrintable(text));
}

// The band's states differ in pattern as the lamps differ in shape, not in colour alone.
void tst_ServiceDetailView::breakerBandPatternsPerState() {
    ChartAdapter* band = m_view->chart(Chart::Breaker);
    const Qt::BrushStyle expected[] = {Qt::SolidPattern, Qt::Dense4Pattern, Qt::DiagCrossPattern,
                                       Qt::CrossPattern, Qt::BDiagPattern};
    for (int policy = 0; policy < 2; ++policy)
        for (int s = 0; s < 5; ++s)
            QCOMPARE(band->bandPattern(ServiceDetailView::bandIndex(policy, s)), expected[s]);
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    const double open = double(t0 + std::int64_t(seconds - 10) * 1000);
    // The legend shows each state's fill beside its lamp: five swatches, no two alike.
    const QList<QLabel*> swatches = m_view->findChildren<QLabel*>(QStringLiteral("breakerBandSwatch"));
    QCOMPARE(swatches.size(), 5);
    for (int a = 0; a < 5; ++a)
        for (int b = a + 1; b < 5; ++b)
            QVERIFY(swatches[a]->pixmap().toImage() != swatches[b]->pixmap().toImage());
    QVERIFY2(band->valuesAt(open).endsWith(QStringLiteral("\npayments open\ninventory closed")),
             qPrintable(band->valuesAt(open)));
}

// Seconds with no document (unreachable) and figures the source never reported have no points: the
// line breaks there instead of joining across, and an unreported figure draws nothing (not a 0).
void tst_ServiceDetailView::nothingReportedIsAGap() {
    SeriesStore store;
    const std::int64_t end = t0 + 120'000;
    for (int i = 0; i < 120; ++i) {
        if (i >= 40 && i < 70)
            continue; // unreachable for 30 s
        store.append({endpoint, {}, Metric::ErrorRate}, t0 + i * 1000 + 500, 0.5f);
        store.append({endpoint, {}, Metric::LatencyP95}, t0 + i * 1000 + 500, 0.2f); // p50, p99: never
    }
    ServiceDetailView view(store, ConsoleClock::live());
    view.setClock([end] { return end - 300; });
    view.setRow(row());
    view.setRange(Range::TwoMinutes);
    view.refresh();
    const QVector<QPointF> errors = view.chart(Chart::Errors)->points(0);
    int gaps = 0;
    for (qsizetype k = 0; k < errors.size(); ++k) {
        if (!ChartAdapter::isGap(errors[k]))
            continue;
        ++gaps;
        QCOMPARE(errors[k - 1].x(), double(t0 + 39'000));
        QCOMPARE(errors[k + 1].x(), double(t0 + 70'000));
    }
    QCOMPARE(gaps, 1);
    QCOMPARE(errors.size(), 90 + 1);
    ChartAdapter* latency = view.chart(Chart::Latency);
    QVERIFY(latency->points(0).isEmpty()); // p50 never reported
    QCOMPARE(latency->points(1).size(), 91);
    QVERIFY(latency->points(2).isEmpty());
    QVERIFY(view.chart(Chart::Requests)->points(0).isEmpty());
}

// A policy without a rate limiter (or bulkhead) says so instead of an empty 0-1 chart; where the document
// has not come yet nothing is claimed, and history of a removed stage is still drawn.
void tst_ServiceDetailView::absentStagesSaySo() {
    SeriesStore store;
    const std::int64_t end = t0 + 120'000;
    for (int i = 0; i < 120; ++i)
        store.append({endpoint, {}, Metric::RequestRate}, t0 + i * 1000 + 500, 5.0f);
    ServiceDetailView view(store, ConsoleClock::live());
    view.setClock([end] { return end - 300; });
    InstanceRow r = row();
    r.policies[0].hasBulkhead = true;    // payments: a bulkhead, no rate limiter
    r.policies[1].hasRateLimiter = true; // inventory: a rate limiter, no bulkhead
    view.setRow(r);
    view.setRange(Range::TwoMinutes);
    view.refresh();
    ChartAdapter* tokens = view.chart(Chart::Tokens);
    ChartAdapter* bulkhead = view.chart(Chart::Bulkhead);
    QCOMPARE(tokens->placeholder(), QStringLiteral("No rate limiter in this policy"));
    QVERIFY(bulkhead->placeholder().isEmpty());
    auto* label = tokens->widget()->findChild<QLabel*>(QStringLiteral("chartPlaceholder"));
    QVERIFY(label && !label->isHidden());
    view.setPolicy(QStringLiteral("inventory"));
    QVERIFY(tokens->placeholder().isEmpty());
    QVERIFY(label->isHidden());
    QCOMPARE(bulkhead->placeholder(), QStringLiteral("No bulkhead in this policy"));

    InstanceRow none = r;
    none.policies.clear();
    view.setRow(none);
    view.refresh();
    QCOMPARE(tokens->placeholder(), QStringLiteral("No policy in this service"));
    QCOMPARE(bulkhead->placeholder(), QStringLiteral("No policy in this service"));

    InstanceRow waiting = r; // no document yet: the stages are not known
    waiting.hasDocument = false;
    view.setRow(waiting);
    view.refresh();
    QVERIFY(tokens->placeholder().isEmpty());
    QVERIFY(bulkhead->placeholder().isEmpty());

    // The fixture's row says no rate limiter either, but its window holds tokens: those are drawn.
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    QVERIFY(m_view->chart(Chart::Tokens)->placeholder().isEmpty());
    QVERIFY(!m_view->chart(Chart::Tokens)->points(0).isEmpty());
}

void tst_ServiceDetailView::pauseShowsABanner() {
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    auto* banner = m_view->findChild<QLabel*>(QStringLiteral("pausedBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    m_view->setPaused(true);
    QVERIFY(banner->isVisible());
    const QString at = QDateTime::fromMSecsSinceEpoch(m_now).toString(QStringLiteral("HH:mm:ss"));
    QCOMPARE(banner->text(),
             QStringLiteral("Paused at %1 \u2014 live data continues to be recorded").arg(at));
    m_now += 5000; // the banner keeps the time of pausing
    m_view->refresh();
    QCOMPARE(banner->text(),
             QStringLiteral("Paused at %1 \u2014 live data continues to be recorded").arg(at));
    m_view->setPaused(false);
    QVERIFY(!banner->isVisible());
}

void tst_ServiceDetailView::pauseFreezesAndResumeCatchesUp() {
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    const QVector<QPointF> before = m_view->chart(Chart::Requests)->points(0);
    m_view->setPaused(true);
    QVERIFY(m_view->isPaused());
    for (int i = seconds; i < seconds + 10; ++i)
        appendSecond(*m_store, i);
    m_now += 10000;
    m_view->refresh();
    QCOMPARE(m_view->chart(Chart::Requests)->points(0), before);
    QCOMPARE(m_view->windowEndMs(), t0 + std::int64_t(seconds) * 1000);

    m_view->setPaused(false);
    const QVector<QPointF> after = m_view->chart(Chart::Requests)->points(0);
    QCOMPARE(after.size(), 120);
    QCOMPARE(after.last().x(), double(t0 + std::int64_t(seconds + 9) * 1000));
    QCOMPARE(after.last().y(), double(requestRate(seconds + 9)));
    QCOMPARE(after.first().x(), double(t0 + std::int64_t(seconds + 10 - 120) * 1000));
}

void tst_ServiceDetailView::scrollBackShowsOlderPoints() {
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    auto* scroll = m_view->findChild<QScrollBar*>();
    QVERIFY(scroll);
    QVERIFY(!scroll->isEnabled());
    m_view->setScrollBackMs(60000); // ignored while live
    QCOMPARE(m_view->scrollBackMs(), 0);

    m_view->setPaused(true);
    QVERIFY(scroll->isEnabled());
    QCOMPARE(scroll->maximum(), 86400 - 120);
    QCOMPARE(scroll->value(), scroll->maximum());
    scroll->setValue(scroll->maximum() - 600); // ten minutes back
    QCOMPARE(m_view->scrollBackMs(), 600000);
    m_view->refresh();
    const QVector<QPointF> points = m_view->chart(Chart::Requests)->points(0);
    QCOMPARE(points.size(), 120);
    QCOMPARE(points.first().x(), double(t0 + std::int64_t(seconds - 600 - 120) * 1000));
    QCOMPARE(points.last().x(), double(t0 + std::int64_t(seconds - 600 - 1) * 1000));
    QCOMPARE(points.last().y(), double(requestRate(seconds - 601)));

    m_view->setScrollBackMs(-5); // clamped
    QCOMPARE(m_view->scrollBackMs(), 0);
    m_view->setScrollBackMs(std::int64_t(1) << 40);
    QCOMPARE(m_view->scrollBackMs(), 86400000 - 120000);
}

void tst_ServiceDetailView::scrollBackBeyondTheHourUsesTheCoarseTier() {
    m_view->setRange(Range::FifteenMinutes);
    m_view->refresh();
    m_view->setPaused(true);
    m_view->setScrollBackMs(std::int64_t(70) * 60 * 1000); // 1 h 10 min back: past the 1 s tier
    m_view->refresh();
    const QVector<QPointF> points = m_view->chart(Chart::Requests)->points(0);
    QCOMPARE(points.size(), 90);
    const int firstSecond = seconds - 70 * 60 - 15 * 60;
    QCOMPARE(points.first().x(), double(t0 + std::int64_t(firstSecond) * 1000));
    QCOMPARE(points.first().y(), double(firstSecond % 100) + 4.5);
    QCOMPARE(points[1].x() - points[0].x(), 10000.0);
}

void tst_ServiceDetailView::dragScrollsBack() {
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    auto* area = qobject_cast<QAbstractScrollArea*>(m_view->chart(Chart::Requests)->widget());
    QVERIFY(area);
    QWidget* target = area->viewport();
    const auto send = [target](QEvent::Type type, int x) {
        QMouseEvent event(type, QPointF(x, 50), target->mapToGlobal(QPointF(x, 50)), Qt::LeftButton,
                          type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &event);
    };
    send(QEvent::MouseButtonPress, 100);
    send(QEvent::MouseMove, 300);
    send(QEvent::MouseButtonRelease, 300);
    QCOMPARE(m_view->scrollBackMs(), 0); // live: a drag does nothing

    m_view->setPaused(true);
    send(QEvent::MouseButtonPress, 100);
    send(QEvent::MouseMove, 300);
    send(QEvent::MouseButtonRelease, 300);
    const std::int64_t expected =
        (std::int64_t(200) * 120000 / m_view->chart(Chart::Requests)->widget()->width()) / 1000 * 1000;
    QVERIFY(expected > 0);
    QCOMPARE(m_view->scrollBackMs(), expected);
    m_view->refresh();
    QCOMPARE(m_view->chart(Chart::Requests)->points(0).last().x(),
             double(t0 + std::int64_t(seconds) * 1000 - expected - 1000));
}

void tst_ServiceDetailView::breakerBandMarksTheChange() {
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    ChartAdapter* band = m_view->chart(Chart::Breaker);
    QCOMPARE(band->seriesCount(), 2 * 5);
    const double end = double(t0 + std::int64_t(seconds) * 1000);
    const double from = end - 120000;
    const double change = double(t0 + std::int64_t(seconds - 30) * 1000);
    // payments is the first policy: the top row, [1, 2) inset by 0.15
    const QVector<QPointF> closed = band->points(ServiceDetailView::bandIndex(0, 0));
    const QVector<QPointF> open = band->points(ServiceDetailView::bandIndex(0, 2));
    QCOMPARE(closed, (QVector<QPointF>{{from, 1.15}, {from, 1.85}, {change, 1.85}, {change, 1.15}}));
    QCOMPARE(open, (QVector<QPointF>{{change, 1.15}, {change, 1.85}, {end, 1.85}, {end, 1.15}}));
    QCOMPARE(band->bandLower(ServiceDetailView::bandIndex(0, 2)),
             (QVector<QPointF>{{change, 1.15}, {end, 1.15}}));
    for (int s : {1, 3, 4})
        QVERIFY(band->points(ServiceDetailView::bandIndex(0, s)).isEmpty());
    // inventory: closed throughout, the bottom row
    QCOMPARE(band->points(ServiceDetailView::bandIndex(1, 0)),
             (QVector<QPointF>{{from, 0.15}, {from, 0.85}, {end, 0.85}, {end, 0.15}}));
    QVERIFY(band->points(ServiceDetailView::bandIndex(1, 2)).isEmpty());
    QVERIFY(band->widget()->accessibleDescription().contains(QStringLiteral("payments open")));
    QCOMPARE(band->range().bottom(), 2.0);
}

// The failed calls stacked by kind, bottom up in FailureKind order: each band starts where the one below
// ends. The older minute comes from a source that reports only timeouts and rate limited (the guide's
// document): the other bands are flat there, not 0-high bands that look known; a second without any
// document leaves every band flat.
// A window figure covers the window before its point; a guide document's, the service's whole life.
void tst_ServiceDetailView::windowChartsSayWhatAPointCovers_data() {
    QTest::addColumn<std::optional<double>>("window");
    QTest::addColumn<QString>("each");
    QTest::newRow("native, 60 s") << std::optional<double>(60) << QStringLiteral("up to the 60 s before it");
    QTest::newRow("native, 30 s") << std::optional<double>(30) << QStringLiteral("up to the 30 s before it");
    QTest::newRow("guide") << std::optional<double>()
                           << QStringLiteral("since the service started (lifetime totals)");
}

void tst_ServiceDetailView::windowChartsSayWhatAPointCovers() {
    QFETCH(std::optional<double>, window);
    QFETCH(QString, each);
    InstanceRow r = row();
    r.metricsWindowSeconds = window;
    m_view->setRow(r);
    for (const Chart c : {Chart::Requests, Chart::Errors, Chart::Latency, Chart::Failures})
        QVERIFY2(m_view->chart(c)->title().endsWith(QStringLiteral(" · each point: ") + each),
                 qPrintable(m_view->chart(c)->title()));
    QCOMPARE(m_view->chart(Chart::Tokens)->title(), QStringLiteral("Tokens")); // a gauge: now
    QVERIFY(m_view->chart(Chart::Failures)->title().startsWith(QStringLiteral("Failed calls by kind · ")));
}

void tst_ServiceDetailView::failuresStackByKind() {
    const int gap = seconds - 10;
    for (int i = seconds - 120; i < seconds; ++i) {
        if (i == gap)
            continue;
        const bool all = i >= seconds - 60;
        const float parts[] = {1, 2, 5, 0, 3, 0};
        for (std::size_t k = 0; k < 6; ++k)
            if (all || k == 1 || k == 2)
                m_store->append({endpoint, {}, failureMetric(k)}, sampleTime(i), parts[k]);
    }
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    ChartAdapter* chart = m_view->chart(Chart::Failures);
    QCOMPARE(chart->seriesCount(), 6);
    QCOMPARE(chart->seriesName(2), QStringLiteral("rate limited"));
    const auto step = [](int i) { return double(t0 + std::int64_t(i) * 1000); };
    // y of a polyline at the start of step i (its first point there).
    const auto at = [](const QVector<QPointF>& line, double x) {
        for (const QPointF& p : line)
            if (p.x() == x)
                return p.y();
        return -1.0;
    };
    const double full[][2] = {{0, 1}, {1, 3}, {3, 8}, {8, 8}, {8, 11}, {11, 11}};
    const double guide[][2] = {{0, 0}, {0, 2}, {2, 7}, {7, 7}, {7, 7}, {7, 7}};
    for (int k = 0; k < 6; ++k) {
        const QVector<QPointF> upper = chart->points(k);
        const QVector<QPointF> lower = chart->bandLower(k);
        QCOMPARE(at(lower, step(seconds - 30)), full[k][0]);
        QCOMPARE(at(upper, step(seconds - 30)), full[k][1]);
        QCOMPARE(at(lower, step(seconds - 90)), guide[k][0]);
        QCOMPARE(at(upper, step(seconds - 90)), guide[k][1]);
    }
    // Across the missing second the breaker-open band closes: its top comes down to its base.
    const QVector<QPointF> breaker = chart->points(4);
    const qsizetype close = breaker.indexOf(QPointF(step(gap), 8));
    QVERIFY(close > 0);
    QCOMPARE(breaker.at(close + 1), QPointF(step(gap + 1), 8));
    QCOMPARE(chart->range().bottom(), 15.0); // 11 at most, on a round axis
    QVERIFY(chart->widget()->accessibleDescription().contains(QStringLiteral("breaker open 3")));
}

void tst_ServiceDetailView::keyboard() {
    m_view->show();
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    QTest::keyClick(m_view.get(), Qt::Key_1);
    QCOMPARE(m_view->range(), Range::TwoMinutes);
    QTest::keyClick(m_view.get(), Qt::Key_4);
    QCOMPARE(m_view->range(), Range::OneDay);
    QTest::keyClick(m_view.get(), Qt::Key_3);
    QCOMPARE(m_view->range(), Range::OneHour);
    QTest::keyClick(m_view.get(), Qt::Key_2);
    QCOMPARE(m_view->range(), Range::FifteenMinutes);
    QTest::keyClick(m_view.get(), Qt::Key_Space);
    QVERIFY(m_view->isPaused());
    QTest::keyClick(m_view.get(), Qt::Key_Space);
    QVERIFY(!m_view->isPaused());
    // Help > Keyboard shortcuts lists a pane's shortcuts by what they say they do.
    const auto shortcuts = m_view->findChildren<QShortcut*>();
    QCOMPARE(shortcuts.size(), 5);
    for (const QShortcut* shortcut : shortcuts)
        QVERIFY2(!shortcut->whatsThis().isEmpty(), qPrintable(shortcut->key().toString()));
}

void tst_ServiceDetailView::refreshAtMostTenTimesASecond() {
    auto* timer = m_view->findChild<QTimer*>();
    QVERIFY(timer);
    QCOMPARE(timer->interval(), 100);
    QVERIFY(!timer->isActive()); // hidden: nothing is read
    m_view->show();
    QVERIFY(timer->isActive());
    m_view->hide();
    QVERIFY(!timer->isActive());
}

void tst_ServiceDetailView::accessibleNames() {
    QVERIFY(!m_view->accessibleName().isEmpty());
    for (int c = 0; c < ServiceDetailView::chartCount; ++c)
        QVERIFY(!m_view->chart(Chart(c))->widget()->accessibleName().isEmpty());
    for (QAbstractButton* button : m_view->findChildren<QAbstractButton*>())
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->text()));
    QVERIFY(!m_view->findChild<QScrollBar*>()->accessibleName().isEmpty());
    m_view->setRange(Range::TwoMinutes);
    m_view->refresh();
    QVERIFY(m_view->chart(Chart::Requests)->widget()->accessibleDescription().contains(QStringLiteral("99")));
}

void tst_ServiceDetailView::header() {
    const auto texts = [this] {
        QStringList all;
        for (QLabel* label : m_view->findChildren<QLabel*>())
            all << label->text();
        return all;
    };
    QVERIFY(texts().contains(QStringLiteral("checkout")));
    QVERIFY(texts().contains(QStringLiteral("checkout-1 · prod")));
    QVERIFY(texts().contains(QStringLiteral("degraded"), Qt::CaseInsensitive));
    InstanceRow stale = row();
    stale.stale = true;
    stale.lastSeen = QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC);
    m_view->setRow(stale);
    QVERIFY(texts().filter(QStringLiteral("stale since")).size() == 1);
}

void tst_ServiceDetailView::grabsAnImage() {
    m_view->resize(1000, 700);
    m_view->setRange(Range::FifteenMinutes);
    m_view->refresh();
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.size(), QSize(1000, 700));
    // Something was drawn: a picture of one colour would be an empty widget.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height() && colours.size() < 50; y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() >= 50);
}

QTEST_MAIN(tst_ServiceDetailView)
#include "tst_servicedetailview.moc"
