// SPDX-License-Identifier: GPL-3.0-or-later
// Breaker actions over several instances, against real agents on loopback: each instance's result is
// the service's own answer, a trip with a TTL returns to automatic on the agent's virtual time, an
// unreachable instance is reported and its retry (once an agent listens on its port) sends to it alone,
// and every send is recorded in the audit trail first, its outcome after.
#include "control/fleetbreakeraction.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "control/audittrail.h"
#include "control/controlservice.h"
#include "health/healthnames.h"
#include "policy/simulatedscheduler.h"
#include "serve/agent.h"
#include "serve/eventlog.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace jimini;
using namespace std::chrono_literals;
using Command = ControlClient::BreakerCommand;
using Status = BreakerItem::Status;

namespace {
std::unique_ptr<Agent> startAgent(quint16 port = 0, const QString& instance = {}) {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = 0;
    o.port = port;
    o.service = QStringLiteral("orders");
    o.instance = instance;
    auto agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
    return agent->start(nullptr) ? std::move(agent) : nullptr;
}

BreakerTarget targetOf(const QUrl& url, const QStringList& policies) {
    BreakerTarget t;
    t.endpoint.baseUrl = url;
    t.instance = url.authority();
    t.service = QStringLiteral("orders");
    t.environment = QStringLiteral("test");
    t.policies = policies;
    return t;
}

QString breakerOf(const Agent& agent, const QString& policy) {
    for (const PolicyHealth& p : agent.health().policies)
        if (p.name == policy && p.circuitBreaker)
            return breakerStateName(p.circuitBreaker->state);
    return {};
}

int controlEvents(const Agent& agent) {
    int n = 0;
    for (const AgentEvent& e : agent.events().after(0).events)
        n += e.type == AgentEventType::Control ? 1 : 0;
    return n;
}

// A port nothing listens on (taken, then given back).
quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool runToEnd(FleetBreakerAction& action, void (FleetBreakerAction::*go)()) {
    QSignalSpy done(&action, &FleetBreakerAction::finished);
    (action.*go)();
    return done.count() > 0 || done.wait(20000);
}

// Records what the action writes, in order; can be told to refuse (as a store that cannot write).
class RecordingTrail final : public AuditTrail {
public:
    bool refuse = false;
    QList<AuditEntry> intents;
    QList<QPair<qint64, AuditOutcome>> outcomes;
    qint64 recordIntent(const AuditEntry& entry) override {
        if (refuse)
            return 0;
        intents.append(entry);
        return intents.size();
    }
    void recordOutcome(qint64 id, const AuditOutcome& outcome) override { outcomes.append({id, outcome}); }
};
} // namespace

