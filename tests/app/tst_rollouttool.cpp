// SPDX-License-Identifier: GPL-3.0-or-later
// The rollout as a console tool, offscreen, against real agents on loopback that require a token: the
// token comes from the console's secret store (no token file), and closing the window mid-rollout asks
// (the non-modal close question), aborts and rolls back in reverse, and then closes: every agent, asked
// itself, is on the old config.
#include "console/mainwindow.h"
#include "widgets/rollout/rollouttool.h"
#include "widgets/rollout/rolloutview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/workspace/workspacetool.h"

#include "auth/sessiontokens.h"
#include "config/configcodec.h"
#include "control/rollout.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "secrets/secretstore.h"
#include "serve/agent.h"
#include "store/fleethub.h"
#include "support/consoletestsetup.h"
#include "support/ordersfleet.h"

#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace jimini;

namespace {

const QByteArray kToken = "r0llout-t0ken";

} // namespace

class tst_RolloutTool : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void closingMidRolloutRollsBackThenCloses();
};

void tst_RolloutTool::initTestCase() {
    initConsoleTest();
}

void tst_RolloutTool::closingMidRolloutRollsBackThenCloses() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString newConfig = dir.filePath(QStringLiteral("new.json"));
    QFile file(newConfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(test::ordersConfig(2));
    file.close();

    std::vector<std::unique_ptr<Agent>> agents;
    QList<ServiceEndpoint> endpoints;
    for (int i = 1; i <= 3; ++i) {
        agents.push_back(test::startOrdersAgent(i, test::ordersConfig(1), 20, kToken));
        QVERIFY(agents.back()->isRunning());
        ServiceEndpoint endpoint;
        endpoint.baseUrl = agents.back()->baseUrl();
        endpoint.interval = std::chrono::milliseconds(200);
        endpoints.append(endpoint);
    }
    const QByteArray oldVersion = test::configVersionOf(*agents.front());
    QVERIFY(!oldVersion.isEmpty());

    MainWindow window;
    window.tool<WorkspaceTool>()->setRemember(false);
    // The tokens are in the console's secret store only (as typed in an earlier session): no token
    // file, nothing in memory yet. Adding the services reads them from the store.
    for (const ServiceEndpoint& endpoint : std::as_const(endpoints)) {
        SessionTokens::remove(endpoint.id());
        std::optional<SecretResult> written;
        window.context().secrets().write(endpoint.id(), kToken,
                                         [&written](const SecretResult& r) { written = r; });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 10000);
        QVERIFY2(written->ok, qPrintable(written->error));
    }
    window.show();
    window.tool<WorkspaceTool>()->addEndpoints(endpoints);
    for (const ServiceEndpoint& endpoint : std::as_const(endpoints))
        QTRY_VERIFY_WITH_TIMEOUT(SessionTokens::contains(endpoint.id()), 10000);

    // The rollout page lists the service once the fleet knows it.
    RolloutView* view = window.tool<RolloutTool>()->view();
    QVERIFY(view);
    auto* service = view->findChild<QComboBox*>(QStringLiteral("service"));
    QTRY_COMPARE_WITH_TIMEOUT(service->findData(QStringLiteral("orders")) >= 0 &&
                                  service->currentText() == QStringLiteral("orders (3 instances)"),
                              true, 10000);
    view->findChild<QLineEdit*>(QStringLiteral("configFile"))->setText(newConfig);
    view->findChild<QSpinBox*>(QStringLiteral("watch"))->setValue(3600);
    view->findChild<QSpinBox*>(QStringLiteral("batch"))->setValue(2);
    QVERIFY(view->start());
    QTRY_VERIFY_WITH_TIMEOUT(view->rollout()->instances().front().step == RolloutStep::Watching, 20000);
    QVERIFY(test::configVersionOf(*agents.front()) != oldVersion); // the token from the store was accepted
    QCOMPARE(window.tool<RolloutTool>()->pendingWork().size(), 1);

    // Closing asks first, without a modal loop; the window stays while the question is open.
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    auto* question = window.findChild<QMessageBox*>(QStringLiteral("closeGateQuestion"));
    QVERIFY(question);
    QVERIFY2(question->text().contains(QStringLiteral("rollout of orders")), qPrintable(question->text()));
    QCOMPARE(view->rollout()->phase(), Rollout::Phase::Watching); // nothing happened yet
    auto* windDown = question->findChild<QPushButton*>(QStringLiteral("windDownButton"));
    QVERIFY(windDown);
    windDown->click();

    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 20000);
    QCOMPARE(view->rollout()->phase(), Rollout::Phase::Finished);
    QCOMPARE(view->rollout()->result(), Rollout::Result::Aborted);
    QVERIFY(view->rollout()->endedOnOneConfig());
    QCOMPARE(view->rollout()->instances().front().step, RolloutStep::RolledBack);
    for (const auto& agent : agents)
        QCOMPARE(test::configVersionOf(*agent), oldVersion);

    for (const ServiceEndpoint& endpoint : std::as_const(endpoints)) {
        window.context().secrets().remove(endpoint.id(), [](const SecretResult&) {});
        SessionTokens::remove(endpoint.id());
    }
    for (auto& agent : agents)
        agent->stop();
}

QTEST_MAIN(tst_RolloutTool)
#include "tst_rollouttool.moc"
