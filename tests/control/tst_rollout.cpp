// SPDX-License-Identifier: GPL-3.0-or-later
// Staged rollouts against real agents on loopback (in-process, each with its own generated traffic). What
// counts is what each agent says afterwards (GET config), not what the rollout believes: a canary that
// starts failing is rolled back and every agent is left on the old config; abort mid-rollout leaves one
// config everywhere; a clean rollout ends with every agent on the new one; instances on different
// configs are refused before anything is sent; a push that meets a changed config (412) stops and rolls
// back. Timing runs on the real clock with short watches; every wait is a deadline, never a sleep.
#include "control/auditreader.h"
#include "control/auditstore.h"
#include "control/controlservice.h"
#include "control/rollout.h"

#include "config/configcodec.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "policy/simulatedscheduler.h"
#include "runtime/consoleclock.h"
#include "serve/agent.h"
#include "support/ordersfleet.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace jimini;

namespace {

constexpr int kDeadlineMs = 20000;

QByteArray configWith(int failureThreshold, double timeout) {
    return test::ordersConfig(timeout, failureThreshold);
}

std::unique_ptr<Agent> startAgent(int index, const QByteArray& config) {
    return test::startOrdersAgent(index, config, 50);
}

ServiceEndpoint endpointOf(const Agent& agent) {
    ServiceEndpoint endpoint;
    endpoint.baseUrl = agent.baseUrl();
    endpoint.group = QStringLiteral("orders");
    return endpoint;
}

// The agent's own answer to GET /resilience/v1/config.
ControlResult configOf(const Agent& agent) {
    ControlClient client(endpointOf(agent));
    QSignalSpy spy(&client, &ControlClient::finished);
    client.getConfig();
    if (!spy.wait(kDeadlineMs))
        return {};
    return spy.front().front().value<ControlResult>();
}

ControlResult send(const Agent& agent, const std::function<quint64(ControlClient&)>& call) {
    ControlClient client(endpointOf(agent));
    QSignalSpy spy(&client, &ControlClient::finished);
    call(client);
    if (!spy.wait(kDeadlineMs))
        return {};
    return spy.front().front().value<ControlResult>();
}

} // namespace

class tst_Rollout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void failingCanaryRollsBackEverywhere_data();
    void failingCanaryRollsBackEverywhere();
    void cleanRolloutEndsOnTheNewConfig();
    void abortMidRolloutLeavesTheOldConfig();
    void differentConfigsAreRefused();
    void changedUnderneathStopsAndRollsBack();
    void invalidConfigIsRefusedUnsent();
    void watchesRunOnTheRolloutsClock();

private:
    void startFleet(int count, const QByteArray& config = configWith(1000, 1));
    std::unique_ptr<Rollout> makeRollout(const QByteArray& config, int batchSize, int watchMs,
                                         double thresholdPp = 10);
    // The config every agent answers with now; empty when they differ or one did not answer.
    QByteArray fleetConfig();

    QTemporaryDir m_dir;
    std::shared_ptr<ConsoleClock> m_clock;
    ControlService m_control;
    std::vector<std::unique_ptr<Agent>> m_agents;
    std::unique_ptr<AuditStore> m_audit;
    QByteArray m_oldVersion;
};

void tst_Rollout::initTestCase() {
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_dir.isValid());
    m_clock = ConsoleClock::live();
}

void tst_Rollout::cleanup() {
    for (auto& agent : m_agents)
        agent->stop();
    m_agents.clear();
    m_audit.reset();
}

void tst_Rollout::startFleet(int count, const QByteArray& config) {
    for (int i = 1; i <= count; ++i) {
        m_agents.push_back(startAgent(i, config));
        QVERIFY(m_agents.back()->isRunning());
    }
    const ControlResult first = configOf(*m_agents.front());
    QVERIFY2(first.ok, qPrintable(first.reason));
    m_oldVersion = first.etag;
    m_audit = std::make_unique<AuditStore>();
    QVERIFY(m_audit->open(m_dir.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentTestFunction()) +
                                         QString::fromLatin1(QTest::currentDataTag()))));
}

std::unique_ptr<Rollout> tst_Rollout::makeRollout(const QByteArray& config, int batchSize, int watchMs,
                                                  double thresholdPp) {
    RolloutOptions options;
    options.service = QStringLiteral("orders");
    options.environment = QStringLiteral("test");
    for (const auto& agent : m_agents)
        options.instances.append(endpointOf(*agent));
    options.config = config;
    options.batchSize = batchSize;
    options.watch = std::chrono::milliseconds(watchMs);
    options.pollInterval = std::chrono::milliseconds(100);
    options.thresholdPp = thresholdPp;
    options.reason = QStringLiteral("rollout test");
    return std::make_unique<Rollout>(options, *m_clock, m_control, m_audit.get());
}

