// SPDX-License-Identifier: GPL-3.0-or-later
// The console's themes as rendered: an offscreen screenshot of the demo fleet whose background is
// actually dark with the dark palette and actually light with the light one.
#include "console/mainwindow.h"
#include "store/fleethub.h"
#include "widgets/alerts/alertsmodel.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/workspace/workspacetool.h"

#include "serve/demofleet.h"
#include "support/consoletestsetup.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/palette.h"

#include <QApplication>
#include <QImage>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace jimini;

namespace {

// Relative luminance (0 black .. 1 white) of the median pixel: the background, as most of a window is.
double medianLuminance(const QImage& image) {
    std::vector<double> values;
    values.reserve(std::size_t(image.width()) * std::size_t(image.height()));
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            values.push_back(0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF());
        }
    auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

// WCAG 2 relative luminance and contrast ratio (1 .. 21), from sRGB.
double relativeLuminance(const QColor& colour) {
    const auto linear = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) +
           0.0722 * linear(colour.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class tst_ThemeScreenshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fleetScreenshot_data();
    void fleetScreenshot();
    void resolvedAlertsAreReadable_data();
    void resolvedAlertsAreReadable();
};

void tst_ThemeScreenshot::initTestCase() {
    initConsoleTest();
}

void tst_ThemeScreenshot::fleetScreenshot_data() {
    QTest::addColumn<int>("theme");
    QTest::addColumn<bool>("dark");
    QTest::newRow("dark") << int(MainWindow::Theme::Dark) << true;
    QTest::newRow("light") << int(MainWindow::Theme::Light) << false;
}

void tst_ThemeScreenshot::fleetScreenshot() {
    QFETCH(int, theme);
    QFETCH(bool, dark);
    DemoFleet::Options options;
    options.firstFlap = std::chrono::milliseconds(100);
    options.firstDown = std::chrono::milliseconds(100);
    DemoFleet fleet(options);
    QString error;
    QVERIFY2(fleet.start(&error), qPrintable(error));
    MainWindow window;
    window.tool<WorkspaceTool>()->setRemember(false);
    window.setTheme(MainWindow::Theme(theme));
    QCOMPARE(Palette::isDark(QApplication::palette()), dark);
    window.resize(1280, 800);
    window.show();
    QList<ServiceEndpoint> endpoints;
    for (const QUrl& url : fleet.baseUrls()) {
        ServiceEndpoint endpoint;
        endpoint.baseUrl = url;
        endpoint.interval = std::chrono::milliseconds(200);
        endpoints.append(endpoint);
    }
    window.tool<WorkspaceTool>()->addEndpoints(endpoints);
    QTRY_COMPARE_WITH_TIMEOUT(window.tool<FleetTool>()->model()->instanceCount(), 12, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.hub().counts().ok >= 10, 5000);

    const QString path =
        QStringLiteral("%1/fleet-%2.png")
            .arg(QCoreApplication::applicationDirPath(), QLatin1String(QTest::currentDataTag()));
    QFile::remove(path);
    QVERIFY2(window.saveScreenshot(path, &error), qPrintable(error));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
    const double luminance = medianLuminance(image);
    qInfo("%s: median luminance %.3f", QTest::currentDataTag(), luminance);
    if (dark)
        QVERIFY2(luminance < 0.25, qPrintable(QString::number(luminance)));
    else
        QVERIFY2(luminance > 0.75, qPrintable(QString::number(luminance)));
    window.setTheme(MainWindow::Theme::System); // the palette is the application's: leave it as found
}

void tst_ThemeScreenshot::resolvedAlertsAreReadable_data() {
    QTest::addColumn<int>("theme");
    QTest::addColumn<bool>("acknowledged");
    for (const auto& [name, theme] :
         {std::pair{"dark", MainWindow::Theme::Dark}, {"light", MainWindow::Theme::Light}}) {
        QTest::addRow("%s, acknowledged", name) << int(theme) << true;
        // Resolved before anyone acknowledged it: on the new alert background.
        QTest::addRow("%s, new", name) << int(theme) << false;
    }
}

void tst_ThemeScreenshot::resolvedAlertsAreReadable() {
    QFETCH(int, theme);
    QFETCH(bool, acknowledged);
    MainWindow window;
    window.setTheme(MainWindow::Theme(theme));
    const QPalette palette = QApplication::palette();
    AlertsModel model;
    InstanceRow row;
    row.endpointId = QStringLiteral("http://svc-1:8080");
    row.service = QStringLiteral("svc");
    row.instance = QStringLiteral("1");
    row.status = SourceStatus::Ok;
    row.hasDocument = true;
    HealthAlert alert;
    alert.metric = QStringLiteral("error_rate");
    alert.message = QStringLiteral("High error rate");
    row.alerts = {alert};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    model.applyRows({row}, now);
    if (acknowledged)
        model.acknowledge(0);
    row.alerts.clear();
    model.applyRows({row}, now.addSecs(1));
    QVERIFY(!model.entry(0).active);
    for (int column = 0; column < AlertsModel::ColumnCount; ++column) {
        const QModelIndex index = model.index(0, column);
        const QVariant foreground = index.data(Qt::ForegroundRole);
        const QColor text = foreground.isValid() ? foreground.value<QColor>() : palette.color(QPalette::Text);
        const QVariant background = index.data(Qt::BackgroundRole);
        // A row's own background, else the view's rows, plain and alternate.
        const QList<QColor> behind =
            background.isValid()
                ? QList<QColor>{background.value<QColor>()}
                : QList<QColor>{palette.color(QPalette::Base), palette.color(QPalette::AlternateBase)};
        for (const QColor& under : behind) {
            const double ratio = contrast(text, under);
            QVERIFY2(
                ratio >= 4.5,
                qPrintable(
                    QStringLiteral("%1 on %2: %3:1").arg(text.name(), under.name()).arg(ratio, 0, 'f', 2)));
        }
    }
    window.setTheme(MainWindow::Theme::System);
}

QTEST_MAIN(tst_ThemeScreenshot)
#include "tst_themescreenshot.moc"
