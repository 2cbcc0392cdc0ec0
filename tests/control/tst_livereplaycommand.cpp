// SPDX-License-Identifier: GPL-3.0-or-later
// `jimini replay --live` (the binary) against an in-process agent on loopback: SIGTERM in the middle of a
// phase clears the fault it injected before the process exits (exit 1), as the agent's own GET /faults
// says; bad input is a usage error (exit 2) and sends nothing.
#include "config/configcodec.h"
#include "serve/agent.h"
#include "sim/faultset.h"

#include "serve/httptestclient.h"
#include "support/jiminicli.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace jimini;

namespace {
// A phase from the first second for five minutes: SIGTERM always lands while it is in force.
const QByteArray kScenario =
    R"({"name": "cli-outage", "duration_seconds": 600, "traffic": {"shape": "constant", "rate": 1},
  "dependencies": [{"name": "payments", "policy": "default",
    "phases": [{"name": "outage", "start_seconds": 0, "duration_seconds": 300, "error_rate": 1}]}]})";
} // namespace

class tst_LiveReplayCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (test::jiminiBinary().isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
        QVERIFY(m_dir.isValid());
        QFile file(m_dir.filePath(QStringLiteral("outage.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kScenario);
        AgentOptions o;
        o.simulatedTime = true; // its clock stands still: only the CLI's clear can end the fault
        o.callsPerSecond = 0;
        m_agent = std::make_unique<Agent>(o, *ConfigCodec::parse(testConfigJson()).config);
        QVERIFY(m_agent->start(nullptr));
    }

    void sigtermClearsTheInjectedFaults() {
        test::SpawnedProcess p;
        QString error;
        QVERIFY2(p.start(test::jiminiBinary(),
                         {"replay", "--live", m_agent->baseUrl().toString(), m_dir.filePath("outage.json"),
                          "--audit-db", m_dir.filePath("audit.sqlite")},
                         &error),
                 qPrintable(error));
        QByteArrayList lines;
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && (lines.isEmpty() || !lines.last().contains(": fault ")))
            if (p.waitForLine(int(qMax<qint64>(1, deadline.remainingTime()))))
                lines.append(p.takeLine());
        QVERIFY2(!lines.isEmpty() && lines.last().contains("(payments/outage)"),
                 lines.join('\n').constData());
        QCOMPARE(lines.value(1), QByteArray("0:00 start of payments/outage"));
        QCOMPARE(m_agent->faults().active(m_agent->now()).size(), std::size_t(1));
        p.terminate();
        QVERIFY(p.waitForFinished(20000));
        const QByteArray out = lines.join('\n') + '\n' + p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(out.endsWith("aborted: every injected fault cleared\n"), out.constData());
        QNetworkAccessManager nam;
        QUrl faults = m_agent->baseUrl();
        faults.setPath(QStringLiteral("/resilience/v1/faults"));
        QCOMPARE(http(nam, "GET", faults).json().value("faults").toArray().size(), 0);
    }

    void badInputSendsNothing_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no scenario") << QStringList{"http://127.0.0.1:1"}
                                     << QByteArray("give one or more URLs and then one SCENARIO");
        QTest::newRow("unknown scenario")
            << QStringList{"http://127.0.0.1:1", "no-such-scenario"} << QByteArray("no-such-scenario");
        QTest::newRow("bad URL") << QStringList{"ftp://x", "downstream-outage"} << QByteArray("ftp");
    }
    void badInputSendsNothing() {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const test::CliRun run = test::runJimini(QStringList{"replay", "--live"} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("jimini replay --live: ") && run.err.contains(message),
                 run.err.constData());
        QVERIFY(m_agent->faults().active(m_agent->now()).empty());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Agent> m_agent;
};

QTEST_MAIN(tst_LiveReplayCommand)
#include "tst_livereplaycommand.moc"
