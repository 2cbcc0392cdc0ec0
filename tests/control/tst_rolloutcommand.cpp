// SPDX-License-Identifier: GPL-3.0-or-later
// `jimini config rollout` (the binary) against in-process agents on loopback: a clean rollout puts every
// instance of the service, and only those, on the new config (exit 0); a canary that starts failing is
// rolled back (exit 1); SIGTERM mid-rollout aborts and the old config goes back (exit 1); bad input is a
// usage error (exit 2) and sends nothing. What counts is each agent's own GET config.
#include "control/auditreader.h"

#include "config/configcodec.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "serve/agent.h"
#include "serve/eventlog.h"

#include "support/jiminicli.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace jimini;

namespace {

QString binary() {
    return test::jiminiBinary();
}

QByteArray configWith(double timeout) {
    return QStringLiteral(R"({"environment": "test", "policies": {"dep": {"circuit_breaker":
        {"failure_threshold": 1000, "recovery_timeout": 60}, "timeout": %1}}})")
        .arg(timeout)
        .toUtf8();
}

std::unique_ptr<Agent> startAgent(const QString& service, int index, const QByteArray& config) {
    AgentOptions options;
    options.service = service;
    options.instance = QStringLiteral("%1-%2").arg(service).arg(index);
    options.callsPerSecond = 50;
    options.seed = quint64(index + 1);
    options.downstream.errorRate = 0;
    auto agent = std::make_unique<Agent>(options, std::move(*ConfigCodec::parse(config).config));
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

ControlResult ask(const Agent& agent, const std::function<quint64(ControlClient&)>& call) {
    ServiceEndpoint endpoint;
    endpoint.baseUrl = agent.baseUrl();
    ControlClient client(endpoint);
    QSignalSpy spy(&client, &ControlClient::finished);
    call(client);
    if (!spy.wait(20000))
        return {};
    return spy.front().front().value<ControlResult>();
}

QByteArray versionOf(const Agent& agent) {
    return ask(agent, [](ControlClient& c) { return c.getConfig(); }).etag;
}

} // namespace

class tst_RolloutCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanRolloutTouchesOnlyTheService();
    void failingCanaryExitsOneOnTheOldConfig();
    void terminatedRolloutGoesBack();
    void badInputIsAUsageError_data();
    void badInputIsAUsageError();

private:
    QStringList args(const QStringList& extra, const QString& watch = QStringLiteral("300ms")) const;
    // Reads stdout lines until one starts with prefix (true) or the child ends or the deadline passes.
    static bool waitForLineStarting(test::SpawnedProcess& p, const QByteArray& prefix, QByteArrayList* lines);

    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<Agent>> m_orders;
    std::unique_ptr<Agent> m_billing;
    QByteArray m_oldVersion;
    QString m_workspace;
    QString m_newConfig;
    QString m_auditDb;
};

void tst_RolloutCommand::initTestCase() {
    QLocale::setDefault(QLocale::c());
    if (binary().isEmpty())
        QSKIP("jimini is not built next to the tests (build the jimini target)");
    QVERIFY(m_dir.isValid());
    m_newConfig = m_dir.filePath(QStringLiteral("new.json"));
    QFile file(m_newConfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(configWith(2));
}

void tst_RolloutCommand::init() {
    for (int i = 1; i <= 3; ++i)
        m_orders.push_back(startAgent(QStringLiteral("orders"), i, configWith(1)));
    m_billing = startAgent(QStringLiteral("billing"), 1, configWith(1));
    m_oldVersion = versionOf(*m_orders.front());
    QVERIFY(!m_oldVersion.isEmpty());
    // orders-1 and orders-2 by group; orders-3 without one (its document names the service); billing by
    // group.
    QJsonArray services;
    services.append(QJsonObject{{"url", m_orders[0]->baseUrl().toString()}, {"group", "orders"}});
    services.append(QJsonObject{{"url", m_billing->baseUrl().toString()}, {"group", "billing"}});
    services.append(QJsonObject{{"url", m_orders[1]->baseUrl().toString()}, {"group", "orders"}});
    services.append(QJsonObject{{"url", m_orders[2]->baseUrl().toString()}});
    m_workspace = m_dir.filePath(QStringLiteral("%1.workspace.json").arg(QTest::currentTestFunction()));
    QFile file(m_workspace);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{"version", 2}, {"services", services}}).toJson());
    m_auditDb = m_dir.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentTestFunction()));
}

