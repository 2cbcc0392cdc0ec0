// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/chartcrosshair.h"
#include "widgets/chartvalues.h"
#include "widgets/qtchartsadapter.h"

#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QWidget>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtTest>

using namespace jimini;

class tst_QtChartsAdapter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void replaceSeries_data();
    void replaceSeries();
    void replaceAgainDropsOldPoints();
    void thinnedToTwoPointsPerColumn();
    void gapsBreakTheLine_data();
    void gapsBreakTheLine();
    void band();
    void rangeApplied();
    void timeFormatShowsTheDateOverMidnight_data();
    void timeFormatShowsTheDateOverMidnight();
    void logarithmicAxis();
    void bandPatterns();
    void placeholderReplacesTheChart();
    void valuesAt_data();
    void valuesAt();
    void valuesAtNameTheBandsRows();
    void crosshairFollowsTheCursor();
    void categories();
    void noOpenGL();
    void openGLOnlyWhenAsked();
    void paletteFollowed();
    void ownsViewUntilAdopted();
    void renders();
};

void tst_QtChartsAdapter::initTestCase() {
    QLocale::setDefault(QLocale::c());
    qunsetenv("JIMINI_CHARTS_OPENGL");
}

void tst_QtChartsAdapter::replaceSeries_data() {
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("which");
    QTest::newRow("empty") << 0 << 0;
    QTest::newRow("one") << 1 << 1;
    QTest::newRow("hour at 1 s") << 3600 << 2;
}

void tst_QtChartsAdapter::replaceSeries() {
    QFETCH(int, count);
    QFETCH(int, which);
    QtChartsAdapter adapter;
    QCOMPARE(adapter.addLineSeries("a", Qt::red), 0);
    QCOMPARE(adapter.addLineSeries("b", Qt::green), 1);
    QCOMPARE(adapter.addLineSeries("c", Qt::blue, Qt::DashLine), 2);
    QCOMPARE(adapter.seriesCount(), 3);
    QCOMPARE(adapter.seriesName(2), QStringLiteral("c"));

    QVector<QPointF> points;
    for (int i = 0; i < count; ++i)
        points.append(QPointF(1.7e12 + i * 1000.0, double(i % 97) * 0.5));
    adapter.setSeries(which, points);
    adapter.setRange(1.7e12, 1.7e12 + 3600000, 0, 50);
    QCOMPARE(adapter.points(which), points);
    for (int other = 0; other < 3; ++other)
        if (other != which)
            QVERIFY(adapter.points(other).isEmpty());
}

void tst_QtChartsAdapter::replaceAgainDropsOldPoints() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    QVector<QPointF> buffer{{1, 1}, {2, 2}, {3, 3}};
    adapter.setSeries(0, buffer);
    adapter.setRange(0, 20, 0, 10);
    // The caller reuses its buffer: what was handed over must not change with it.
    buffer.clear();
    buffer.append({QPointF(10, 5), QPointF(11, 6)});
    QCOMPARE(adapter.points(0), (QVector<QPointF>{{1, 1}, {2, 2}, {3, 3}}));
    adapter.setSeries(0, buffer);
    QCOMPARE(adapter.points(0), (QVector<QPointF>{{1, 1}, {2, 2}, {3, 3}})); // until the frame ends
    adapter.setRange(0, 20, 0, 10); // same range: the series alone is replaced
    QCOMPARE(adapter.points(0), (QVector<QPointF>{{10, 5}, {11, 6}}));
}

