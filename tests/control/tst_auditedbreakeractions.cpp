// SPDX-License-Identifier: GPL-3.0-or-later
// The audit store holds every action of a test, in order, with its results: breaker actions through
// FleetBreakerAction (the console's and the CLI's code path) against real agents on loopback, one instance
// unreachable, then a retry once an agent listens there, then a return to automatic; read back from the
// SQLite file, each send is an intent written before it and an outcome with the service's answer after.
#include "control/auditreader.h"
#include "control/auditstore.h"
#include "control/controlservice.h"
#include "control/fleetbreakeraction.h"

#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "serve/agent.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace jimini;
using Command = ControlClient::BreakerCommand;

namespace {
std::unique_ptr<Agent> startAgent(quint16 port = 0) {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = 0;
    o.port = port;
    o.service = QStringLiteral("orders");
    auto agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
    return agent->start(nullptr) ? std::move(agent) : nullptr;
}

BreakerTarget targetOf(const QUrl& url) {
    BreakerTarget t;
    t.endpoint.baseUrl = url;
    t.instance = url.authority();
    t.service = QStringLiteral("orders");
    t.environment = QStringLiteral("test");
    t.policies = {QStringLiteral("default")};
    t.statesBefore.insert(QStringLiteral("default"), QStringLiteral("closed"));
    return t;
}

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool run(FleetBreakerAction& action, bool retry = false) {
    QSignalSpy done(&action, &FleetBreakerAction::finished);
    if (retry)
        action.retryFailed();
    else
        action.start();
    return done.count() > 0 || done.wait(20000);
}

// The outcome record of an intent, or null.
const AuditRecord* outcomeOf(const QList<AuditRecord>& records, qint64 intentId) {
    for (const AuditRecord& r : records)
        if (r.kind == AuditRecord::Kind::Outcome && r.intentId == intentId)
            return &r;
    return nullptr;
}
} // namespace

class tst_AuditedBreakerActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<ControlResult>();
    }

    void everyActionInOrderWithItsResult() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        store.setOperatorName(QStringLiteral("tester"));
        auto first = startAgent();
        auto second = startAgent();
        QVERIFY(first && second);
        const quint16 downPort = freePort();
        const QUrl down(QStringLiteral("http://127.0.0.1:%1").arg(downPort));
        ControlService control;

        // 1. Isolate on three instances, one of them unreachable.
        FleetBreakerRequest isolate;
        isolate.command = Command::Isolate;
        isolate.reason = QStringLiteral("drill 1");
        isolate.ttlSeconds = 600;
        isolate.timeoutMs = 5000;
        isolate.targets = {targetOf(first->baseUrl()), targetOf(second->baseUrl()), targetOf(down)};
        FleetBreakerAction trip(isolate, control, &store);
        QVERIFY(run(trip));
        QCOMPARE(trip.count(BreakerItem::Status::Done), 2);
        QCOMPARE(trip.count(BreakerItem::Status::Failed), 1);
        // 2. The instance comes back; the retry goes to it alone.
        auto third = startAgent(downPort);
        QVERIFY(third);
        QVERIFY(run(trip, true));
        QCOMPARE(trip.count(BreakerItem::Status::Done), 3);
        // 3. Back to automatic on the first.
        FleetBreakerRequest reset;
        reset.command = Command::Auto;
        reset.reason = QStringLiteral("drill over");
        reset.targets = {targetOf(first->baseUrl())};
        FleetBreakerAction back(reset, control, &store);
        QVERIFY(run(back));
        QCOMPARE(back.count(BreakerItem::Status::Done), 1);
        QVERIFY2(store.error().isEmpty(), qPrintable(store.error()));

        const AuditPage page = AuditReader::read(path, {});
        QVERIFY2(page.ok(), qPrintable(page.error));
        const QList<AuditRecord>& records = page.records;
        // Five sends (three, one retry, one reset): five intents, five outcomes.
        QCOMPARE(records.size(), 10);
        QList<const AuditRecord*> intents;
        for (const AuditRecord& r : records) {
            QCOMPARE(r.operatorName, QStringLiteral("tester"));
            if (r.kind == AuditRecord::Kind::Intent)
                intents.append(&r);
        }
        QCOMPARE(intents.size(), 5);
        const QString downId = down.toString(QUrl::StripTrailingSlash);
        const QStringList expectedTargets{first->baseUrl().toString(QUrl::StripTrailingSlash),
                                          second->baseUrl().toString(QUrl::StripTrailingSlash), downId,
                                          downId, first->baseUrl().toString(QUrl::StripTrailingSlash)};
        const std::optional<bool> expectedOk[] = {true, true, false, true, true};
        for (int i = 0; i < intents.size(); ++i) {
            const AuditRecord& intent = *intents[i];
            QCOMPARE(intent.entry.targets, QStringList{expectedTargets[i]});
            QCOMPARE(intent.entry.policy, QStringLiteral("default"));
            QCOMPARE(intent.entry.service, QStringLiteral("orders"));
            QCOMPARE(intent.entry.action,
                     i < 4 ? QStringLiteral("breaker.isolate") : QStringLiteral("breaker.auto"));
            QCOMPARE(intent.entry.reason, i < 4 ? QStringLiteral("drill 1") : QStringLiteral("drill over"));
            // Written before the send, answered after: the outcome comes later in the store.
            const AuditRecord* outcome = outcomeOf(records, intent.id);
            QVERIFY2(outcome, qPrintable(QStringLiteral("no outcome for intent %1").arg(intent.id)));
            QVERIFY(outcome->id > intent.id);
            QVERIFY(outcome->timeMs >= intent.timeMs);
            QVERIFY2(outcome->ok == expectedOk[i], qPrintable(outcome->detail));
            QVERIFY(!outcome->detail.isEmpty());
        }
        // In the order they happened: the retry after the whole first action, the reset after the retry.
        const qint64 lastOfFirst =
            std::max({outcomeOf(records, intents[0]->id)->id, outcomeOf(records, intents[1]->id)->id,
                      outcomeOf(records, intents[2]->id)->id});
        QVERIFY(intents[3]->id > lastOfFirst);
        QVERIFY(intents[4]->id > outcomeOf(records, intents[3]->id)->id);
        for (int i = 1; i < records.size(); ++i)
            QVERIFY(records[i].id > records[i - 1].id);
    }
};

QTEST_GUILESS_MAIN(tst_AuditedBreakerActions)
#include "tst_auditedbreakeractions.moc"
