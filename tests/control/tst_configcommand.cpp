// SPDX-License-Identifier: GPL-3.0-or-later
// `jimini config get` and `jimini config push`, the binary against real agents on loopback: a dry run
// prints the diff and sends nothing (the agent's ETag is unchanged), a push applies on every target and is
// recorded in the audit store, an invalid FILE is refused before anything is sent (exit 2), an unreachable
// target is exit 1, get prints the config and the ETag the agent has.
#include "control/auditreader.h"

#include "config/configcodec.h"
#include "net/controlclient.h"
#include "net/controlresult.h"
#include "serve/agent.h"
#include "support/jiminicli.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace jimini;

namespace {

constexpr int kDeadlineMs = 30000;

const QByteArray kStart = R"({"environment": "test", "policies": {"default": {"retry": {"max_attempts": 3},
    "timeout": 30}}})";
const QByteArray kChanged = R"({"environment": "test", "policies": {"default": {"retry": {"max_attempts": 5},
    "timeout": 30}}})";

using Run = test::CliRun;

Run run(const QStringList& args) {
    return test::runJimini(args, kDeadlineMs);
}

std::unique_ptr<Agent> startAgent() {
    AgentOptions options;
    options.service = QStringLiteral("orders");
    options.instance = QStringLiteral("orders-1");
    options.callsPerSecond = 0;
    auto agent = std::make_unique<Agent>(options, std::move(*ConfigCodec::parse(kStart).config));
    QString error;
    if (!agent->start(&error))
        qWarning("agent: %s", qPrintable(error));
    return agent;
}

ControlResult configOf(const Agent& agent) {
    ServiceEndpoint endpoint;
    endpoint.baseUrl = agent.baseUrl();
    ControlClient client(endpoint);
    QSignalSpy spy(&client, &ControlClient::finished);
    client.getConfig();
    if (!spy.wait(kDeadlineMs))
        return {};
    return spy.front().front().value<ControlResult>();
}

QString url(const Agent& agent) {
    return agent.baseUrl().toString(QUrl::StripTrailingSlash);
}

} // namespace

class tst_ConfigCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (test::jiminiBinary().isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
        QVERIFY(m_dir.isValid());
        QFile changed(m_dir.filePath("changed.json"));
        QVERIFY(changed.open(QIODevice::WriteOnly));
        changed.write(kChanged);
        QFile invalid(m_dir.filePath("invalid.json"));
        QVERIFY(invalid.open(QIODevice::WriteOnly));
        invalid.write(R"({"environment": "test", "policies": {"default": {"retry": {"max_attempts": 0}}}})");
    }

    void dryRunPrintsTheDiffAndSendsNothing() {
        auto a = startAgent();
        auto b = startAgent();
        const QByteArray etagA = configOf(*a).etag;
        const QByteArray etagB = configOf(*b).etag;
        const QString db = m_dir.filePath("dry.sqlite");
        const Run r = run({"config", "push", url(*a), url(*b), m_dir.filePath("changed.json"), "--dry-run",
                           "--audit-db", db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("policies.default.retry.max_attempts: 3 → 5"), r.out.constData());
        QCOMPARE(r.out.count("1 change(s)"), 2);
        QCOMPARE(configOf(*a).etag, etagA);
        QCOMPARE(configOf(*b).etag, etagB);
        QVERIFY(!QFile::exists(db)); // nothing to record: nothing was sent

        const Run json =
            run({"config", "push", url(*a), m_dir.filePath("changed.json"), "--dry-run", "--json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value("dry_run"), QJsonValue(true));
        const QJsonObject target = doc.value("targets").toArray().at(0).toObject();
        QCOMPARE(target.value("result"), QJsonValue("dry-run"));
        QCOMPARE(target.value("diff").toArray().at(0).toObject().value("after"), QJsonValue(5));
        QCOMPARE(configOf(*a).etag, etagA);
    }

    void pushAppliesEverywhereAndIsRecorded() {
        auto a = startAgent();
        auto b = startAgent();
        const QString db = m_dir.filePath("push.sqlite");
        const Run r = run({"config", "push", url(*a), url(*b), m_dir.filePath("changed.json"), "--audit-db",
                           db, "--reason", "INC-1"});
        QCOMPARE(r.exitCode, 0);
        for (const Agent* agent : {a.get(), b.get()}) {
            const QJsonObject body = configOf(*agent).body;
            QCOMPARE(body["policies"]["default"]["retry"]["max_attempts"], QJsonValue(5));
        }
        const AuditPage page = AuditReader::read(db, {});
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.records.size(), 4); // an intent and an outcome per target
        QCOMPARE(page.records[0].entry.action, QStringLiteral("config.push"));
        QCOMPARE(page.records[0].entry.reason, QStringLiteral("INC-1"));

        const Run again = run({"config", "push", url(*a), m_dir.filePath("changed.json"), "--audit-db", db});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains("no change"));
        QCOMPARE(AuditReader::read(db, {}).records.size(), 4); // unchanged: not sent
    }

    void invalidFileIsRefusedUnsent() {
        auto a = startAgent();
        const QByteArray etag = configOf(*a).etag;
        const Run r = run({"config", "push", url(*a), m_dir.filePath("invalid.json"), "--audit-db",
                           m_dir.filePath("invalid.sqlite")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("policies.default.retry.max_attempts: must be an integer between 1 and 100"),
                 r.err.constData());
        QCOMPARE(configOf(*a).etag, etag);
    }

    void unreachableTargetIsExitOne() {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const Run r =
            run({"config", "push", QStringLiteral("http://127.0.0.1:%1").arg(port),
                 m_dir.filePath("changed.json"), "--audit-db", m_dir.filePath("u.sqlite"), "--timeout", "5"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("live config not read"));
        QCOMPARE(run({"config", "push", m_dir.filePath("changed.json")}).exitCode, 2);
        QCOMPARE(run({"config", "get", "http://127.0.0.1:1", "--timeout", "nope"}).exitCode, 2);
    }

    void getPrintsTheLiveConfigAndItsEtag() {
        auto a = startAgent();
        const ControlResult live = configOf(*a);
        const Run r = run({"config", "get", url(*a), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value("etag").toString().toLatin1(), live.etag);
        QCOMPARE(doc.value("config").toObject(), live.body);
        const Run plain = run({"config", "get", url(*a)});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(ConfigCodec::parse(plain.out).ok());
        QVERIFY(plain.err.contains(live.etag));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_ConfigCommand)
#include "tst_configcommand.moc"