void tst_RolloutCommand::cleanup() {
    for (auto& agent : m_orders)
        agent->stop();
    m_orders.clear();
    m_billing->stop();
    m_billing.reset();
}

QStringList tst_RolloutCommand::args(const QStringList& extra, const QString& watch) const {
    return QStringList{"config", "rollout",        "--workspace", m_workspace, "--service",
                       "orders", "--canary-watch", watch,         "--batch",   "2",
                       "--poll", "100ms",          "--audit-db",  m_auditDb} +
           extra;
}

bool tst_RolloutCommand::waitForLineStarting(test::SpawnedProcess& p, const QByteArray& prefix,
                                             QByteArrayList* lines) {
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!p.waitForLine(int(qMax<qint64>(1, deadline.remainingTime()))))
            return false;
        const QByteArray line = p.takeLine();
        lines->append(line);
        if (line.startsWith(prefix))
            return true;
    }
    return false;
}

void tst_RolloutCommand::cleanRolloutTouchesOnlyTheService() {
    test::SpawnedProcess p;
    QString error;
    QVERIFY2(p.start(binary(),
                     args({"--json", "--reason", "INC-1", "--operator", "rollout-bot", m_newConfig}), &error),
             qPrintable(error));
    QVERIFY(p.waitForFinished(30000));
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject result = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(result.value("result").toString(), QStringLiteral("completed"));
    QCOMPARE(result.value("ended_on_one_config").toBool(), true);
    const QJsonArray instances = result.value("instances").toArray();
    QCOMPARE(instances.size(), 3);
    QCOMPARE(instances[0].toObject().value("instance").toString(), QStringLiteral("orders-1")); // the canary
    for (const QJsonValue& instance : instances)
        QCOMPARE(instance.toObject().value("step").toString(), QStringLiteral("done"));
    // The progress went to stderr, one line per change.
    QVERIFY2(err.contains("orders-1: watching: error rate"), err.constData());
    QVERIFY2(err.contains("orders-3: done: error rate"), err.constData());
    const QByteArray newVersion = versionOf(*m_orders.front());
    QVERIFY(newVersion != m_oldVersion);
    for (const auto& agent : m_orders)
        QCOMPARE(versionOf(*agent), newVersion);
    QCOMPARE(versionOf(*m_billing), m_oldVersion);
    // Each agent recorded the push as the operator's (X-Jimini-Operator), as did the audit store.
    for (const auto& agent : m_orders) {
        QStringList actors;
        for (const AgentEvent& event : agent->events().after(0).events)
            if (event.type == AgentEventType::Config)
                actors << event.actor;
        QCOMPARE(actors, QStringList{QStringLiteral("rollout-bot (anonymous)")});
    }
    const AuditPage page = AuditReader::read(m_auditDb, {});
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.records.front().entry.action, QStringLiteral("rollout.start"));
    QCOMPARE(page.records.front().entry.reason, QStringLiteral("INC-1"));
    QCOMPARE(page.records.front().operatorName, QStringLiteral("rollout-bot"));
    QCOMPARE(page.records.back().ok, std::optional<bool>(true));
    QCOMPARE(page.records.size(), 2 + 3 * 2); // the start and its outcome, and each push with its answer
}