void tst_QtChartsAdapter::thinnedToTwoPointsPerColumn() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    adapter.widget()->resize(400, 300);
    QVector<QPointF> points; // an hour at 1 s, a saw tooth of period 7 s: 9 points per column
    for (int i = 0; i < 3600; ++i)
        points.append(QPointF(i * 1000.0, double(i % 7)));
    adapter.setSeries(0, points);
    adapter.setRange(0, 3600000, 0, 10);
    QCOMPARE(adapter.points(0), points); // what was given
    const QVector<QPointF> drawn = adapter.drawnPoints(0);
    QCOMPARE(drawn.size(), 800); // 400 columns, a low and a high each
    for (int c = 0; c < 400; ++c) {
        // column c holds seconds [9c, 9c + 9): its lowest and highest point, in time order
        QPointF low(-1, 99), high(-1, -1);
        for (int i = 9 * c; i < 9 * c + 9; ++i) {
            if (points[i].y() < low.y())
                low = points[i];
            if (points[i].y() > high.y())
                high = points[i];
        }
        const QPointF first = low.x() < high.x() ? low : high;
        const QPointF second = low.x() < high.x() ? high : low;
        QCOMPARE(drawn[2 * c], first);
        QCOMPARE(drawn[2 * c + 1], second);
    }
    // Wider (a hidden widget gets its resize event late: the next frame notices): thinned again for the
    // new width; few points: drawn as given.
    adapter.widget()->resize(2000, 300);
    adapter.setRange(0, 3600000, 0, 10);
    QCOMPARE(adapter.drawnPoints(0), points);
    adapter.setSeries(0, points.mid(0, 100));
    adapter.setRange(0, 3600000, 0, 10);
    QCOMPARE(adapter.drawnPoints(0), points.mid(0, 100));
}

// A gap point (NaN) is a break: the line is drawn as separate segments, never across the gap, and a
// line with fewer segments afterwards leaves no stale segment behind.
void tst_QtChartsAdapter::gapsBreakTheLine_data() {
    QTest::addColumn<QVector<QPointF>>("points");
    QTest::addColumn<int>("segments");
    const QPointF g = ChartAdapter::gap(0);
    QTest::newRow("no gap") << QVector<QPointF>{{1, 1}, {2, 2}, {3, 3}} << 1;
    QTest::newRow("one gap") << QVector<QPointF>{{1, 1}, {2, 2}, ChartAdapter::gap(2.5), {8, 3}, {9, 4}} << 2;
    QTest::newRow("two gaps") << QVector<QPointF>{{1, 1}, g, {4, 2}, g, {8, 3}} << 3;
    QTest::newRow("only gaps") << QVector<QPointF>{g, g} << 0;
    QTest::newRow("empty") << QVector<QPointF>{} << 0;
}

void tst_QtChartsAdapter::gapsBreakTheLine() {
    QFETCH(QVector<QPointF>, points);
    QFETCH(int, segments);
    QtChartsAdapter adapter;
    adapter.widget()->resize(400, 200);
    adapter.widget()->show();
    QVERIFY(QTest::qWaitForWindowExposed(adapter.widget()));
    adapter.addLineSeries("a", Qt::red);
    adapter.setSeries(0, {{0, 5},
                          ChartAdapter::gap(0.5),
                          {1, 5},
                          ChartAdapter::gap(1.5),
                          {2, 5},
                          ChartAdapter::gap(2.5),
                          {3, 5}});
    adapter.setRange(0, 10, 0, 10);
    QCOMPARE(adapter.segmentCount(0), 4);
    adapter.setSeries(0, points);
    adapter.setRange(0, 10, 0, 10);
    QCOMPARE(adapter.segmentCount(0), segments);
    QVector<QPointF> real;
    for (const QPointF& p : points)
        if (!ChartAdapter::isGap(p))
            real.append(p);
    QVector<QPointF> drawn;
    for (const QPointF& p : adapter.drawnPoints(0))
        if (!ChartAdapter::isGap(p))
            drawn.append(p);
    QCOMPARE(drawn, real); // every point drawn once, none made up
    // One legend entry per line, whatever its segments.
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    QVERIFY(view);
    const auto visibleMarkers = [view] {
        int visible = 0;
        for (QLegendMarker* marker : view->chart()->legend()->markers())
            visible += marker->isVisible() ? 1 : 0;
        return visible;
    };
    QTRY_COMPARE(visibleMarkers(), 1); // the legend lays its markers out on the event loop
}

void tst_QtChartsAdapter::band() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("line", Qt::red);
    QCOMPARE(adapter.addBandSeries("open", Qt::red), 1);
    const QVector<QPointF> upper{{0, 0.2}, {0, 0.8}, {5, 0.8}, {5, 0.2}};
    const QVector<QPointF> lower{{0, 0.2}, {5, 0.2}};
    adapter.setBand(1, upper, lower);
    QCOMPARE(adapter.points(1), upper);
    QCOMPARE(adapter.bandLower(1), lower);
    QVERIFY(adapter.bandLower(0).isEmpty());
    QCOMPARE(adapter.seriesName(1), QStringLiteral("open"));
    adapter.clearSeries();
    QCOMPARE(adapter.seriesCount(), 0);
}

