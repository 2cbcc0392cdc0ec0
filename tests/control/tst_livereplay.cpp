// SPDX-License-Identifier: GPL-3.0-or-later
// A live replay against real agents on loopback, its phases driven on simulated time (the replay's
// clock and the agents' move together; the HTTP is real): the agents' breakers open and close as the
// phases change, the leases keep a long phase in force, abort leaves no fault behind, and an agent
// that cannot be reached (from the start, or lost mid-phase) is named while the others are cleared.
#include "control/livereplay.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "control/audittrail.h"
#include "control/controlservice.h"
#include "policy/simulatedscheduler.h"
#include "serve/agent.h"
#include "sim/faultset.h"
#include "sim/scenariocodec.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// 60 s; the dependency behind "default" fails every attempt from 10 s to 30 s.
const QByteArray kScenario =
    R"({"name": "short-outage", "duration_seconds": 60, "traffic": {"shape": "constant", "rate": 5},
  "dependencies": [{"name": "payments", "policy": "default",
    "phases": [{"name": "outage", "start_seconds": 10, "duration_seconds": 20, "error_rate": 1, "status_mix": {"503": 1}}]}]})";

std::unique_ptr<Agent> startAgent() {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = 20;
    o.seed = 7;
    const QByteArray config = R"({"environment": "test", "policies": {"default": {"retry": null, "timeout": 1,
        "rate_limit": null, "bulkhead": null, "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 5}}}})";
    auto agent = std::make_unique<Agent>(o, *ConfigCodec::parse(config).config);
    return agent->start(nullptr) ? std::move(agent) : nullptr;
}

LiveReplayTarget target(const QUrl& url, const QString& name) {
    LiveReplayTarget t;
    t.endpoint.baseUrl = url;
    t.name = name;
    return t;
}

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

class RecordingTrail final : public AuditTrail {
public:
    QStringList actions;
    QList<AuditOutcome> outcomes;
    qint64 recordIntent(const AuditEntry& entry) override {
        actions.append(entry.action);
        return actions.size();
    }
    void recordOutcome(qint64, const AuditOutcome& outcome) override { outcomes.append(outcome); }
};

// Two agents and the replay's clock, moved together.
struct Rig {
    std::vector<std::unique_ptr<Agent>> agents;
    SimulatedScheduler clock;
    ControlService control;
    QNetworkAccessManager nam;
    RecordingTrail trail;
    std::unique_ptr<LiveReplay> replay;

    bool start(const QList<QUrl>& extra = {}) {
        QList<LiveReplayTarget> targets;
        for (int i = 0; i < 2; ++i) {
            agents.push_back(startAgent());
            if (!agents.back())
                return false;
            targets.append(target(agents.back()->baseUrl(), QStringLiteral("agent-%1").arg(i)));
        }
        for (const QUrl& url : extra)
            targets.append(target(url, QStringLiteral("agent-%1").arg(targets.size())));
        LiveReplayOptions options;
        options.ttl = 6s;
        options.renewEvery = 2s;
        replay = std::make_unique<LiveReplay>(*ScenarioCodec::parse(kScenario).scenario, targets, control,
                                              clock, &trail, options);
        replay->start();
        return settle();
    }
    // Every request the replay sent has its answer (a deadline, not a sleep).
    bool settle() {
        QDeadlineTimer deadline(10000);
        while (replay->requestsInFlight() > 0 && !deadline.hasExpired())
            QTest::qWait(1);
        return replay->requestsInFlight() == 0;
    }
    bool advanceTo(Duration t) {
        while (clock.now() < TimePoint{} + t) {
            const Duration step = std::min<Duration>(250ms, TimePoint{} + t - clock.now());
            for (auto& a : agents)
                if (a->isRunning())
                    a->simulatedScheduler()->advance(step);
            clock.advance(step);
            if (!settle())
                return false;
        }
        return true;
    }
    QUrl url(int agent, const char* path) const {
        QUrl u = agents[std::size_t(agent)]->baseUrl();
        u.setPath(QLatin1String(path));
        return u;
    }
    QString breaker(int agent) {
        const QJsonArray policies =
            http(nam, "GET", url(agent, "/resilience/v1/health")).json()["policies"].toArray();
        return policies.at(0)["circuit_breaker"]["state"].toString();
    }
    QJsonArray faults(int agent) {
        return http(nam, "GET", url(agent, "/resilience/v1/faults")).json()["faults"].toArray();
    }
};
} // namespace

