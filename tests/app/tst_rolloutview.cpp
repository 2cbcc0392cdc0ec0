// SPDX-License-Identifier: GPL-3.0-or-later
// The rollout page, offscreen, against real agents on loopback: Start with the form's values rolls the
// config out and the table shows every instance done; Abort while the canary is watched puts the old
// config back (each agent asked itself); an incomplete form says what is missing and sends nothing; a
// rollout to production waits for the service's name to be typed.
#include "widgets/rollout/rolloutmodel.h"
#include "widgets/rollout/rolloutview.h"

#include "config/configcodec.h"
#include "control/auditstore.h"
#include "control/controlservice.h"
#include "control/rollout.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "runtime/consoleclock.h"
#include "serve/agent.h"
#include "support/ordersfleet.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace jimini;

class tst_RolloutView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void startRollsOutToEveryInstance();
    void abortPutsTheOldConfigBack();
    void incompleteFormSendsNothing();
    void productionNeedsTheServiceNameTyped_data();
    void productionNeedsTheServiceNameTyped();

private:
    QString step(int row) const;

    QTemporaryDir m_dir;
    std::shared_ptr<ConsoleClock> m_clock;
    ControlService m_control;
    AuditStore m_audit;
    std::vector<std::unique_ptr<Agent>> m_agents;
    std::unique_ptr<RolloutView> m_view;
    QByteArray m_oldVersion;
    QString m_newConfig;
    QList<ServiceEndpoint> m_endpoints;
};

void tst_RolloutView::initTestCase() {
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_dir.isValid());
    m_clock = ConsoleClock::live();
    QVERIFY(m_audit.open(m_dir.filePath(QStringLiteral("audit.sqlite"))));
    m_newConfig = m_dir.filePath(QStringLiteral("new.json"));
    QFile file(m_newConfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(test::ordersConfig(2));
}

void tst_RolloutView::init() {
    QList<ServiceEndpoint>& endpoints = m_endpoints;
    endpoints.clear();
    for (int i = 1; i <= 2; ++i) {
        m_agents.push_back(test::startOrdersAgent(i, test::ordersConfig(1)));
        ServiceEndpoint endpoint;
        endpoint.baseUrl = m_agents.back()->baseUrl();
        endpoints.append(endpoint);
    }
    m_oldVersion = test::configVersionOf(*m_agents.front());
    m_view = std::make_unique<RolloutView>();
    m_view->setRunner(*m_clock, m_control, &m_audit);
    m_view->setServices({{QStringLiteral("orders"), endpoints}});
    m_view->show();
}

void tst_RolloutView::cleanup() {
    m_view.reset();
    for (auto& agent : m_agents)
        agent->stop();
    m_agents.clear();
}

QString tst_RolloutView::step(int row) const {
    const QAbstractItemModel* model = m_view->findChild<QTableView*>()->model();
    return model->index(row, RolloutModel::StepColumn).data().toString();
}

