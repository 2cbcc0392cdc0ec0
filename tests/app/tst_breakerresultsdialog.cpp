// SPDX-License-Identifier: GPL-3.0-or-later
// The results view of a group breaker action, offscreen, against real agents: each instance with its
// result, the unreachable one failed with its reason, and "Retry failed" (on only while something failed
// and nothing is in flight) sends it again once an agent listens on its port.
#include "widgets/breakers/breakerresultsdialog.h"

#include "config/configcodec.h"
#include "control/controlservice.h"
#include "control/fleetbreakeraction.h"
#include "serve/agent.h"
#include "serve/eventlog.h"

#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace jimini;

namespace {
std::unique_ptr<Agent> startAgent(quint16 port = 0) {
    ConfigParseResult parsed = ConfigCodec::parse(R"({"environment": "test", "policies": {
        "dep": {"circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 1}}})");
    AgentOptions options;
    options.service = QStringLiteral("orders");
    options.simulatedTime = true;
    options.callsPerSecond = 0;
    options.port = port;
    auto agent = std::make_unique<Agent>(options, std::move(*parsed.config));
    return agent->start(nullptr) ? std::move(agent) : nullptr;
}

BreakerTarget target(const QUrl& url) {
    BreakerTarget t;
    t.endpoint.baseUrl = url;
    t.instance = url.authority();
    t.policies = {QStringLiteral("dep")};
    return t;
}
} // namespace

class tst_BreakerResultsDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void failedInstanceIsShownAndRetried() {
        auto up = startAgent();
        QVERIFY(up);
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QUrl down(QStringLiteral("http://127.0.0.1:%1").arg(port));
        ControlService control;
        FleetBreakerRequest request;
        request.command = ControlClient::BreakerCommand::Isolate;
        request.reason = QStringLiteral("drill");
        request.targets = {target(up->baseUrl()), target(down)};
        FleetBreakerAction action(request, control, nullptr);
        BreakerResultsDialog dialog(action);
        dialog.show();
        QTreeWidget* list = dialog.list();
        QCOMPARE(list->topLevelItemCount(), 2);
        QSignalSpy finished(&action, &FleetBreakerAction::finished);
        action.start();
        QVERIFY(!dialog.retryButton()->isEnabled()); // in flight
        QVERIFY(finished.wait(20000));
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("done"));
        QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("isolated"));
        QCOMPARE(list->topLevelItem(1)->text(0), down.authority());
        QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("failed"));
        QCOMPARE(list->topLevelItem(1)->text(3), QStringLiteral("connection refused"));
        QCOMPARE(dialog.findChild<QLabel*>("summary")->text(), QStringLiteral("1 done, 1 failed, 0 waiting"));
        QVERIFY(dialog.retryButton()->isEnabled());

        auto revived = startAgent(port);
        QVERIFY(revived);
        QTest::mouseClick(dialog.retryButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("done"));
        QCOMPARE(list->topLevelItem(1)->text(3), QStringLiteral("isolated"));
        QVERIFY(!dialog.retryButton()->isEnabled());
        QCOMPARE(up->events().lastSequence(), revived->events().lastSequence()); // one change each
    }
};

QTEST_MAIN(tst_BreakerResultsDialog)
#include "tst_breakerresultsdialog.moc"
