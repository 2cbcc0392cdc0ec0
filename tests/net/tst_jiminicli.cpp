// SPDX-License-Identifier: GPL-3.0-or-later
// The `jimini` binary against an in-process agent: the same HealthSource path, headless.
#include "serve/httptestclient.h"

#include "config/configcodec.h"
#include "health/healthcodec.h"
#include "serve/agent.h"
#include "support/spawnedprocess.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTcpServer>
#include <QTest>

using namespace jimini;

namespace {
QString binary() {
    const QString path = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/cli/jimini");
    return QFile::exists(path) ? path : QString();
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The agent lives on this thread: SpawnedProcess waits by spinning the event loop, never by blocking.
Run run(const QStringList& args) {
    test::SpawnedProcess p;
    QString error;
    if (!p.start(binary(), args, &error))
        return {-1, {}, error.toUtf8()};
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
} // namespace

class tst_JiminiCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (binary().isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
    }

    void healthPrintsTheNormalizedDocument() {
        AgentOptions o;
        o.simulatedTime = true;
        o.callsPerSecond = 0;
        Agent agent(o, *ConfigCodec::parse(testConfigJson()).config);
        QVERIFY(agent.start(nullptr));

        const Run json = run({"health", agent.baseUrl().toString(), "--json", "--timeout", "10"});
        QCOMPARE(json.exitCode, 0);
        QVERIFY(json.err.isEmpty());
        const HealthParseResult parsed = HealthCodec::decode(json.out);
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorPath + ": " + parsed.error));
        QCOMPARE(parsed.document->service, QStringLiteral("jimini-agent"));
        QCOMPARE(parsed.document->instance, QStringLiteral("jimini-agent-%1").arg(agent.port()));
        QCOMPARE(parsed.document->policies.size(), std::size_t(2));

        const Run text = run({"health", agent.baseUrl().toString()});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("service:     jimini-agent\n"), text.out.constData());
        QVERIFY(text.out.contains("status:      healthy\n"));
        QVERIFY(text.out.contains("  default: breaker closed (0 failures, 0 rejected, 0 opens)"));
        QVERIFY(text.out.contains("  payments: breaker closed"));
        QVERIFY(text.out.contains("tokens 100/100"));
    }

    void healthFailsWithTheReasonOnStderr() {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        const Run r = run({"health", url, "--json"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err, QByteArray("jimini health: " + url.toUtf8() + ": connection refused\n"));
    }

    void helpListsTheCommands() {
        const Run r = run({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Commands:\n  health URL"));
        const Run unknown = run({"frobnicate"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.startsWith("jimini: unknown command \"frobnicate\""));
    }
};

QTEST_GUILESS_MAIN(tst_JiminiCli)
#include "tst_jiminicli.moc"