void tst_RolloutView::startRollsOutToEveryInstance() {
    m_view->findChild<QLineEdit*>(QStringLiteral("configFile"))->setText(m_newConfig);
    m_view->findChild<QSpinBox*>(QStringLiteral("watch"))->setValue(1);
    auto* start = m_view->findChild<QPushButton*>(QStringLiteral("start"));
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(m_view->rollout());
    QVERIFY(!start->isEnabled());
    QVERIFY(m_view->findChild<QPushButton*>(QStringLiteral("abort"))->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(m_view->rollout()->phase() == Rollout::Phase::Finished, 20000);
    QCOMPARE(m_view->rollout()->result(), Rollout::Result::Completed);
    QCOMPARE(step(0), QStringLiteral("done"));
    QCOMPARE(step(1), QStringLiteral("done"));
    const QAbstractItemModel* model = m_view->findChild<QTableView*>()->model();
    QCOMPARE(model->index(0, RolloutModel::InstanceColumn).data().toString(),
             QStringLiteral("orders-1 (canary)"));
    QVERIFY(model->index(1, RolloutModel::FigureColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("error rate ")));
    QCOMPARE(m_view->findChild<QProgressBar*>()->format(), QStringLiteral("2 of 2 done"));
    QVERIFY(start->isEnabled());
    const QByteArray version = test::configVersionOf(*m_agents[0]);
    QVERIFY(version != m_oldVersion);
    QCOMPARE(test::configVersionOf(*m_agents[1]), version);
}

void tst_RolloutView::abortPutsTheOldConfigBack() {
    m_view->findChild<QLineEdit*>(QStringLiteral("configFile"))->setText(m_newConfig);
    m_view->findChild<QSpinBox*>(QStringLiteral("watch"))->setValue(3600);
    QTest::mouseClick(m_view->findChild<QPushButton*>(QStringLiteral("start")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(step(0), QStringLiteral("watching"), 20000);
    QVERIFY(test::configVersionOf(*m_agents[0]) != m_oldVersion);
    QTest::mouseClick(m_view->findChild<QPushButton*>(QStringLiteral("abort")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->rollout()->phase() == Rollout::Phase::Finished, 20000);
    QCOMPARE(step(0), QStringLiteral("rolled back"));
    QCOMPARE(step(1), QStringLiteral("pending"));
    const QAbstractItemModel* model = m_view->findChild<QTableView*>()->model();
    // Nothing read decided it: the figure says what happened, not the last reading.
    QVERIFY2(QRegularExpression(QStringLiteral("^old config \"[0-9a-f]+\" back$"))
                 .match(model->index(0, RolloutModel::FigureColumn).data().toString())
                 .hasMatch(),
             qPrintable(model->index(0, RolloutModel::FigureColumn).data().toString()));
    QCOMPARE(m_view->findChild<QLabel*>(QStringLiteral("summary"))->text(),
             QStringLiteral("aborted: by the operator"));
    QCOMPARE(test::configVersionOf(*m_agents[0]), m_oldVersion);
    QCOMPARE(test::configVersionOf(*m_agents[1]), m_oldVersion);
}

void tst_RolloutView::incompleteFormSendsNothing() {
    QTest::mouseClick(m_view->findChild<QPushButton*>(QStringLiteral("start")), Qt::LeftButton);
    QVERIFY(!m_view->rollout());
    QCOMPARE(m_view->findChild<QLabel*>(QStringLiteral("summary"))->text(),
             QStringLiteral("Choose the config file to roll out"));
    m_view->findChild<QLineEdit*>(QStringLiteral("configFile"))
        ->setText(m_dir.filePath(QStringLiteral("none.json")));
    QTest::mouseClick(m_view->findChild<QPushButton*>(QStringLiteral("start")), Qt::LeftButton);
    QVERIFY(!m_view->rollout());
    QVERIFY(m_view->findChild<QLabel*>(QStringLiteral("summary"))
                ->text()
                .startsWith(m_dir.filePath(QStringLiteral("none.json"))));
    QCOMPARE(test::configVersionOf(*m_agents[0]), m_oldVersion);
}

// Production, as the fleet knows the service or as the new config names its environment: Start stays off
// (or refuses) until the service's name is typed, exactly; then the rollout goes. Elsewhere nothing is
// asked.
void tst_RolloutView::productionNeedsTheServiceNameTyped_data() {
    QTest::addColumn<QString>("fleetEnvironment");
    QTest::addColumn<QString>("configEnvironment");
    QTest::addColumn<bool>("asked");
    QTest::newRow("fleet says production") << "production"
                                           << "test" << true;
    QTest::newRow("fleet says prod, any case") << "PROD"
                                               << "test" << true;
    QTest::newRow("config says production") << "staging"
                                            << "production" << true;
    QTest::newRow("staging") << "staging"
                             << "staging" << false;
}

void tst_RolloutView::productionNeedsTheServiceNameTyped() {
    QFETCH(QString, fleetEnvironment);
    QFETCH(QString, configEnvironment);
    QFETCH(bool, asked);
    const QString config = m_dir.filePath(QStringLiteral("new-%1.json").arg(configEnvironment));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(test::ordersConfig(2, 1000, configEnvironment));
    file.close();
    m_view->setServices({{QStringLiteral("orders"), m_endpoints}},
                        {{QStringLiteral("orders"), {QStringLiteral("staging"), fleetEnvironment}}});
    m_view->findChild<QLineEdit*>(QStringLiteral("configFile"))->setText(config);
    m_view->findChild<QSpinBox*>(QStringLiteral("watch"))->setValue(1);
    auto* start = m_view->findChild<QPushButton*>(QStringLiteral("start"));
    auto* typed = m_view->findChild<QLineEdit*>(QStringLiteral("typedName"));
    QVERIFY(typed);
    const bool fleetProduction = fleetEnvironment.compare(QLatin1String("staging")) != 0;
    QCOMPARE(typed->isVisible(), fleetProduction);
    QCOMPARE(start->isEnabled(), !fleetProduction);
    if (asked) {
        // Not yet typed: nothing starts, and the page says why.
        QVERIFY(!m_view->start());
        QVERIFY(!m_view->rollout());
        QVERIFY(typed->isVisible());
        QCOMPARE(m_view->findChild<QLabel*>(QStringLiteral("summary"))->text(),
                 QStringLiteral("A rollout to production: type \"orders\" to confirm"));
        for (const char* wrong : {"order", "Orders", "orders-1"}) {
            QTest::keyClicks(typed, QString::fromLatin1(wrong));
            QVERIFY2(!start->isEnabled(), wrong);
            typed->clear();
        }
        QTest::keyClicks(typed, QStringLiteral("orders"));
        QVERIFY(start->isEnabled());
    }
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(m_view->rollout());
    QTRY_VERIFY_WITH_TIMEOUT(m_view->rollout()->phase() == Rollout::Phase::Finished, 20000);
    QCOMPARE(m_view->rollout()->result(), Rollout::Result::Completed);
    QVERIFY(test::configVersionOf(*m_agents[1]) != m_oldVersion);
    // The next rollout is confirmed anew.
    QVERIFY(typed->text().isEmpty());
    QCOMPARE(start->isEnabled(), !asked);
}

QTEST_MAIN(tst_RolloutView)
#include "tst_rolloutview.moc"
