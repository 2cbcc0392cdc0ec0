// SPDX-License-Identifier: GPL-3.0-or-later
// `jimini trip|reset` (the binary) against in-process agents on loopback: every URL gets the command and
// the results are the services' answers; one unreachable URL makes the exit code 1 and is named; bad
// input is exit 2 and sends nothing; the operator reaches the agent's event actor and the audit store.
#include "control/auditreader.h"

#include "config/configcodec.h"
#include "health/healthnames.h"
#include "serve/agent.h"
#include "serve/eventlog.h"

#include "support/jiminicli.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace jimini;

namespace {

std::unique_ptr<Agent> startAgent() {
    ConfigParseResult parsed = ConfigCodec::parse(R"({"environment": "test", "policies": {
        "dep": {"circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 1},
        "db": {"circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60}, "timeout": 1}}})");
    AgentOptions options;
    options.service = QStringLiteral("orders");
    options.simulatedTime = true;
    options.callsPerSecond = 0;
    auto agent = std::make_unique<Agent>(options, std::move(*parsed.config));
    return agent->start(nullptr) ? std::move(agent) : nullptr;
}

QString breakerOf(const Agent& agent, const QString& policy) {
    for (const PolicyHealth& p : agent.health().policies)
        if (p.name == policy && p.circuitBreaker)
            return breakerStateName(p.circuitBreaker->state);
    return {};
}

QList<AgentEvent> controlEvents(const Agent& agent) {
    QList<AgentEvent> found;
    for (const AgentEvent& e : agent.events().after(0).events)
        if (e.type == AgentEventType::Control)
            found.append(e);
    return found;
}

using Run = test::CliRun;

Run run(const QStringList& args) {
    return test::runJimini(args);
}

} // namespace

class tst_BreakerCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (test::jiminiBinary().isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
        QVERIFY(m_dir.isValid());
    }

    void tripAndResetEveryUrl() {
        auto a = startAgent();
        auto b = startAgent();
        QVERIFY(a && b);
        const QString db = m_dir.filePath("trip.sqlite");
        Run r = run({"trip", a->baseUrl().toString(), b->baseUrl().toString(), "--policy", "dep", "--policy",
                     "db", "--reason", "INC-7 drill", "--ttl", "5m", "--operator", "alice", "--audit-db", db,
                     "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value("failed").toInt(), 0);
        QCOMPARE(doc.value("ttl_seconds").toInt(), 300);
        QCOMPARE(doc.value("operator").toString(), QStringLiteral("alice"));
        const QJsonArray results = doc.value("results").toArray();
        QCOMPARE(results.size(), 4);
        for (const QJsonValue& v : results) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value("ok").toBool(), true);
            QCOMPARE(o.value("state").toString(), QStringLiteral("isolated"));
            QCOMPARE(o.value("http_status").toInt(), 200);
            QVERIFY(o.value("manual_until").isString());
            // Who and why, as each service recorded them.
            QCOMPARE(o.value("manual_actor").toString(), QStringLiteral("alice (anonymous)"));
            QCOMPARE(o.value("manual_reason").toString(), QStringLiteral("INC-7 drill"));
        }
        for (const Agent* agent : {a.get(), b.get()}) {
            QCOMPARE(breakerOf(*agent, "dep"), QStringLiteral("isolated"));
            QCOMPARE(breakerOf(*agent, "db"), QStringLiteral("isolated"));
            const QList<AgentEvent> events = controlEvents(*agent);
            QCOMPARE(events.size(), 2);
            QCOMPARE(events.front().actor, QStringLiteral("alice (anonymous)"));
            QCOMPARE(events.front().note, QStringLiteral("INC-7 drill"));
        }
        const AuditPage page = AuditReader::read(db, AuditQuery{});
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.records.size(), 8); // four intents, four outcomes
        QVERIFY(page.records.front().kind == AuditRecord::Kind::Intent);
        QCOMPARE(page.records.front().entry.action, QStringLiteral("breaker.isolate"));
        QCOMPARE(page.records.front().operatorName, QStringLiteral("alice"));
        QVERIFY(page.records.back().kind == AuditRecord::Kind::Outcome);
        QVERIFY(page.records.back().ok.value_or(false));

        r = run({"reset", a->baseUrl().toString(), "--policy", "dep", "--reason", "over", "--audit-db", db});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(breakerOf(*a, "dep"), QStringLiteral("closed"));
        QCOMPARE(breakerOf(*a, "db"), QStringLiteral("isolated"));
        QCOMPARE(r.out, a->baseUrl().toString().toUtf8() + " dep: closed\n");
    }