void tst_RolloutCommand::failingCanaryExitsOneOnTheOldConfig() {
    test::SpawnedProcess p;
    QString error;
    QVERIFY2(p.start(binary(), args({m_newConfig}, QStringLiteral("3s")), &error), qPrintable(error));
    QByteArrayList lines;
    QVERIFY2(waitForLineStarting(p, "orders-1: watching", &lines), lines.join('\n').constData());
    const ControlResult fault = ask(*m_orders[0], [](ControlClient& c) {
        return c.injectFault({{"error_rate", 1.0}, {"duration_seconds", 60}});
    });
    QVERIFY2(fault.ok, qPrintable(fault.reason));
    QVERIFY(p.waitForFinished(30000));
    const QByteArray out = lines.join('\n') + '\n' + p.readAllStandardOutput();
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(
        QRegularExpression(QStringLiteral("\nrolled back: orders-1: error rate \\d+\\.\\d% → \\d+\\.\\d% "
                                          "\\(\\+\\d+\\.\\d pp > 10 pp\\)\n$"))
            .match(QString::fromUtf8(out))
            .hasMatch(),
        out.constData());
    QVERIFY2(out.contains("orders-1: rolled back: error rate"), out.constData());
    for (const auto& agent : m_orders)
        QCOMPARE(versionOf(*agent), m_oldVersion);
}

void tst_RolloutCommand::terminatedRolloutGoesBack() {
    test::SpawnedProcess p;
    QString error;
    QVERIFY2(p.start(binary(), args({m_newConfig}, QStringLiteral("1h")), &error), qPrintable(error));
    QByteArrayList lines;
    QVERIFY2(waitForLineStarting(p, "orders-1: watching", &lines), lines.join('\n').constData());
    QVERIFY(versionOf(*m_orders[0]) != m_oldVersion); // the canary runs the new config
    p.terminate();
    QVERIFY(p.waitForFinished(30000));
    const QByteArray out = p.readAllStandardOutput();
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(out.endsWith("aborted: by the operator\n"), out.constData());
    for (const auto& agent : m_orders)
        QCOMPARE(versionOf(*agent), m_oldVersion);
}

void tst_RolloutCommand::badInputIsAUsageError_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no service") << QStringList{"config", "rollout", "--workspace", "W", "--canary-watch",
                                               "1",      "--batch", "1",           "F"}
                                << "jimini config rollout: --service is required\n";
    QTest::newRow("bad watch") << QStringList{"--canary-watch", "soon"}
                               << "jimini config rollout: --canary-watch wants a positive duration (90, 30s, "
                                  "5m); got \"soon\"\n";
    QTest::newRow("bad batch") << QStringList{"--batch", "0"}
                               << "jimini config rollout: --batch wants a whole number >= 1; got \"0\"\n";
    QTest::newRow("bad threshold")
        << QStringList{"--threshold", "-3"}
        << "jimini config rollout: --threshold wants percentage points in [0, 100]; "
           "got \"-3\"\n";
    QTest::newRow("invalid config")
        << QStringList{"INVALID"}
        << "jimini config rollout: %1: policies.dep.timeout: must be a duration in "
           "seconds > 0 and <= 31536000 (got -1)\n";
    QTest::newRow("unknown service") << QStringList{"--service", "nothing"}
                                     << "jimini config rollout: no instance of service \"nothing\" in %2\n";
}

void tst_RolloutCommand::badInputIsAUsageError() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString invalid = m_dir.filePath(QStringLiteral("invalid.json"));
    {
        QFile file(invalid);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"environment": "test", "policies": {"dep": {"timeout": -1}}})");
    }
    QStringList full = arguments.front() == QLatin1String("config") ? arguments : args(arguments);
    if (full.contains(QStringLiteral("INVALID"))) {
        full.removeAll(QStringLiteral("INVALID"));
        full << invalid;
    } else if (full.back() != QLatin1String("F")) {
        full << m_newConfig;
    }
    test::SpawnedProcess p;
    QString error;
    QVERIFY2(p.start(binary(), full, &error), qPrintable(error));
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    message.replace(QStringLiteral("%1"), invalid).replace(QStringLiteral("%2"), m_workspace);
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()), message);
    for (const auto& agent : m_orders)
        QCOMPARE(versionOf(*agent), m_oldVersion);
    QVERIFY(!QFile::exists(m_auditDb));
}

QTEST_MAIN(tst_RolloutCommand)
#include "tst_rolloutcommand.moc"