QByteArray tst_Rollout::fleetConfig() {
    QByteArray version;
    for (const auto& agent : m_agents) {
        const ControlResult answer = configOf(*agent);
        if (!answer.ok || (!version.isEmpty() && answer.etag != version))
            return {};
        version = answer.etag;
    }
    return version;
}

void tst_Rollout::failingCanaryRollsBackEverywhere_data() {
    QTest::addColumn<int>("failureThreshold");
    QTest::addColumn<double>("thresholdPp");
    QTest::addColumn<QString>("decided");
    QTest::newRow("error rate rises")
        << 1000 << 10.0 << R"(^error rate \d+\.\d% → \d+\.\d% \(\+\d+\.\d pp > 10 pp\))";
    // No error rate can rise by more than 100 pp: the breaker decides.
    QTest::newRow("breaker opens") << 3 << 100.0 << "^breaker dep opened";
}

void tst_Rollout::failingCanaryRollsBackEverywhere() {
    QFETCH(int, failureThreshold);
    QFETCH(double, thresholdPp);
    QFETCH(QString, decided);
    startFleet(4, configWith(failureThreshold, 1));
    auto rollout = makeRollout(configWith(failureThreshold, 2), 2, 3000, thresholdPp);
    QSignalSpy finished(rollout.get(), &Rollout::finished);
    bool injected = false;
    // The canary starts failing once it runs the new config, the way a bad config would make it.
    connect(rollout.get(), &Rollout::instanceChanged, this, [&](int index) {
        if (index == 0 && !injected && rollout->instances()[0].step == RolloutStep::Watching) {
            injected = true;
            const ControlResult fault = send(*m_agents[0], [](ControlClient& c) {
                return c.injectFault({{"error_rate", 1.0}, {"duration_seconds", 60}});
            });
            QVERIFY2(fault.ok, qPrintable(fault.reason));
        }
    });
    rollout->start();
    QVERIFY(finished.wait(kDeadlineMs));
    QVERIFY(injected);
    QCOMPARE(rollout->result(), Rollout::Result::RolledBack);
    const RolloutInstance& canary = rollout->instances()[0];
    QCOMPARE(canary.step, RolloutStep::RolledBack);
    QVERIFY2(QRegularExpression(decided).match(canary.figure).hasMatch(), qPrintable(canary.figure));
    QVERIFY2(rollout->summary().startsWith(QStringLiteral("rolled back: orders-1: ")),
             qPrintable(rollout->summary()));
    for (int i = 1; i < 4; ++i)
        QCOMPARE(rollout->instances()[i].step, RolloutStep::Pending);
    QVERIFY(rollout->endedOnOneConfig());
    QVERIFY(!rollout->stoppedByConflict());
    // Each agent says so itself.
    QCOMPARE(fleetConfig(), m_oldVersion);

    const AuditPage page = AuditReader::read(m_audit->path(), {});
    QVERIFY2(page.ok(), qPrintable(page.error));
    QStringList actions;
    for (const AuditRecord& record : page.records)
        actions << record.entry.action + QLatin1Char(' ') + toString(record.kind);
    QCOMPARE(actions,
             (QStringList{"rollout.start intent", "rollout.step intent", "rollout.step outcome",
                          "rollout.rollback intent", "rollout.rollback outcome", "rollout.start outcome"}));
    QCOMPARE(page.records.back().ok, std::optional<bool>(false));
    QCOMPARE(page.records[4].ok, std::optional<bool>(true));
    QCOMPARE(page.records[3].entry.after, QString::fromLatin1(m_oldVersion));
}

void tst_Rollout::cleanRolloutEndsOnTheNewConfig() {
    startFleet(4);
    const QByteArray newConfig = configWith(1000, 2);
    auto rollout = makeRollout(newConfig, 2, 400);
    QSignalSpy finished(rollout.get(), &Rollout::finished);
    QList<int> batchesSeen;
    connect(rollout.get(), &Rollout::phaseChanged, this, [&](Rollout::Phase phase) {
        if (phase == Rollout::Phase::Watching) {
            QList<int> watching;
            for (int i = 0; i < rollout->instances().size(); ++i)
                if (rollout->instances()[i].step == RolloutStep::Watching)
                    watching << i;
            batchesSeen << int(watching.size());
        }
    });
    rollout->start();
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(rollout->result(), Rollout::Result::Completed);
    QCOMPARE(batchesSeen, (QList<int>{1, 2, 1})); // canary, then 2, then the last one
    QCOMPARE(rollout->doneCount(), 4);
    for (const RolloutInstance& instance : rollout->instances())
        QVERIFY2(instance.figure.startsWith(QStringLiteral("error rate ")), qPrintable(instance.figure));
    QVERIFY(rollout->endedOnOneConfig());
    const QByteArray version = fleetConfig();
    QVERIFY(!version.isEmpty());
    QVERIFY(version != m_oldVersion);
    const ControlResult answer = configOf(*m_agents.back());
    const ConfigParseResult inForce = ConfigCodec::parse(QJsonDocument(answer.body).toJson());
    QVERIFY(inForce.ok());
    QCOMPARE(ConfigCodec::serialize(*inForce.config),
             ConfigCodec::serialize(*ConfigCodec::parse(newConfig).config));
}

