// SPDX-License-Identifier: GPL-3.0-or-later
// jimini-console: option parsing and wiring only.
#include "console/consoleoptions.h"
#include "console/mainwindow.h"

#include "serve/demofleet.h"
#include "widgets/servicedetailview.h"

#include <QApplication>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace jimini;

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("jimini"));
    QApplication::setApplicationName(QStringLiteral("jimini-console"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    ConsoleOptions options;
    QString error;
    if (!ConsoleOptions::parse(QApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "jimini-console: %s\n", qPrintable(error));
        return 2;
    }

    DemoFleet fleet;
    MainWindow window;
    const bool screenshot = !options.screenshot.isEmpty();
    if (screenshot)
        window.resize(1440, 900); // documentation images of one size, whatever the remembered layout
    else
        window.restoreLayout();

    if (options.demo) {
        if (!fleet.start(&error)) {
            std::fprintf(stderr, "jimini-console: demo fleet: %s\n", qPrintable(error));
            return 1;
        }
        window.setRememberWorkspace(false); // the demo's ports change every run
        window.setWindowTitle(window.windowTitle() + QObject::tr(" — demo fleet"));
        QList<ServiceEndpoint> endpoints;
        for (const DemoFleet::Member& member : fleet.members()) {
            ServiceEndpoint endpoint;
            endpoint.baseUrl = member.baseUrl;
            endpoint.group = member.service;
            endpoint.environment = QStringLiteral("demo");
            endpoint.interval = std::chrono::milliseconds(options.intervalMs);
            endpoints.append(endpoint);
        }
        window.addEndpoints(endpoints);
    }
    const QString workspace = !options.workspace.isEmpty() ? options.workspace
                              : options.demo               ? QString()
                                             : QSettings().value(QStringLiteral("workspace/last")).toString();
    if (!workspace.isEmpty() && !window.openWorkspace(workspace, &error)) {
        std::fprintf(stderr, "jimini-console: %s\n", qPrintable(error));
        if (!options.workspace.isEmpty())
            return 2;
    }
    window.show();

    if (screenshot) {
        const int afterMs = int(options.afterSeconds * 1000);
        if (options.view == ConsoleOptions::View::Detail) {
            // Open the detail a little before, so that its charts have drawn their first frames.
            QTimer::singleShot(std::max(0, afterMs - 1500), &window, [&window] {
                if (const QString id = window.mostTroubledEndpoint(); !id.isEmpty()) {
                    if (ServiceDetailView* view = window.openDetail(id))
                        view->setRange(ServiceDetailView::Range::TwoMinutes);
                }
            });
        }
        QTimer::singleShot(afterMs, &window, [&window, &options] {
            QString failure;
            if (!window.saveScreenshot(options.screenshot, &failure)) {
                std::fprintf(stderr, "jimini-console: %s\n", qPrintable(failure));
                QApplication::exit(1);
                return;
            }
            QApplication::exit(0);
        });
    }
    const int code = QApplication::exec();
    fleet.stop();
    return code;
}