void tst_QtChartsAdapter::rangeApplied() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    const double x0 = 1.7e12;
    adapter.setRange(x0, x0 + 120000, 0, 250);
    QCOMPARE(adapter.range(), QRectF(x0, 0, 120000, 250));
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    QVERIFY(view);
    const auto xAxes = view->chart()->axes(Qt::Horizontal);
    const auto yAxes = view->chart()->axes(Qt::Vertical);
    QCOMPARE(xAxes.size(), 1);
    QCOMPARE(yAxes.size(), 1);
    auto* x = qobject_cast<QDateTimeAxis*>(xAxes.first());
    auto* y = qobject_cast<QValueAxis*>(yAxes.first());
    QVERIFY(x && y);
    QCOMPARE(x->min().toMSecsSinceEpoch(), qint64(x0));
    QCOMPARE(x->max().toMSecsSinceEpoch(), qint64(x0 + 120000));
    QCOMPARE(y->min(), 0.0);
    QCOMPARE(y->max(), 250.0);
    adapter.setRange(x0, x0 + 86400000.0, 1, 2);
    QCOMPARE(x->max().toMSecsSinceEpoch(), qint64(x0 + 86400000.0));
    QCOMPARE(y->min(), 1.0);
    QCOMPARE(y->max(), 2.0);
}

// Seconds on a short range only; the date once the range spans two calendar days (local, as the axis).
void tst_QtChartsAdapter::timeFormatShowsTheDateOverMidnight_data() {
    QTest::addColumn<QDateTime>("start");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QString>("format");
    const QDate day(2026, 3, 10);
    QTest::newRow("2 min, noon") << QDateTime(day, QTime(12, 0)) << 2 << QStringLiteral("HH:mm:ss");
    QTest::newRow("1 h, noon") << QDateTime(day, QTime(12, 0)) << 60 << QStringLiteral("HH:mm");
    QTest::newRow("2 min over midnight")
        << QDateTime(day, QTime(23, 59)) << 2 << QStringLiteral("dd MMM HH:mm:ss");
    QTest::newRow("24 h from 14:00") << QDateTime(day, QTime(14, 0)) << 24 * 60
                                     << QStringLiteral("dd MMM HH:mm");
    QTest::newRow("24 h, midnight to midnight")
        << QDateTime(day, QTime(0, 0)) << 24 * 60 << QStringLiteral("HH:mm");
    QTest::newRow("15 min up to midnight")
        << QDateTime(day, QTime(23, 45)) << 15 << QStringLiteral("HH:mm:ss");
}

void tst_QtChartsAdapter::timeFormatShowsTheDateOverMidnight() {
    QFETCH(QDateTime, start);
    QFETCH(int, minutes);
    QFETCH(QString, format);
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    const double x0 = double(start.toMSecsSinceEpoch());
    adapter.setRange(x0, x0 + minutes * 60000.0, 0, 1);
    QCOMPARE(adapter.xLabelFormat(), format);
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    QCOMPARE(qobject_cast<QDateTimeAxis*>(view->chart()->axes(Qt::Horizontal).first())->format(), format);
}

