// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve/agent.h"
#include "serve/metricsexporter.h"

#include "httptestclient.h"
#include "support/spawnedprocess.h"

#include "config/configcodec.h"
#include "policy/simulatedscheduler.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
// Every stage on in one policy or another, so that every family has lines.
const char* everyStageConfig = R"({"environment": "test", "policies": {
  "default": {"retry": {"max_attempts": 2, "initial_delay": 0.05, "max_delay": 0.1},
              "circuit_breaker": {"failure_threshold": 3, "recovery_timeout": 60},
              "timeout": 1, "bulkhead": {"limit": 50, "queue": 10}, "rate_limit": null},
  "payments": {"retry": null, "circuit_breaker": {"failure_threshold": 5, "recovery_timeout": 30},
               "timeout": 2, "bulkhead": {"limit": 2, "queue": 0},
               "rate_limit": {"requests_per_second": 5, "burst_limit": 5}}
}})";

AgentOptions simulated(double rate) {
    AgentOptions o;
    o.simulatedTime = true;
    o.callsPerSecond = rate;
    o.seed = 5;
    return o;
}

struct Lint {
    int exitCode = -1;
    QByteArray output; // stdout and stderr
};

// promtool check metrics reads the exposition on stdin; SpawnedProcess gives its child /dev/null there,
// so a shell redirects the file in.
Lint promtool(const QByteArray& exposition) {
    Lint lint;
    const QString program = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (program.isEmpty()) {
        lint.output = "promtool not found: scripts/bootstrap installs it (Debian package prometheus)";
        return lint;
    }
    QTemporaryFile file;
    if (!file.open() || file.write(exposition) != exposition.size() || !file.flush()) {
        lint.output = "cannot write the exposition to a temporary file";
        return lint;
    }
    test::SpawnedProcess p;
    QString error;
    if (!p.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("exec \"$0\" check metrics < \"$1\""), program,
                  file.fileName()},
                 &error)) {
        lint.output = error.toUtf8();
        return lint;
    }
    if (!p.waitForFinished(60000)) {
        lint.output = "promtool did not finish within 60 s";
        return lint;
    }
    lint.exitCode = p.exitCode();
    lint.output = p.readAllStandardOutput() + p.readAllStandardError();
    return lint;
}

QUrl metricsUrl(const Agent& agent) {
    QUrl u = agent.baseUrl();
    u.setPath(QStringLiteral("/metrics"));
    return u;
}
} // namespace

class tst_MetricsExporter : public QObject {
    Q_OBJECT
private:
    QNetworkAccessManager m_nam;

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    // The real agent's /metrics over loopback HTTP, at several moments of its life, passes promtool's
    // lint without a single complaint (it flagged every family while they had no HELP).
    void promtoolFindsNothing_data() {
        QTest::addColumn<double>("callsPerSecond");
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QByteArray>("fault");
        QTest::newRow("just started, no calls") << 0.0 << 0 << QByteArray();
        QTest::newRow("traffic, rate limited and bulkhead full") << 40.0 << 5 << QByteArray();
        QTest::newRow("failing downstream: breaker open, timeouts")
            << 40.0 << 5 << QByteArray(R"({"error_rate": 0.5, "hang_rate": 0.2, "duration_seconds": 60})");
    }
    void promtoolFindsNothing() {
        QFETCH(double, callsPerSecond);
        QFETCH(int, seconds);
        QFETCH(QByteArray, fault);
        Agent agent(simulated(callsPerSecond), *ConfigCodec::parse(everyStageConfig).config);
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        if (!fault.isEmpty()) {
            QUrl faults = agent.baseUrl();
            faults.setPath(QStringLiteral("/resilience/v1/faults"));
            QCOMPARE(http(m_nam, "POST", faults, fault).status, 201);
        }
        agent.simulatedScheduler()->advance(std::chrono::seconds(seconds));
        const HttpReply r = http(m_nam, "GET", metricsUrl(agent));
        QCOMPARE(r.status, 200);
        const Lint lint = promtool(r.body);
        QVERIFY2(lint.exitCode == 0 && lint.output.isEmpty(),
                 qPrintable(QStringLiteral("exit %1: %2\n%3")
                                .arg(lint.exitCode)
                                .arg(QString::fromUtf8(lint.output), QString::fromUtf8(r.body))));
    }

