// SPDX-License-Identifier: GPL-3.0-or-later
// jimini-console: option parsing and wiring only.
#include "console/consoleoptions.h"
#include "console/mainwindow.h"

#include "auth/sessiontokens.h"
#include "serve/demofleet.h"
#include "widgets/detail/detailtool.h"
#include "widgets/detail/servicedetailview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/workspace/workspacetool.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

using namespace jimini;

int main(int argc, char* argv[]) {
    QCoreApplication::setOrganizationName(QStringLiteral("jimini"));
    QCoreApplication::setApplicationName(QStringLiteral("jimini-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    if (ConsoleOptions::asksHelpOrVersion(argc, argv)) {
        // Without a display: QApplication would need a platform before the options could be printed.
        QCoreApplication core(argc, argv);
        ConsoleOptions ignored;
        QString error;
        ConsoleOptions::parse(QCoreApplication::arguments(), &ignored, &error); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);

    ConsoleOptions options;
    QString error;
    if (!ConsoleOptions::parse(QApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "jimini-console: %s\n", qPrintable(error));
        return 2;
    }

    DemoFleet fleet;
    MainWindow window;
    if (!options.auditDb.isEmpty())
        window.context().reopenAudit(options.auditDb); // a store that cannot open is said in the window
    WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
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
        workspace.setRemember(false); // the demo's ports change every run
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
        workspace.addEndpoints(endpoints);
    }
    const QString path = !options.workspace.isEmpty() ? options.workspace
                         : options.demo               ? QString()
                                                      : WorkspaceTool::rememberedPath();
    if (!path.isEmpty() && !workspace.open(path, &error)) {
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
                auto* details = window.tool<DetailTool>();
                if (const QString id = details->mostTroubled(); !id.isEmpty()) {
                    if (ServiceDetailView* view = details->open(id))
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
    SessionTokens::clear(); // typed tokens are overwritten, not just left to the allocator
    fleet.stop();
    return code;
}
