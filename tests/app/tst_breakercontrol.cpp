// SPDX-License-Identifier: GPL-3.0-or-later
// Breaker control from the console: the Breaker menu's modal dialog, driven offscreen, against a real
// in-process Agent on loopback. Accepting changes the agent's breaker, cancelling sends nothing, and an
// agent's refusal reaches the operator with its reason.
#include "console/mainwindow.h"
#include "store/fleethub.h"
#include "widgets/breakers/breakerdialog.h"
#include "widgets/breakers/breakerresultsdialog.h"
#include "widgets/breakers/breakertool.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/workspace/workspacetool.h"

#include "config/configcodec.h"
#include "control/operatoridentity.h"
#include "health/healthnames.h"
#include "net/controlclient.h"
#include "serve/agent.h"
#include "serve/bearerauth.h"
#include "serve/eventlog.h"
#include "support/consoletestsetup.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/fleet/fleetproxymodel.h"
#include "widgets/fleet/fleetview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace jimini;

namespace {

constexpr int intervalMs = 200;

std::unique_ptr<Agent> makeAgent(const QByteArray& token,
                                 const QString& instance = QStringLiteral("orders-1")) {
    ConfigParseResult parsed = ConfigCodec::parse(R"({"environment": "test", "policies": {
        "dep": {"circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 1}}})");
    AgentOptions options;
    options.service = QStringLiteral("orders");
    options.instance = instance;
    options.callsPerSecond = 20;
    options.seed = 7;
    options.downstream.errorRate = 0;
    options.token = token;
    auto agent = std::make_unique<Agent>(options, std::move(*parsed.config));
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

QString agentBreaker(const Agent& agent) {
    const HealthDocument health = agent.health();
    return !health.policies.empty() && health.policies.front().circuitBreaker
               ? breakerStateName(health.policies.front().circuitBreaker->state)
               : QString();
}

QString consoleBreaker(const FleetModel* model, const QString& id) {
    const InstanceRow* row = model->instance(id);
    return row && !row->policies.empty() && row->policies.front().breakerState
               ? breakerStateName(*row->policies.front().breakerState)
               : QString();
}

// Answers whatever modal window the console opens, the way an operator would: fills in and accepts or
// cancels the breaker dialog, and acknowledges (and remembers) every message box.
class ModalDriver : public QObject {
public:
    ModalDriver() {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, &ModalDriver::answer);
        m_timer.start();
    }
    bool accept = true;
    QString reason = QStringLiteral("console test");
    int ttlSeconds = 0;
    QStringList dialogTitles;
    QStringList dialogPolicies;
    QStringList messages;

private:
    void answer() {
        QWidget* modal = QApplication::activeModalWidget();
        if (auto* dialog = qobject_cast<BreakerDialog*>(modal)) {
            dialogTitles << dialog->windowTitle();
            auto* policy = dialog->findChild<QComboBox*>(QStringLiteral("policy"));
            for (int i = 0; policy && i < policy->count(); ++i)
                dialogPolicies << policy->itemText(i);
            dialog->findChild<QLineEdit*>(QStringLiteral("reason"))->setText(reason);
            if (ttlSeconds > 0) {
                auto* ttl = dialog->findChild<QComboBox*>(QStringLiteral("ttl"));
                ttl->setCurrentIndex(ttl->count() - 1); // Custom...
                dialog->findChild<QLineEdit*>(QStringLiteral("customTtl"))
                    ->setText(QString::number(ttlSeconds));
            }
            accept ? dialog->accept() : dialog->reject();
        } else if (auto* box = qobject_cast<QMessageBox*>(modal)) {
            messages << box->text();
            box->accept();
        }
    }
    QTimer m_timer;
};

} // namespace

class tst_BreakerControl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void acceptedDialogChangesTheAgentsBreaker_data();
    void acceptedDialogChangesTheAgentsBreaker();
    void cancelledDialogSendsNothing();
    void refusalIsShownWithItsReason_data();
    void refusalIsShownWithItsReason();
    void groupRowActsOnEveryInstance();

private:
    // A console watching one agent, the agent's only instance selected, its breaker known to be closed.
    void watch(const QByteArray& agentToken, const QByteArray& consoleToken);
    void trigger(const QString& actionText);

    QTemporaryDir m_dir;
    std::unique_ptr<Agent> m_agent;
    std::unique_ptr<MainWindow> m_window;
    QString m_id;
};

void tst_BreakerControl::initTestCase() {
    initConsoleTest();
    QVERIFY(m_dir.isValid());
}

void tst_BreakerControl::init() {
    m_window.reset();
    m_agent.reset();
}

void tst_BreakerControl::cleanup() {
    m_window.reset();
    if (m_agent)
        m_agent->stop();
    m_agent.reset();
}