void tst_Rollout::abortMidRolloutLeavesTheOldConfig() {
    startFleet(3);
    // Aborted while the second batch watches: the canary (done) and the second instance go back.
    auto first = makeRollout(configWith(1000, 2), 1, 300);
    QSignalSpy firstFinished(first.get(), &Rollout::finished);
    connect(first.get(), &Rollout::phaseChanged, this, [&](Rollout::Phase phase) {
        if (phase == Rollout::Phase::Watching && first->currentBatch() == 1)
            first->abort();
    });
    first->start();
    QVERIFY(firstFinished.wait(kDeadlineMs));
    QCOMPARE(first->result(), Rollout::Result::Aborted);
    QCOMPARE(first->instances()[0].step, RolloutStep::RolledBack);
    QCOMPARE(first->instances()[1].step, RolloutStep::RolledBack);
    QCOMPARE(first->instances()[2].step, RolloutStep::Pending);
    QVERIFY(first->endedOnOneConfig());
    QCOMPARE(fleetConfig(), m_oldVersion);

    // Abort while the canary watches (a minute that never runs out).
    auto second = makeRollout(configWith(1000, 3), 1, 60000);
    QSignalSpy secondFinished(second.get(), &Rollout::finished);
    connect(second.get(), &Rollout::phaseChanged, this, [&](Rollout::Phase phase) {
        if (phase == Rollout::Phase::Watching)
            second->abort();
    });
    second->start();
    QVERIFY(secondFinished.wait(kDeadlineMs));
    QCOMPARE(second->result(), Rollout::Result::Aborted);
    QCOMPARE(second->instances()[0].step, RolloutStep::RolledBack);
    QCOMPARE(fleetConfig(), m_oldVersion);

    // Abort while a batch's pushes are in flight (twice, as an impatient operator would): their answers
    // decide what goes back, and the abort is recorded once.
    auto fourth = makeRollout(configWith(1000, 4), 2, 300);
    QSignalSpy fourthFinished(fourth.get(), &Rollout::finished);
    connect(fourth.get(), &Rollout::phaseChanged, this, [&](Rollout::Phase phase) {
        if (phase == Rollout::Phase::Pushing && fourth->currentBatch() == 1)
            QTimer::singleShot(0, fourth.get(), [&] {
                QVERIFY(fourth->awaitingAnswers());
                fourth->abort();
                fourth->abort();
            });
    });
    fourth->start();
    QVERIFY(fourthFinished.wait(kDeadlineMs));
    QCOMPARE(fourth->result(), Rollout::Result::Aborted);
    for (const RolloutInstance& instance : fourth->instances())
        QCOMPARE(instance.step, RolloutStep::RolledBack);
    QCOMPARE(fleetConfig(), m_oldVersion);
    int aborts = 0;
    for (const AuditRecord& record : AuditReader::read(m_audit->path(), {}).records)
        aborts +=
            record.entry.action == QLatin1String("rollout.abort") && record.kind == AuditRecord::Kind::Intent;
    QCOMPARE(aborts, 3); // one each: the first, the second and this one

    // Abort before the first push: nothing is sent.
    auto third = makeRollout(configWith(1000, 3), 1, 60000);
    third->start();
    third->abort();
    QCOMPARE(third->result(), Rollout::Result::Aborted);
    QCOMPARE(fleetConfig(), m_oldVersion);
}

void tst_Rollout::differentConfigsAreRefused() {
    startFleet(2);
    m_agents.push_back(startAgent(3, configWith(7, 1)));
    auto rollout = makeRollout(configWith(1000, 2), 1, 300);
    QSignalSpy finished(rollout.get(), &Rollout::finished);
    rollout->start();
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(rollout->result(), Rollout::Result::Refused);
    QVERIFY2(
        rollout->summary().contains(QStringLiteral(
            "orders-3 runs another config than orders-1 at policies.dep.circuit_breaker.failure_threshold")),
        qPrintable(rollout->summary()));
    QCOMPARE(configOf(*m_agents[0]).etag, m_oldVersion);
    QCOMPARE(configOf(*m_agents[1]).etag, m_oldVersion);
    QCOMPARE(AuditReader::read(m_audit->path(), {}).records.size(), 0);
}