    void oneUnreachableUrlExitsOne() {
        auto a = startAgent();
        QVERIFY(a);
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QString down = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const Run r = run({"trip", a->baseUrl().toString(), down, "--policy", "dep", "--reason", "x",
                           "--audit-db", m_dir.filePath("partial.sqlite")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(breakerOf(*a, "dep"), QStringLiteral("isolated"));
        QCOMPARE(r.out, a->baseUrl().toString().toUtf8() + " dep: isolated\n");
        QCOMPARE(r.err, down.toUtf8() + " dep: failed: connection refused\n");
    }

    void serviceRefusalExitsOne() {
        auto a = startAgent();
        QVERIFY(a);
        const Run r = run({"trip", a->baseUrl().toString(), "--policy", "nope", "--reason", "x", "--audit-db",
                           m_dir.filePath("refused.sqlite"), "--json"});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject item =
            QJsonDocument::fromJson(r.out).object().value("results").toArray().at(0).toObject();
        QCOMPARE(item.value("http_status").toInt(), 404);
        QCOMPARE(item.value("error").toString(),
                 QStringLiteral("HTTP 404: Unknown policy (no policy named \"nope\")"));
    }

    void badInputIsAUsageError_data() {
        QTest::addColumn<QStringList>("args"); // after the URL; "URL" is replaced by the agent's
        QTest::addColumn<QString>("message");
        QTest::newRow("no url") << QStringList{"trip", "--policy", "dep", "--reason", "x"}
                                << "expected one or more URLs";
        QTest::newRow("no policy") << QStringList{"trip", "URL", "--reason", "x"} << "--policy is required";
        QTest::newRow("no reason") << QStringList{"trip", "URL", "--policy", "dep"} << "--reason is required";
        QTest::newRow("blank reason")
            << QStringList{"trip", "URL", "--policy", "dep", "--reason", " "} << "--reason is required";
        QTest::newRow("ttl unit") << QStringList{"trip",     "URL", "--policy", "dep",
                                                 "--reason", "x",   "--ttl",    "5d"}
                                  << "--ttl: \"5d\" is not a time-to-live";
        QTest::newRow("ttl zero") << QStringList{"trip",     "URL", "--policy", "dep",
                                                 "--reason", "x",   "--ttl",    "0"}
                                  << "--ttl: time-to-live \"0\" is out of range";
        QTest::newRow("ttl on reset")
            << QStringList{"reset", "URL", "--policy", "dep", "--reason", "x", "--ttl", "5m"}
            << "--ttl is for trip";
        QTest::newRow("bad state") << QStringList{"trip",     "URL", "--policy", "dep",
                                                  "--reason", "x",   "--state",  "open"}
                                   << "--state wants isolated or disabled; got \"open\"";
        QTest::newRow("bad url") << QStringList{"trip", "ftp://x", "--policy", "dep", "--reason", "x"}
                                 << "ftp://x";
        QTest::newRow("missing token file")
            << QStringList{"trip",     "URL", "--policy",     "dep",
                           "--reason", "x",   "--token-file", "/nonexistent/t"}
            << "/nonexistent/t";
        QTest::newRow("unknown option") << QStringList{"trip", "URL", "--bogus"} << "bogus";
    }
    void badInputIsAUsageError() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        auto a = startAgent();
        QVERIFY(a);
        args.replaceInStrings(QRegularExpression("^URL$"), a->baseUrl().toString());
        args << "--audit-db" << m_dir.filePath("usage.sqlite");
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(controlEvents(*a).size(), 0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_BreakerCommand)
#include "tst_breakercommand.moc"