void tst_BreakerControl::watch(const QByteArray& agentToken, const QByteArray& consoleToken) {
    m_agent = makeAgent(agentToken);
    QVERIFY(m_agent->isRunning());
    ServiceEndpoint endpoint;
    endpoint.baseUrl = m_agent->baseUrl();
    endpoint.interval = std::chrono::milliseconds(intervalMs);
    if (!consoleToken.isEmpty()) {
        endpoint.tokenFile = m_dir.filePath(QStringLiteral("token-%1").arg(QTest::currentDataTag()));
        QFile file(endpoint.tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(consoleToken + '\n');
    }
    m_id = endpoint.id();
    m_window = std::make_unique<MainWindow>();
    m_window->tool<WorkspaceTool>()->setRemember(false);
    m_window->show();
    m_window->tool<WorkspaceTool>()->addEndpoints({endpoint});
    QTRY_COMPARE_WITH_TIMEOUT(consoleBreaker(m_window->tool<FleetTool>()->model(), m_id),
                              QStringLiteral("closed"), 5000);
    m_window->tool<FleetTool>()->view()->selectEndpoint(m_id);
    QCOMPARE(m_window->tool<FleetTool>()->view()->currentEndpointId(), m_id);
    QCOMPARE(agentBreaker(*m_agent), QStringLiteral("closed"));
}

void tst_BreakerControl::trigger(const QString& actionText) {
    QAction* found = nullptr;
    for (const QMenu* menu : m_window->menuBar()->findChildren<QMenu*>()) {
        for (QAction* action : menu->actions())
            if (action->text() == actionText)
                found = action;
    }
    QVERIFY2(found, qPrintable(actionText));
    found->trigger(); // returns once the modal dialog has been answered
}

void tst_BreakerControl::acceptedDialogChangesTheAgentsBreaker_data() {
    QTest::addColumn<QStringList>("actions");
    QTest::addColumn<QStringList>("states"); // the agent's breaker after each action
    QTest::addColumn<int>("ttlSeconds");
    QTest::newRow("isolate") << QStringList{"&Isolate..."} << QStringList{"isolated"} << 0;
    QTest::newRow("isolate with ttl") << QStringList{"&Isolate..."} << QStringList{"isolated"} << 600;
    QTest::newRow("disable") << QStringList{"&Disable..."} << QStringList{"disabled"} << 0;
    QTest::newRow("isolate, then automatic")
        << QStringList{"&Isolate...", "Return to &automatic..."} << QStringList{"isolated", "closed"} << 0;
}

void tst_BreakerControl::acceptedDialogChangesTheAgentsBreaker() {
    QFETCH(QStringList, actions);
    QFETCH(QStringList, states);
    QFETCH(int, ttlSeconds);
    watch("s3cret", "s3cret");
    ModalDriver driver;
    driver.ttlSeconds = ttlSeconds;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        trigger(actions[i]);
        QCOMPARE(driver.dialogTitles.size(), i + 1);
        QVERIFY2(driver.dialogTitles.last().endsWith(QLatin1String("orders-1")),
                 qPrintable(driver.dialogTitles.last()));
        QTRY_COMPARE_WITH_TIMEOUT(agentBreaker(*m_agent), states[i], 5000);
        // The console shows the change with its next poll.
        QTRY_COMPARE_WITH_TIMEOUT(consoleBreaker(m_window->tool<FleetTool>()->model(), m_id), states[i],
                                  5000);
    }
    QCOMPARE(driver.dialogPolicies.first(), QStringLiteral("dep"));
    // Each control event names the operator beside the token's identity.
    const QString actor = OperatorIdentity::current() + " (" + BearerAuth::actorOf("s3cret") + ")";
    int controls = 0;
    for (const AgentEvent& e : m_agent->events().after(0).events) {
        if (e.type != AgentEventType::Control)
            continue;
        ++controls;
        QCOMPARE(e.actor, actor);
    }
    QCOMPARE(controls, actions.size());
    QVERIFY2(driver.messages.isEmpty(), qPrintable(driver.messages.join(QLatin1Char('\n'))));
    const HealthDocument health = m_agent->health();
    const bool manual = states.last() != QLatin1String("closed");
    QCOMPARE(health.policies.front().circuitBreaker->manual, manual);
    // The dialog's time to live reached the agent.
    QCOMPARE(health.policies.front().circuitBreaker->manualUntil.has_value(), manual && ttlSeconds > 0);
    // The lamp's tooltip says who set the manual state, until when and why, as the health document says
    // it (the agent's own record of the action, not what the console sent).
    const FleetModel* model = m_window->tool<FleetTool>()->model();
    QString expected =
        QStringLiteral("^dep: ") + QRegularExpression::escape(states.last()) + QLatin1Char('$');
    if (manual) {
        QString state = states.last();
        state[0] = state[0].toUpper();
        expected =
            QString::fromUtf8("^dep: %1 by %2 — until %3 — reason: console test$")
                .arg(state, QRegularExpression::escape(actor),
                     ttlSeconds > 0
                         ? QRegularExpression::escape(
                               health.policies.front().circuitBreaker->manualUntil->toLocalTime().toString(
                                   "HH:mm")) +
                               QStringLiteral(" \\((9|10) min left\\)")
                         : QStringLiteral("changed"));
    }
    const QRegularExpression tooltip(expected);
    const auto lampTip = [&] {
        return model->indexOf(m_id, FleetColumn::Breakers).data(Qt::ToolTipRole).toString();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(tooltip.match(lampTip()).hasMatch(), qPrintable(lampTip() + " !~ " + expected),
                              5000);
    // The detail view's lamp says the same.
    m_window->context().activateInstance(m_id);
    QLabel* lamp = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((lamp = m_window->findChild<QLabel*>(QStringLiteral("breakerLamp:dep"))), 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(tooltip.match(lamp->toolTip()).hasMatch(),
                              qPrintable(lamp->toolTip() + " !~ " + expected), 5000);
}

void tst_BreakerControl::cancelledDialogSendsNothing() {
    watch({}, {});
    ModalDriver driver;
    driver.accept = false;
    trigger(QStringLiteral("&Isolate..."));
    QCOMPARE(driver.dialogTitles.size(), 1);
    // Nothing was asked of the agent: no request is under way, and its breaker is as it was.
    QVERIFY(m_window->findChildren<ControlClient*>().isEmpty());
    QCOMPARE(agentBreaker(*m_agent), QStringLiteral("closed"));
    // Still closed after the console has polled again.
    const QDateTime seen = m_window->tool<FleetTool>()->model()->instance(m_id)->lastSeen;
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tool<FleetTool>()->model()->instance(m_id)->lastSeen > seen, 5000);
    QCOMPARE(consoleBreaker(m_window->tool<FleetTool>()->model(), m_id), QStringLiteral("closed"));
    QCOMPARE(agentBreaker(*m_agent), QStringLiteral("closed"));
    QVERIFY(driver.messages.isEmpty());
}

void tst_BreakerControl::refusalIsShownWithItsReason_data() {
    QTest::addColumn<QByteArray>("consoleToken");
    QTest::addColumn<QString>("reason"); // part of the message the operator must see
    QTest::newRow("wrong token: 403")
        << QByteArray("guess") << QStringLiteral("the bearer token is not accepted");
    QTest::newRow("no token: 401") << QByteArray()
                                   << QStringLiteral("this request needs Authorization: Bearer <token>");
}

void tst_BreakerControl::refusalIsShownWithItsReason() {
    QFETCH(QByteArray, consoleToken);
    QFETCH(QString, reason);
    watch("s3cret", consoleToken);
    ModalDriver driver;
    trigger(QStringLiteral("&Isolate..."));
    QCOMPARE(driver.dialogTitles.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(driver.messages.size(), 1, 5000);
    QVERIFY2(driver.messages.first().contains(reason), qPrintable(driver.messages.first()));
    QCOMPARE(agentBreaker(*m_agent), QStringLiteral("closed"));
}

// A group row stands for every instance of its service: one dialog names them, each agent gets the
// change, and the results view lists each one's answer.
void tst_BreakerControl::groupRowActsOnEveryInstance() {
    watch({}, {});
    auto second = makeAgent({}, QStringLiteral("orders-2"));
    QVERIFY(second->isRunning());
    ServiceEndpoint endpoint;
    endpoint.baseUrl = second->baseUrl();
    endpoint.interval = std::chrono::milliseconds(intervalMs);
    m_window->tool<WorkspaceTool>()->addEndpoints({endpoint});
    FleetView* view = m_window->tool<FleetTool>()->view();
    QTRY_COMPARE_WITH_TIMEOUT(consoleBreaker(view->model(), endpoint.id()), QStringLiteral("closed"), 5000);
    const QModelIndex group = view->proxy()->mapFromSource(view->model()->indexOf(m_id)).parent();
    QVERIFY(group.isValid());
    view->treeView()->selectionModel()->select(group, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    QCOMPARE(view->selectedEndpointIds().size(), 2);
    ModalDriver driver;
    trigger(QStringLiteral("&Isolate..."));
    QCOMPARE(driver.dialogTitles, QStringList{QStringLiteral("Isolate breaker of 2 instances of orders")});
    QTRY_COMPARE_WITH_TIMEOUT(agentBreaker(*m_agent), QStringLiteral("isolated"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(agentBreaker(*second), QStringLiteral("isolated"), 5000);
    BreakerResultsDialog* results = m_window->tool<BreakerTool>()->resultsDialog();
    QVERIFY(results);
    QCOMPARE(results->list()->topLevelItemCount(), 2);
    for (int i = 0; i < 2; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(results->list()->topLevelItem(i)->text(3), QStringLiteral("isolated"),
                                  5000);
    QVERIFY(!results->retryButton()->isEnabled());
    QVERIFY(driver.messages.isEmpty());
    second->stop();
}

QTEST_MAIN(tst_BreakerControl)
#include "tst_breakercontrol.moc"