void tst_Rollout::changedUnderneathStopsAndRollsBack() {
    startFleet(3);
    auto rollout = makeRollout(configWith(1000, 2), 2, 300);
    QSignalSpy finished(rollout.get(), &Rollout::finished);
    bool changed = false;
    // Someone else pushes to the third instance while the canary watches: its push gets 412.
    connect(rollout.get(), &Rollout::phaseChanged, this, [&](Rollout::Phase phase) {
        if (phase == Rollout::Phase::Watching && rollout->currentBatch() == 0 && !changed) {
            changed = true;
            const ControlResult answer = send(*m_agents[2], [this](ControlClient& c) {
                return c.putConfig(configWith(1000, 5), m_oldVersion);
            });
            QVERIFY2(answer.ok, qPrintable(answer.reason));
        }
    });
    rollout->start();
    QVERIFY(finished.wait(kDeadlineMs));
    QVERIFY(changed);
    QCOMPARE(rollout->result(), Rollout::Result::RolledBack);
    QCOMPARE(rollout->instances()[2].step, RolloutStep::Failed);
    QVERIFY2(rollout->instances()[2].figure.startsWith(QStringLiteral("changed underneath")),
             qPrintable(rollout->instances()[2].figure));
    QCOMPARE(rollout->instances()[0].step, RolloutStep::RolledBack);
    QCOMPARE(rollout->instances()[1].step, RolloutStep::RolledBack);
    // The rollout rolled back what it pushed and left the other operator's config alone.
    QCOMPARE(configOf(*m_agents[0]).etag, m_oldVersion);
    QCOMPARE(configOf(*m_agents[1]).etag, m_oldVersion);
    QVERIFY(configOf(*m_agents[2]).etag != m_oldVersion);
    QVERIFY(!rollout->endedOnOneConfig());
    QVERIFY(rollout->stoppedByConflict());
}

void tst_Rollout::invalidConfigIsRefusedUnsent() {
    startFleet(1);
    auto rollout = makeRollout(R"({"environment": "test", "policies": {"dep": {"timeout": -1}}})", 1, 300);
    rollout->start();
    QCOMPARE(rollout->result(), Rollout::Result::Refused);
    QVERIFY2(rollout->summary().contains(QStringLiteral("policies.dep.timeout")),
             qPrintable(rollout->summary()));
    QCOMPARE(configOf(*m_agents[0]).etag, m_oldVersion);
}

void tst_Rollout::watchesRunOnTheRolloutsClock() {
    startFleet(3);
    // The rollout on virtual time, the agents on real time: a minute's watch per batch passes when the
    // test moves the clock, and only while no answer is awaited.
    const auto clock = ConsoleClock::simulated(QDateTime::currentDateTimeUtc());
    SimulatedScheduler* virtualTime = clock->simulatedScheduler();
    RolloutOptions options;
    options.service = QStringLiteral("orders");
    for (const auto& agent : m_agents)
        options.instances.append(endpointOf(*agent));
    options.config = configWith(1000, 2);
    options.batchSize = 1;
    options.watch = std::chrono::seconds(60);
    options.pollInterval = std::chrono::seconds(5);
    Rollout rollout(options, *clock, m_control, m_audit.get());
    const TimePoint start = clock->now();
    QList<qint64> pushedAt; // seconds of virtual time
    connect(&rollout, &Rollout::phaseChanged, this, [&](Rollout::Phase phase) {
        if (phase == Rollout::Phase::Pushing || phase == Rollout::Phase::Finished)
            pushedAt << std::chrono::duration_cast<std::chrono::seconds>(clock->now() - start).count();
    });
    rollout.start();
    QDeadlineTimer deadline(kDeadlineMs);
    while (rollout.phase() != Rollout::Phase::Finished && !deadline.hasExpired()) {
        virtualTime->runUntil(clock->now()); // what is due now (a health read's first attempt)
        if (rollout.awaitingAnswers())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
        else if (!virtualTime->runNext())
            break;
    }
    QCOMPARE(rollout.result(), Rollout::Result::Completed);
    // The canary's push, then each batch's after a whole watch, and the end after the last watch.
    QCOMPARE(pushedAt, (QList<qint64>{0, 60, 120, 180}));
    QCOMPARE(rollout.changes().size(), 1);
    QCOMPARE(rollout.changes().front().path, QStringLiteral("policies.dep.timeout.per_attempt"));
    QVERIFY(fleetConfig() != m_oldVersion);
}

QTEST_GUILESS_MAIN(tst_Rollout)
#include "tst_rollout.moc"