class tst_LiveReplay : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void breakersOpenAndCloseAsPhasesChange() {
        Rig rig;
        QVERIFY(rig.start());
        QVERIFY(rig.advanceTo(9s));
        for (int a = 0; a < 2; ++a) {
            QCOMPARE(rig.breaker(a), QStringLiteral("closed"));
            QVERIFY(rig.faults(a).isEmpty());
        }
        QVERIFY(rig.advanceTo(12s));
        for (int a = 0; a < 2; ++a) {
            QCOMPARE(rig.breaker(a), QStringLiteral("open"));
            const QJsonArray faults = rig.faults(a);
            QCOMPARE(faults.size(), 1);
            QCOMPARE(faults[0]["policy"].toString(), QStringLiteral("default"));
            QCOMPARE(faults[0]["ttl_seconds"].toDouble(), 6.0);
        }
        QCOMPARE(rig.replay->activeSlots(), QList<int>{0});
        QVERIFY(rig.advanceTo(28s)); // far past the first lease: the renewals keep the phase in force
        for (int a = 0; a < 2; ++a)
            QCOMPARE(rig.faults(a).size(), 1);
        QVERIFY(rig.advanceTo(40s)); // cleared at 30 s; the breakers try again after 5 s and close
        for (int a = 0; a < 2; ++a) {
            QVERIFY(rig.faults(a).isEmpty());
            QCOMPARE(rig.breaker(a), QStringLiteral("closed"));
        }
        QSignalSpy finished(rig.replay.get(), &LiveReplay::finished);
        QVERIFY(rig.advanceTo(60s));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(rig.replay->result(), LiveReplay::Result::Completed);
        QVERIFY2(rig.replay->errors().isEmpty(), qPrintable(rig.replay->errors().join('\n')));
        QCOMPARE(rig.trail.actions, (QStringList{"replay.start", "replay.phase", "replay.phase"}));
        QCOMPARE(rig.trail.outcomes.size(), 3);
        for (const AuditOutcome& o : rig.trail.outcomes)
            QVERIFY2(o.ok, qPrintable(o.detail));
    }

    void abortLeavesNoFaultBehind() {
        Rig rig;
        QVERIFY(rig.start());
        QVERIFY(rig.advanceTo(15s));
        QCOMPARE(rig.replay->faultsInForce(), 2);
        QSignalSpy finished(rig.replay.get(), &LiveReplay::finished);
        rig.replay->abort(QStringLiteral("operator"));
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QCOMPARE(rig.replay->result(), LiveReplay::Result::Aborted);
        for (int a = 0; a < 2; ++a)
            QVERIFY(rig.faults(a).isEmpty());
        QCOMPARE(rig.trail.actions.last(), QStringLiteral("replay.abort"));
        QVERIFY(rig.trail.outcomes.last().ok == false);                   // replay.start's outcome: aborted
        QVERIFY(rig.trail.outcomes.at(rig.trail.outcomes.size() - 2).ok); // replay.abort's: all cleared
    }

    // An agent that cannot be reached fails the replay naming it and the phase step; the faults already
    // in force on the others are cleared. One lost mid-phase keeps its fault only until the lease ends.
    void unreachableAgentIsNamedAndTheOthersCleared_data() {
        QTest::addColumn<bool>("fromTheStart");
        QTest::addColumn<QString>("step");
        QTest::newRow("refused at the phase's start") << true << "start of payments/outage";
        QTest::newRow("lost mid-phase") << false << "renewing the fault of payments/outage";
    }
    void unreachableAgentIsNamedAndTheOthersCleared() {
        QFETCH(bool, fromTheStart);
        QFETCH(QString, step);
        Rig rig;
        QUrl nowhere(QStringLiteral("http://127.0.0.1"));
        nowhere.setPort(freePort());
        QVERIFY(rig.start(fromTheStart ? QList<QUrl>{nowhere} : QList<QUrl>{}));
        QSignalSpy finished(rig.replay.get(), &LiveReplay::finished);
        QVERIFY(rig.advanceTo(14s));
        const QString lost = fromTheStart ? QStringLiteral("agent-2") : QStringLiteral("agent-1");
        if (!fromTheStart) {
            QCOMPARE(rig.faults(1).size(), 1);
            rig.agents[1]->stop();
            QVERIFY(rig.advanceTo(17s));
        }
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QCOMPARE(rig.replay->result(), LiveReplay::Result::Failed);
        QVERIFY(!rig.replay->errors().isEmpty());
        QVERIFY2(rig.replay->errors().first().startsWith(lost + QStringLiteral(": ") + step),
                 qPrintable(rig.replay->errors().first()));
        QVERIFY(rig.replay->agentFailed(fromTheStart ? 2 : 1));
        QVERIFY(rig.faults(0).isEmpty());
        if (!fromTheStart) { // on its own clock, the lost agent's fault ends with its lease
            const Agent& agent = *rig.agents[1];
            QCOMPARE(agent.faults().active(agent.now()).size(), std::size_t(1));
            QVERIFY(agent.faults().active(agent.now() + 6s).empty());
        } else {
            QVERIFY(rig.faults(1).isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(tst_LiveReplay)
#include "tst_livereplay.moc"
