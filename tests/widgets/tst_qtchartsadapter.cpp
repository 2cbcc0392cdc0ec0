// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/qtchartsadapter.h"

#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QWidget>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
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
    QCOMPARE(x->format(), QStringLiteral("HH:mm:ss"));
    QCOMPARE(y->min(), 0.0);
    QCOMPARE(y->max(), 250.0);
    // A day drops the seconds.
    adapter.setRange(x0, x0 + 86400000.0, 1, 2);
    QCOMPARE(x->format(), QStringLiteral("HH:mm"));
    QCOMPARE(x->max().toMSecsSinceEpoch(), qint64(x0 + 86400000.0));
    QCOMPARE(y->min(), 1.0);
    QCOMPARE(y->max(), 2.0);
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