// A log axis cannot show 0: a zero is drawn on the bottom edge while points() keeps it; gaps stay gaps.
void tst_QtChartsAdapter::logarithmicAxis() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("p50", Qt::red);
    QVERIFY(!adapter.yLogarithmic());
    adapter.setYLogarithmic(true);
    QVERIFY(adapter.yLogarithmic());
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    QCOMPARE(view->chart()->axes(Qt::Vertical).size(), 1);
    QCOMPARE(view->chart()->axes(Qt::Vertical).first()->type(), QAbstractAxis::AxisTypeLogValue);
    const QVector<QPointF> given{{0, 0}, {1, 20}, ChartAdapter::gap(1.5), {2, 30000}, {3, 5}};
    adapter.setSeries(0, given);
    adapter.setRange(0, 10, 10, 100000);
    QCOMPARE(adapter.points(0).size(), given.size());
    QCOMPARE(adapter.points(0).first(), QPointF(0, 0)); // what was given: the zero stays a zero
    QCOMPARE(adapter.segmentCount(0), 2);
    const QVector<QPointF> drawn = adapter.drawnPoints(0);
    QCOMPARE(drawn.size(), 5);
    QCOMPARE(drawn[0], QPointF(0, 10));
    QCOMPARE(drawn[1], QPointF(1, 20));
    QVERIFY(ChartAdapter::isGap(drawn[2]));
    QCOMPARE(drawn[3], QPointF(2, 30000));
    QCOMPARE(drawn[4], QPointF(3, 10));
    adapter.setRange(0, 10, 1, 100000); // a lower floor: drawn again
    QCOMPARE(adapter.drawnPoints(0)[4], QPointF(3, 5));
    auto* log = view->chart()->axes(Qt::Vertical).first();
    QCOMPARE(log->property("min").toDouble(), 1.0);
    // The lines between decades: solid and fainter than the decades' lines.
    QCOMPARE(log->minorGridLinePen().style(), Qt::SolidLine);
    QVERIFY(log->minorGridLinePen().color().alpha() < log->gridLinePen().color().alpha());
    adapter.setYLogarithmic(false);
    QCOMPARE(view->chart()->axes(Qt::Vertical).first()->type(), QAbstractAxis::AxisTypeValue);
    QCOMPARE(view->chart()->series().first()->attachedAxes().size(), 2);
}

void tst_QtChartsAdapter::bandPatterns() {
    QtChartsAdapter adapter;
    adapter.addBandSeries("closed", Qt::green);
    adapter.addBandSeries("open", Qt::red, Qt::DiagCrossPattern);
    QCOMPARE(adapter.bandPattern(0), Qt::SolidPattern);
    QCOMPARE(adapter.bandPattern(1), Qt::DiagCrossPattern);
    adapter.setSeriesColor(1, Qt::darkRed); // a palette change keeps the pattern
    QCOMPARE(adapter.bandPattern(1), Qt::DiagCrossPattern);
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    auto* area = qobject_cast<QAreaSeries*>(view->chart()->series().at(1));
    QVERIFY(area);
    QCOMPARE(area->brush().style(), Qt::DiagCrossPattern);
    QCOMPARE(area->brush().color(), QColor(Qt::darkRed));
}

void tst_QtChartsAdapter::placeholderReplacesTheChart() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    adapter.widget()->resize(300, 200);
    adapter.widget()->show();
    QVERIFY(QTest::qWaitForWindowExposed(adapter.widget()));
    auto* label = adapter.widget()->findChild<QLabel*>(QStringLiteral("chartPlaceholder"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    adapter.setPlaceholder(QStringLiteral("No rate limiter in this policy"));
    QCOMPARE(adapter.placeholder(), QStringLiteral("No rate limiter in this policy"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("No rate limiter in this policy"));
    QVERIFY(!view->chart()->series().first()->isVisible());
    for (QAbstractAxis* axis : view->chart()->axes())
        QVERIFY(!axis->isVisible());
    QVERIFY(adapter.valuesAt(0).isEmpty()); // no crosshair over a placeholder
    adapter.setPlaceholder({});
    QVERIFY(!label->isVisible());
    QVERIFY(view->chart()->series().first()->isVisible());
    for (QAbstractAxis* axis : view->chart()->axes())
        QVERIFY(axis->isVisible());
}

// The crosshair's text: the time, then each series' value there; a dash where nothing is known.
void tst_QtChartsAdapter::valuesAt_data() {
    QTest::addColumn<double>("x");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    const QString dash = ChartValues::unknownText();
    QTest::newRow("before the first point") << 500.0 << dash << dash;
    QTest::newRow("on a point") << 1000.0 << "7"
                                << "30000";
    QTest::newRow("between points: the earlier holds") << 1500.0 << "7"
                                                       << "30000";
    QTest::newRow("second point") << 2000.0 << "0.25"
                                  << "12.5";
    QTest::newRow("in a gap") << 5000.0 << dash << "12.5";
    QTest::newRow("after the gap") << 8000.0 << "0"
                                   << "12.5";
    QTest::newRow("just after the last") << 9500.0 << "0"
                                         << "12.5";
    QTest::newRow("well after the last") << 25000.0 << dash << dash;
}

void tst_QtChartsAdapter::valuesAt() {
    QFETCH(double, x);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    adapter.addLineSeries("b", Qt::blue);
    const double t0 = double(QDateTime(QDate(2026, 3, 10), QTime(14, 3, 10)).toMSecsSinceEpoch());
    const auto at = [t0](double x, double y) { return QPointF(t0 + x, y); };
    adapter.setSeries(0,
                      {at(1000, 7), at(2000, 0.25), ChartAdapter::gap(t0 + 2001), at(7000, 0), at(8000, 0)});
    adapter.setSeries(1, {at(1000, 30000), at(2000, 12.5), at(6000, 12.5), at(10000, 12.5)});
    adapter.setRange(t0, t0 + 12000, 0, 40000);
    const QString expected = QStringList{QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(t0 + x)),
                                                            QStringLiteral("HH:mm:ss")),
                                         "a: " + a, "b: " + b}
                                 .join('\n');
    QCOMPARE(adapter.valuesAt(t0 + x), expected);
}

