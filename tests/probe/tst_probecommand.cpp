// SPDX-License-Identifier: GPL-3.0-or-later
// `jimini probe`, the binary against the agent's target on loopback: what is refused before anything is
// sent, and the JSON report and exit code against the thresholds.
#include "probetestsupport.h"
#include "support/jiminicli.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;

namespace {
constexpr int kDeadlineMs = 60000;

// No retry, no breaker, no limiter: each call one request, so the counts are exact.
const QByteArray kPlainConfig = R"({"environment": "test", "policies": {"default": {"retry": null,
    "circuit_breaker": null, "rate_limit": null, "timeout": 5, "bulkhead": {"limit": 100, "queue": 0}}}})";

using Run = test::CliRun;

Run run(const QStringList& args) {
    return test::runJimini(QStringList{QStringLiteral("probe")} + args, kDeadlineMs);
}

std::uint64_t received(const Agent& agent) {
    return agent.server()->target().received();
}
} // namespace

class TestProbeCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (test::jiminiBinary().isEmpty())
            QSKIP("the jimini binary is not built");
        QVERIFY(m_dir.isValid());
        QFile file(m_dir.filePath(QStringLiteral("plain.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kPlainConfig);
        m_plain = file.fileName();
    }

    void refusedBeforeSending_data() {
        QTest::addColumn<QStringList>("args"); // %URL is the target's URL
        QTest::addColumn<QString>("message");
        QTest::newRow("not http") << QStringList{QStringLiteral("ftp://127.0.0.1/x")}
                                  << "scheme must be http or https";
        QTest::newRow("no URL") << QStringList{} << "want exactly one URL";
        QTest::newRow("not a URL") << QStringList{QStringLiteral("http://[::1")} << "is not a URL";
        QTest::newRow("unknown profile")
            << QStringList{QStringLiteral("%URL"), QStringLiteral("--profile"), QStringLiteral("prod")}
            << "\"prod\" is not a profile (one of: production, staging, development)";
        QTest::newRow("unknown compare profile")
            << QStringList{QStringLiteral("%URL"), QStringLiteral("--compare"),
                           QStringLiteral("staging,nope")}
            << "\"nope\" is not a profile";
        QTest::newRow("missing profile file")
            << QStringList{QStringLiteral("%URL"), QStringLiteral("--profile"),
                           QStringLiteral("/nonexistent/p.json")}
            << "cannot read /nonexistent/p.json";
        QTest::newRow("bad rate") << QStringList{QStringLiteral("%URL"), QStringLiteral("--rate"),
                                                 QStringLiteral("0")}
                                  << "rate: 0 is not in (0, 100000]";
        QTest::newRow("bad duration")
            << QStringList{QStringLiteral("%URL"), QStringLiteral("--duration"), QStringLiteral("soon")}
            << "--duration \"soon\"";
        QTest::newRow("bad header") << QStringList{QStringLiteral("%URL"), QStringLiteral("--header"),
                                                   QStringLiteral("no colon")}
                                    << "want \"Name: value\"";
        QTest::newRow("rate and workers")
            << QStringList{QStringLiteral("%URL"), QStringLiteral("--rate"), QStringLiteral("5"),
                           QStringLiteral("--workers"), QStringLiteral("2")}
            << "exclude each other";
        QTest::newRow("bad threshold")
            << QStringList{QStringLiteral("%URL"), QStringLiteral("--max-error-rate"), QStringLiteral("5")}
            << "want a share in [0, 1]";
    }
    void refusedBeforeSending() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        auto agent = startTargetAgent();
        args.replaceInStrings(QStringLiteral("%URL"), targetUrl(*agent).toString());
        const Run r = run(args + QStringList{QStringLiteral("--requests"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(received(*agent), std::uint64_t(0));
    }

    void thresholds_data() {
        QTest::addColumn<QByteArray>("fault"); // empty: none
        QTest::addColumn<QStringList>("limits");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("broken");
        QTest::newRow("healthy, error rate held")
            << QByteArray() << QStringList{QStringLiteral("--max-error-rate"), QStringLiteral("0")} << 0
            << QString();
        QTest::newRow("503s break the error rate")
            << QByteArray(R"({"error_rate": 1, "duration_seconds": 60})")
            << QStringList{QStringLiteral("--max-error-rate"), QStringLiteral("0.5")} << 1
            << "error rate 1 > 0.5";
        QTest::newRow("503s, no threshold: exit 0")
            << QByteArray(R"({"error_rate": 1, "duration_seconds": 60})") << QStringList{} << 0 << QString();
        QTest::newRow("slow answers break the p95")
            << QByteArray(R"({"latency": {"distribution": "fixed", "mean_ms": 150}, "duration_seconds": 60})")
            << QStringList{QStringLiteral("--max-p95"), QStringLiteral("50ms")} << 1 << "p95";
        QTest::newRow("slow answers within a looser p95")
            << QByteArray(R"({"latency": {"distribution": "fixed", "mean_ms": 150}, "duration_seconds": 60})")
            << QStringList{QStringLiteral("--max-p95"), QStringLiteral("2s")} << 0 << QString();
    }
    void thresholds() {
        QFETCH(QByteArray, fault);
        QFETCH(QStringList, limits);
        QFETCH(int, exitCode);
        QFETCH(QString, broken);
        auto agent = startTargetAgent();
        if (!fault.isEmpty())
            QCOMPARE(injectFault(*agent, fault), 201);
        const Run r =
            run(QStringList{targetUrl(*agent).toString(), QStringLiteral("--profile"), m_plain,
                            QStringLiteral("--rate"), QStringLiteral("100"), QStringLiteral("--requests"),
                            QStringLiteral("10"), QStringLiteral("--json")} +
                limits);
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        const QJsonObject doc = r.json();
        QCOMPARE(doc.value(QStringLiteral("exit_code")).toInt(), exitCode);
        const QJsonArray brokenList = doc.value(QStringLiteral("broken")).toArray();
        QCOMPARE(brokenList.isEmpty(), broken.isEmpty());
        if (!broken.isEmpty())
            QVERIFY2(brokenList.first().toString().contains(broken),
                     qPrintable(brokenList.first().toString()));
        const QJsonObject report = doc.value(QStringLiteral("runs")).toArray().first().toObject();
        const QJsonObject calls = report.value(QStringLiteral("calls")).toObject();
        QCOMPARE(calls.value(QStringLiteral("offered")).toInteger(), 10);
        QCOMPARE(calls.value(QStringLiteral("finished")).toInteger(), 10);
        const qint64 sent =
            report.value(QStringLiteral("attempts")).toObject().value(QStringLiteral("sent")).toInteger();
        QCOMPARE(sent, 10);
        QCOMPARE(received(*agent), std::uint64_t(sent));
        QCOMPARE(calls.value(QStringLiteral("http_5xx")).toInteger(), fault.contains("error_rate") ? 10 : 0);
    }

    void compareRunsSideBySide() {
        auto agent = startTargetAgent();
        const Run r =
            run({targetUrl(*agent).toString(), QStringLiteral("--profile"), m_plain,
                 QStringLiteral("--compare"), QStringLiteral("development"), QStringLiteral("--rate"),
                 QStringLiteral("50"), QStringLiteral("--requests"), QStringLiteral("5"),
                 QStringLiteral("--json"), QStringLiteral("--csv"), m_dir.filePath(QStringLiteral("r.csv"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray summary = r.json().value(QStringLiteral("summary")).toArray();
        QCOMPARE(summary.size(), 2);
        QCOMPARE(summary.at(1).toObject().value(QStringLiteral("profile")).toString(),
                 QStringLiteral("development"));
        QFile csv(m_dir.filePath(QStringLiteral("r.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 3); // the header and a row per profile
        // Progress went to stderr as plain lines (not a terminal), one per profile and snapshot.
        QVERIFY2(r.err.contains("development: ok"), r.err.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_plain;
};

QTEST_MAIN(TestProbeCommand)
#include "tst_probecommand.moc"