class tst_FleetBreakerAction : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<ControlResult>();
    }

    void tripWithTtlReturnsToAutomatic_data() {
        QTest::addColumn<int>("command");
        QTest::addColumn<QString>("manualState");
        QTest::newRow("isolate") << int(Command::Isolate) << "isolated";
        QTest::newRow("disable") << int(Command::Disable) << "disabled";
    }
    void tripWithTtlReturnsToAutomatic() {
        QFETCH(int, command);
        QFETCH(QString, manualState);
        auto agent = startAgent();
        QVERIFY(agent);
        ControlService control;
        FleetBreakerRequest request;
        request.command = Command(command);
        request.reason = QStringLiteral("maintenance");
        request.ttlSeconds = 300;
        request.targets = {targetOf(agent->baseUrl(), {QStringLiteral("default")})};
        FleetBreakerAction action(request, control, nullptr);
        QVERIFY(runToEnd(action, &FleetBreakerAction::start));
        QCOMPARE(action.items().size(), 1);
        const BreakerItem& item = action.items().front();
        QVERIFY2(item.status == Status::Done, qPrintable(item.error));
        QCOMPARE(item.state, manualState);
        QVERIFY(item.manualUntil);
        const QDateTime expected = agent->wallAt(agent->now() + 300s);
        QCOMPARE(item.manualUntil->toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
        QCOMPARE(breakerOf(*agent, "default"), manualState);

        agent->simulatedScheduler()->advance(299s);
        agent->housekeeping();
        QCOMPARE(breakerOf(*agent, "default"), manualState);
        agent->simulatedScheduler()->advance(1s);
        agent->housekeeping();
        QCOMPARE(breakerOf(*agent, "default"), QStringLiteral("closed"));
    }

    // Three instances, one of them down: two answers and one refusal; the retry goes to the third alone,
    // once an agent listens on its port.
    void unreachableInstanceIsReportedAndRetried() {
        auto first = startAgent();
        auto second = startAgent();
        QVERIFY(first && second);
        const quint16 port = freePort();
        const QUrl down(QStringLiteral("http://127.0.0.1:%1").arg(port));
        ControlService control;
        RecordingTrail trail;
        FleetBreakerRequest request;
        request.command = Command::Isolate;
        request.reason = QStringLiteral("drill");
        request.targets = {targetOf(first->baseUrl(), {"default", "payments"}), targetOf(down, {"default"}),
                           targetOf(second->baseUrl(), {"default"})};
        FleetBreakerAction action(request, control, &trail);
        QVERIFY(runToEnd(action, &FleetBreakerAction::start));
        QCOMPARE(action.items().size(), 4);
        QCOMPARE(action.count(Status::Done), 3);
        QCOMPARE(action.count(Status::Failed), 1);
        const BreakerItem& failed = action.items()[2];
        QCOMPARE(failed.status, Status::Failed);
        QCOMPARE(failed.endpointId, down.toString());
        QCOMPARE(failed.error, QStringLiteral("connection refused"));
        QCOMPARE(failed.answer.httpStatus, 0);
        QCOMPARE(controlEvents(*first), 2);
        QCOMPARE(controlEvents(*second), 1);

        auto revived = startAgent(port);
        QVERIFY(revived);
        QCOMPARE(action.retryFailed(), 1);
        QSignalSpy done(&action, &FleetBreakerAction::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(action.count(Status::Done), 4);
        QCOMPARE(action.items()[2].state, QStringLiteral("isolated"));
        QCOMPARE(action.items()[2].attempts, 2);
        QCOMPARE(controlEvents(*first), 2); // nothing sent twice
        QCOMPARE(controlEvents(*second), 1);
        QCOMPARE(controlEvents(*revived), 1);
        QCOMPARE(breakerOf(*revived, "default"), QStringLiteral("isolated"));

        // Five intents (four sends and the retry), each with its outcome.
        QCOMPARE(trail.intents.size(), 5);
        QCOMPARE(trail.outcomes.size(), 5);
        for (const AuditEntry& e : trail.intents) {
            QCOMPARE(e.action, QStringLiteral("breaker.isolate"));
            QCOMPARE(e.reason, QStringLiteral("drill"));
            QCOMPARE(e.service, QStringLiteral("orders"));
            QCOMPARE(e.targets.size(), 1);
        }
        int refused = 0;
        for (const auto& [id, outcome] : trail.outcomes)
            refused += (!outcome.ok && outcome.detail == QStringLiteral("connection refused")) ? 1 : 0;
        QCOMPARE(refused, 1);
    }

    // What the service says no with reaches the item in its words; nothing is sent without a reason or
    // without an audit record.
    void refusalsAreTheServicesOwnWords_data() {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("ttl"); // 0: none
        QTest::addColumn<int>("command");
        QTest::addColumn<bool>("auditRefuses");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("events");
        QTest::newRow("unknown policy") << "nope"
                                        << "x" << 0 << int(Command::Isolate) << false
                                        << "HTTP 404: Unknown policy (no policy named \"nope\")" << 0;
        QTest::newRow("no reason") << "default"
                                   << "  " << 0 << int(Command::Isolate) << false
                                   << "not sent: a reason is required" << 0;
        QTest::newRow("auto with ttl") << "default"
                                       << "x" << 60 << int(Command::Auto) << false
                                       << "not sent: returning to automatic takes no time-to-live" << 0;
        QTest::newRow("audit refuses") << "default"
                                       << "x" << 0 << int(Command::Isolate) << true
                                       << "not sent: the audit trail could not record it" << 0;
        QTest::newRow("accepted") << "default"
                                  << "x" << 0 << int(Command::Disable) << false << "" << 1;
    }
    void refusalsAreTheServicesOwnWords() {
        QFETCH(QString, policy);
        QFETCH(QString, reason);
        QFETCH(int, ttl);
        QFETCH(int, command);
        QFETCH(bool, auditRefuses);
        QFETCH(QString, error);
        QFETCH(int, events);
        auto agent = startAgent();
        QVERIFY(agent);
        ControlService control;
        RecordingTrail trail;
        trail.refuse = auditRefuses;
        FleetBreakerRequest request;
        request.command = Command(command);
        request.reason = reason;
        if (ttl > 0)
            request.ttlSeconds = ttl;
        request.targets = {targetOf(agent->baseUrl(), {policy})};
        FleetBreakerAction action(request, control, &trail);
        QVERIFY(runToEnd(action, &FleetBreakerAction::start));
        const BreakerItem& item = action.items().front();
        QCOMPARE(item.status, error.isEmpty() ? Status::Done : Status::Failed);
        QCOMPARE(item.error, error);
        QCOMPARE(controlEvents(*agent), events);
        if (error.isEmpty())
            QCOMPARE(item.answerText(), QStringLiteral("disabled"));
    }

    void noTargetsFinishesAtOnce() {
        ControlService control;
        FleetBreakerAction action(FleetBreakerRequest{}, control, nullptr);
        QVERIFY(runToEnd(action, &FleetBreakerAction::start));
        QCOMPARE(action.retryFailed(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_FleetBreakerAction)
#include "tst_fleetbreakeraction.moc"