void tst_QtChartsAdapter::valuesAtNameTheBandsRows() {
    QtChartsAdapter adapter;
    adapter.addBandSeries("payments closed", Qt::green);
    adapter.addBandSeries("payments open", Qt::red);
    adapter.addBandSeries("inventory closed", Qt::green);
    adapter.setYCategories({"inventory", "payments"}); // bottom row first
    adapter.setBand(0, {{0, 1.15}, {0, 1.85}, {50, 1.85}, {50, 1.15}}, {{0, 1.15}, {50, 1.15}});
    adapter.setBand(1, {{50, 1.15}, {50, 1.85}, {80, 1.85}, {80, 1.15}}, {{50, 1.15}, {80, 1.15}});
    adapter.setBand(2, {{0, 0.15}, {0, 0.85}, {60, 0.85}, {60, 0.15}}, {{0, 0.15}, {60, 0.15}});
    adapter.setRange(0, 100, 0, 2);
    const QString time = ChartValues::timeText(55, false);
    QCOMPARE(adapter.valuesAt(55), time + "\npayments open\ninventory closed");
    QCOMPARE(adapter.valuesAt(70),
             ChartValues::timeText(70, false) + "\npayments open\ninventory " + ChartValues::unknownText());
}

void tst_QtChartsAdapter::crosshairFollowsTheCursor() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    adapter.addLineSeries("b", Qt::blue);
    adapter.widget()->resize(600, 400);
    adapter.widget()->show();
    QVERIFY(QTest::qWaitForWindowExposed(adapter.widget()));
    const double t0 = double(QDateTime(QDate(2026, 3, 10), QTime(14, 3, 10)).toMSecsSinceEpoch());
    QVector<QPointF> a;
    for (int i = 0; i < 10; ++i)
        a.append(QPointF(t0 + i * 1000.0, 7 + i));
    adapter.setSeries(0, a);
    adapter.setSeries(1, {ChartAdapter::gap(t0)});
    adapter.setRange(t0, t0 + 10000, 0, 20);
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    QTRY_VERIFY(view->chart()->plotArea().width() > 100);
    QWidget* viewport = view->viewport();
    const QPointF inChart =
        view->chart()->mapToPosition(QPointF(t0 + 4500, 10), view->chart()->series().first());
    const QPoint pos = view->mapFromScene(view->chart()->mapToScene(inChart));
    QMouseEvent move(QEvent::MouseMove, pos, viewport->mapToGlobal(QPointF(pos)), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    ChartCrosshair* crosshair = adapter.crosshair();
    QVERIFY(crosshair->isShown());
    QVERIFY2(std::abs(crosshair->x() - (t0 + 4500)) < 100, qPrintable(QString::number(crosshair->x() - t0)));
    QCOMPARE(crosshair->text(), QStringList({QStringLiteral("14:03:14"), QStringLiteral("a: 11"),
                                             QStringLiteral("b: ") + ChartValues::unknownText()})
                                    .join('\n'));
    auto* label = viewport->findChild<QLabel*>(QStringLiteral("chartCrosshair"));
    QVERIFY(label && label->isVisible());
    QVERIFY(viewport->rect().contains(label->geometry()));
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(viewport, &leave);
    QVERIFY(!crosshair->isShown());
    QVERIFY(crosshair->text().isEmpty());
    // Outside the plot area (over the title): nothing.
    QMouseEvent top(QEvent::MouseMove, QPointF(pos.x(), 1), viewport->mapToGlobal(QPointF(pos.x(), 1)),
                    Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &top);
    QVERIFY(!crosshair->isShown());
}