    // Each family's HELP comes right before its TYPE and says over what window it counts: lifetime
    // counters since the agent started (rate() gives a window), gauges now.
    void helpSaysTheWindow_data() {
        QTest::addColumn<QByteArray>("family");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("window");
        const QByteArray lifetime = "since the agent started";
        QTest::newRow("breaker state")
            << QByteArray("jimini_circuit_breaker_state") << QByteArray("gauge") << QByteArray("now");
        QTest::newRow("calls") << QByteArray("jimini_calls_total") << QByteArray("counter") << lifetime;
        QTest::newRow("retries") << QByteArray("jimini_retries_total") << QByteArray("counter") << lifetime;
        QTest::newRow("breaker opens")
            << QByteArray("jimini_circuit_breaker_opens_total") << QByteArray("counter") << lifetime;
        QTest::newRow("tokens") << QByteArray("jimini_rate_limiter_tokens_available") << QByteArray("gauge")
                                << QByteArray("now");
        QTest::newRow("limiter rate") << QByteArray("jimini_rate_limiter_requests_per_second")
                                      << QByteArray("gauge") << QByteArray("now");
        QTest::newRow("bulkhead active")
            << QByteArray("jimini_bulkhead_active") << QByteArray("gauge") << QByteArray("now");
        QTest::newRow("bulkhead queued")
            << QByteArray("jimini_bulkhead_queued") << QByteArray("gauge") << QByteArray("now");
        QTest::newRow("bulkhead capacity") << QByteArray("jimini_bulkhead_capacity") << QByteArray("gauge")
                                           << QByteArray("configured limit");
        QTest::newRow("durations") << QByteArray("jimini_call_duration_seconds") << QByteArray("histogram")
                                   << lifetime;
    }
    void helpSaysTheWindow() {
        QFETCH(QByteArray, family);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, window);
        Agent agent(simulated(0), *ConfigCodec::parse(everyStageConfig).config);
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        const QByteArray m = MetricsExporter::render(agent.registry(), agent.now());
        const QRegularExpression re(QStringLiteral("^# HELP %1 (.+)\\n# TYPE %1 %2\\n")
                                        .arg(QString::fromLatin1(family), QString::fromLatin1(type)),
                                    QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = re.match(QString::fromUtf8(m));
        QVERIFY2(match.hasMatch(), m.constData());
        QVERIFY2(match.captured(1).contains(QString::fromLatin1(window)), qPrintable(match.captured(1)));
        QCOMPARE(m.count("# HELP "), m.count("# TYPE "));
    }

    // The failure breakdown by outcome: the lines add up to the calls that finished, cancelled included.
    void outcomesAddUpToFinishedCalls() {
        Agent agent(simulated(40), *ConfigCodec::parse(everyStageConfig).config);
        QString error;
        QVERIFY2(agent.start(&error), qPrintable(error));
        agent.simulatedScheduler()->advance(3s);
        const QByteArray m = MetricsExporter::render(agent.registry(), agent.now());
        const QRegularExpression line(
            QStringLiteral("^jimini_calls_total\\{policy=\"payments\",outcome=\"(\\w+)\"\\} (\\d+)$"),
            QRegularExpression::MultilineOption);
        QStringList outcomes;
        qint64 sum = 0;
        for (const QRegularExpressionMatch& match : line.globalMatch(QString::fromUtf8(m))) {
            outcomes << match.captured(1);
            sum += match.captured(2).toLongLong();
        }
        QCOMPARE(outcomes, (QStringList{"success", "failure", "rate_limited", "bulkhead_full",
                                        "queue_timeout", "breaker_open", "timeout", "cancelled"}));
        QVERIFY(sum > 0);
        // 40 calls/s through a 5/s limiter: the limiter's shedding has its own line.
        QVERIFY(m.contains("jimini_calls_total{policy=\"payments\",outcome=\"rate_limited\"} "));
        QVERIFY(!m.contains("jimini_calls_total{policy=\"payments\",outcome=\"rate_limited\"} 0\n"));
    }

    // docs/protocol.md's example exposition passes the same lint.
    void documentedExampleIsClean() {
        QFile doc(QStringLiteral(QT_TESTCASE_SOURCEDIR) + QStringLiteral("/../docs/protocol.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QByteArray text = doc.readAll();
        const qsizetype begin = text.indexOf("```prometheus\n");
        QVERIFY(begin >= 0);
        const qsizetype end = text.indexOf("```", begin + 14);
        const QByteArray example = text.mid(begin + 14, end - begin - 14);
        QVERIFY(example.contains("# HELP jimini_calls_total "));
        const Lint lint = promtool(example);
        QVERIFY2(
            lint.exitCode == 0 && lint.output.isEmpty(),
            qPrintable(QStringLiteral("exit %1: %2").arg(lint.exitCode).arg(QString::fromUtf8(lint.output))));
    }
};

QTEST_GUILESS_MAIN(tst_MetricsExporter)
#include "tst_metricsexporter.moc"