void tst_QtChartsAdapter::categories() {
    QtChartsAdapter adapter;
    adapter.addBandSeries("open", Qt::red);
    adapter.setRange(0, 10, 0, 2);
    adapter.setYCategories({"bottom", "top"});
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    const auto yAxes = view->chart()->axes(Qt::Vertical);
    QCOMPARE(yAxes.size(), 1);
    QCOMPARE(yAxes.first()->type(), QAbstractAxis::AxisTypeCategory);
    QCOMPARE(view->chart()->series().first()->attachedAxes().size(), 2);
    adapter.setYCategories({});
    QCOMPARE(view->chart()->axes(Qt::Vertical).first()->type(), QAbstractAxis::AxisTypeValue);
    QCOMPARE(view->chart()->series().first()->attachedAxes().size(), 2);
}

void tst_QtChartsAdapter::noOpenGL() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", Qt::red);
    adapter.addBandSeries("b", Qt::red);
    QVERIFY(!QtChartsAdapter::openGLRequested());
    QVERIFY(!adapter.usesOpenGL());
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    QVERIFY(view->renderHints().testFlag(QPainter::Antialiasing));
}

void tst_QtChartsAdapter::openGLOnlyWhenAsked() {
    qputenv("JIMINI_CHARTS_OPENGL", "0");
    QVERIFY(!QtChartsAdapter::openGLRequested());
    qputenv("JIMINI_CHARTS_OPENGL", "1");
    QVERIFY(QtChartsAdapter::openGLRequested());
    {
        QtChartsAdapter adapter;
        adapter.addLineSeries("a", Qt::red);
        QVERIFY(adapter.usesOpenGL()); // requested only: never rendered here
    }
    qunsetenv("JIMINI_CHARTS_OPENGL");
}

void tst_QtChartsAdapter::paletteFollowed() {
    QtChartsAdapter adapter;
    auto* view = qobject_cast<QChartView*>(adapter.widget());
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    view->setPalette(dark);
    QCOMPARE(view->chart()->backgroundBrush().color(), QColor(0x20, 0x20, 0x20));
    QCOMPARE(view->chart()->axes(Qt::Horizontal).first()->labelsColor(), QColor(0xee, 0xee, 0xee));
}

void tst_QtChartsAdapter::ownsViewUntilAdopted() {
    QPointer<QWidget> standalone;
    {
        QtChartsAdapter adapter;
        standalone = adapter.widget();
    }
    QVERIFY(standalone.isNull());
    QWidget parent;
    QPointer<QWidget> adopted;
    {
        QtChartsAdapter adapter(&parent);
        adopted = adapter.widget();
    }
    QVERIFY(!adopted.isNull()); // the parent deletes it
}

void tst_QtChartsAdapter::renders() {
    QtChartsAdapter adapter;
    adapter.addLineSeries("a", QColor(255, 0, 0));
    QVector<QPointF> points;
    for (int i = 0; i <= 100; ++i)
        points.append(QPointF(i * 1000.0, 50));
    adapter.setSeries(0, points);
    adapter.setRange(0, 100000, 0, 100);
    QCOMPARE(adapter.points(0), points);
    adapter.setRange(0, 100000, 0, 200); // a rescale keeps the points
    QCOMPARE(adapter.points(0), points);
    adapter.setRange(0, 100000, 0, 100);
    adapter.setLegendVisible(false);
    adapter.widget()->resize(400, 300);
    const QImage image = adapter.widget()->grab().toImage();
    QCOMPARE(image.size(), QSize(400, 300));
    int red = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            red += c.red() > 200 && c.green() < 80 && c.blue() < 80;
        }
    QVERIFY2(red > 100, qPrintable(QString::number(red))); // the line is drawn
}

QTEST_MAIN(tst_QtChartsAdapter)
#include "tst_qtchartsadapter.moc"
