// SPDX-License-Identifier: GPL-3.0-or-later
// Credentials never leave their origin, and a token cannot add header lines: scripted peers on loopback
// (127.0.0.1 redirecting to 127.0.0.2) against the health source, the control client, `jimini health`
// and `jimini-agent --token-file`. Every test asserts what reached the other origin, not only the result.
#include "chaosprocess.h"
#include "scriptedserver.h"

#include "net/connection.h"
#include "net/controlclient.h"
#include "net/redirectpolicy.h"
#include "runtime/consoleclock.h"
#include "sources/standardsources.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;

namespace {
const auto kJimini = protocolFor(ServiceEndpoint::Kind::JiminiV1);
}

namespace {
const QByteArray kToken = "s3cret-token";

ScriptedServer::Script answer(const QByteArray& statusAndHeaders) {
    return [statusAndHeaders](ScriptedServer&, QTcpSocket* socket, const QByteArray&) {
        socket->write("HTTP/1.1 " + statusAndHeaders + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    };
}

ScriptedServer::Script redirectTo(int status, std::function<QString()> location) {
    return [status, location](ScriptedServer& s, QTcpSocket* socket, const QByteArray& head) {
        answer(QByteArray::number(status) + " Moved\r\nLocation: " + location().toUtf8())(s, socket, head);
    };
}

SourceSample readOnce(const ServiceEndpoint& endpoint) {
    const auto clock = ConsoleClock::live();
    QNetworkAccessManager nam;
    Connection::Options options;
    options.singleShot = true;
    options.timeout = std::chrono::milliseconds(10000);
    Connection source(kJimini, endpoint, *clock, &nam, options);
    QSignalSpy samples(&source, &Connection::sampleReady);
    source.start();
    if (samples.isEmpty() && !samples.wait(15000))
        return {};
    return samples.at(0).at(0).value<SourceSample>();
}

ControlResult controlOnce(const ServiceEndpoint& endpoint) {
    ControlClient client(endpoint);
    client.setTimeout(10000);
    QSignalSpy results(&client, &ControlClient::finished);
    client.setBreakerState(QStringLiteral("default"), ControlClient::BreakerCommand::Isolate,
                           QStringLiteral("chaos"));
    if (results.isEmpty() && !results.wait(15000))
        return {};
    return results.at(0).at(0).value<ControlResult>();
}
} // namespace

class tst_Credentials : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        qRegisterMetaType<SourceSample>();
        qRegisterMetaType<ControlResult>();
        QVERIFY(m_dir.isValid());
        m_tokenFile = writeFile(QStringLiteral("token"), kToken + "\n");
    }

    void healthSourceFollowsACrossOriginRedirectWithoutTheToken_data() {
        QTest::addColumn<int>("status");
        for (const int status : {301, 302, 303, 307, 308})
            QTest::addRow("%d", status) << status;
    }
    void healthSourceFollowsACrossOriginRedirectWithoutTheToken() {
        QFETCH(int, status);
        ScriptedServer other(answer("404 Not Found"), QHostAddress(QStringLiteral("127.0.0.2")));
        QVERIFY(other.listening());
        ScriptedServer origin(redirectTo(status, [&] { return other.origin() + "/resilience/v1/health"; }));
        const SourceSample s = readOnce(endpoint(origin));

        QCOMPARE(origin.connections(), 1);
        QVERIFY(origin.anyRequestHas("Authorization")); // the token does go to its origin
        QCOMPARE(other.connections(), 1);
        QVERIFY2(!other.anyRequestHas("Authorization"), other.requests().value(0).constData());
        QCOMPARE(toString(s.status), toString(SourceStatus::HttpError));
        QCOMPARE(s.reason,
                 QStringLiteral("HTTP 404 (at %1/resilience/v1/health, after 1 redirect; the token was "
                                "not sent there)")
                     .arg(other.origin()));
    }

    void aSameOriginRedirectKeepsTheToken() {
        ScriptedServer origin([](ScriptedServer& s, QTcpSocket* socket, const QByteArray& head) {
            if (head.startsWith("GET /moved"))
                answer("404 Not Found")(s, socket, head);
            else
                answer("302 Found\r\nLocation: /moved%2Fhere")(s, socket, head);
        });
        const SourceSample s = readOnce(endpoint(origin));
        QCOMPARE(origin.connections(), 2);
        QVERIFY(origin.requests().at(1).contains("\r\nAuthorization: Bearer " + kToken));
        // The Location's "%2F" is kept as it is in the reason, not taken for a placeholder.
        QCOMPARE(s.reason, QStringLiteral("HTTP 404 (at ") + origin.origin() +
                               QStringLiteral("/moved%2Fhere, after 1 redirect)"));
    }

    void aTokenOnceDroppedIsNotSentBackToTheOrigin() {
        // 127.0.0.1 -> 127.0.0.2 -> back to 127.0.0.1: the chain left the origin, so the token stays off.
        ScriptedServer* otherPtr = nullptr;
        ScriptedServer origin([&otherPtr](ScriptedServer& s, QTcpSocket* socket, const QByteArray& head) {
            if (head.startsWith("GET /back"))
                answer("404 Not Found")(s, socket, head);
            else
                answer("302 Found\r\nLocation: " + otherPtr->origin().toUtf8() + "/hop")(s, socket, head);
        });
        ScriptedServer other(redirectTo(307, [&] { return origin.origin() + "/back"; }),
                             QHostAddress(QStringLiteral("127.0.0.2")));
        otherPtr = &other;
        const SourceSample s = readOnce(endpoint(origin));
        QCOMPARE(origin.connections(), 2);
        QCOMPARE(other.connections(), 1);
        QVERIFY(origin.requests().at(0).contains("\r\nAuthorization: Bearer " + kToken));
        QVERIFY(!other.anyRequestHas("Authorization"));
        QVERIFY(!origin.requests().at(1).contains("Authorization"));
        QCOMPARE(s.reason,
                 QStringLiteral("HTTP 404 (at %1/back, after 2 redirects; the token was not sent there)")
                     .arg(origin.origin()));
    }

    void redirectsStopAfterFive() {
        ScriptedServer loop([](ScriptedServer& s, QTcpSocket* socket, const QByteArray& head) {
            answer("302 Found\r\nLocation: /hop" + QByteArray::number(s.connections()))(s, socket, head);
        });
        const SourceSample s = readOnce(endpoint(loop));
        QCOMPARE(loop.connections(), RedirectPolicy::maxRedirects + 1);
        QCOMPARE(toString(s.status), toString(SourceStatus::HttpError));
        QCOMPARE(s.reason, QStringLiteral("more than 5 redirects (the last to %1/hop6) (at %1/hop5, after 5 "
                                          "redirects)")
                               .arg(loop.origin()));
    }

    void controlClientRefusesACrossOriginRedirect_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("why");
        QTest::newRow("307") << 307 << QStringLiteral("HTTP 307 redirect to another origin (%1) refused");
        QTest::newRow("308") << 308 << QStringLiteral("HTTP 308 redirect to another origin (%1) refused");
        QTest::newRow("302") << 302
                             << QStringLiteral(
                                    "HTTP 302 redirect of a POST to %1 refused (only 307 and 308 keep "
                                    "the method)");
    }
    void controlClientRefusesACrossOriginRedirect() {
        QFETCH(int, status);
        QFETCH(QString, why);
        ScriptedServer other(answer("200 OK"), QHostAddress(QStringLiteral("127.0.0.2")));
        const QString target = other.origin() + QStringLiteral("/resilience/v1/breakers/default/state");
        ScriptedServer origin(redirectTo(status, [&] { return target; }));
        const ControlResult r = controlOnce(endpoint(origin));
        QCOMPARE(origin.connections(), 1);
        QCOMPARE(other.connections(), 0); // nothing at all reached the other origin
        QVERIFY(!r.ok);
        QCOMPARE(r.httpStatus, status);
        QCOMPARE(r.reason, why.arg(target));
    }

    void aTokenWithALineBreakIsRefusedBeforeAnythingIsSent() {
        ScriptedServer server(answer("200 OK"));
        ServiceEndpoint e = endpoint(server);
        e.tokenFile = writeFile(QStringLiteral("two-lines"), kToken + "\nX-Admin: yes\n");
        const QString why =
            QStringLiteral("token file %1: line feed (0x0a) at byte 12 (a token is one line of "
                           "printable ASCII without spaces)")
                .arg(e.tokenFile);
        const SourceSample s = readOnce(e);
        QCOMPARE(toString(s.status), toString(SourceStatus::Unauthorized));
        QCOMPARE(s.reason, why);
        const ControlResult r = controlOnce(e);
        QCOMPARE(toString(r.status), toString(SourceStatus::Unauthorized));
        QCOMPARE(r.reason, why);
        QCOMPARE(server.connections(), 0);
    }

    void cliFollowsWithoutTheToken() {
        const QString jimini = builtBinary(QStringLiteral("app/cli/jimini"));
        if (jimini.isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
        ScriptedServer other(answer("404 Not Found"), QHostAddress(QStringLiteral("127.0.0.2")));
        ScriptedServer origin(redirectTo(302, [&] { return other.origin() + "/resilience/v1/health"; }));
        const ChaosRun r = runChaos(jimini, {"health", origin.origin(), "--token-file", m_tokenFile});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(origin.anyRequestHas("Authorization"));
        QCOMPARE(other.connections(), 1);
        QVERIFY(!other.anyRequestHas("Authorization"));
        QVERIFY2(r.err.contains("HTTP 404 (at " + other.origin().toUtf8() +
                                "/resilience/v1/health, after 1 redirect; the token was not sent there)"),
                 r.err.constData());
    }

    void cliRefusesATwoLineTokenFile() {
        const QString jimini = builtBinary(QStringLiteral("app/cli/jimini"));
        if (jimini.isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
        ScriptedServer server(answer("200 OK"));
        const QString file = writeFile(QStringLiteral("cli-two-lines"), "abc\r\nX-Admin: yes\r\n");
        const ChaosRun r = runChaos(jimini, {"health", server.origin(), "--token-file", file});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err,
                 "jimini health: token file " + file.toUtf8() +
                     ": carriage return (0x0d) at byte 3 (a token is one line of printable ASCII without "
                     "spaces)\n");
        QCOMPARE(server.connections(), 0);
    }

    void agentRefusesToStartWithATwoLineTokenFile() {
        const QString agent = builtBinary(QStringLiteral("app/agent/jimini-agent"));
        if (agent.isEmpty())
            QSKIP("jimini-agent is not built next to the tests (build the jimini-agent target)");
        const QString file = writeFile(QStringLiteral("agent-two-lines"), kToken + "\n" + kToken + "\n");
        const ChaosRun r = runChaos(agent, {"--listen", "127.0.0.1:0", "--token-file", file}, 15000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty()); // never listened
        QCOMPARE(r.err, "jimini-agent: token file " + file.toUtf8() +
                            ": line feed (0x0a) at byte 12 (a token is one line of printable ASCII without "
                            "spaces)\n");
    }

private:
    ServiceEndpoint endpoint(const ScriptedServer& server) const {
        ServiceEndpoint e;
        e.baseUrl = QUrl(server.origin());
        e.tokenFile = m_tokenFile;
        return e;
    }
    QString writeFile(const QString& name, const QByteArray& bytes) {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        return file.fileName();
    }

    QTemporaryDir m_dir;
    QString m_tokenFile;
};

QTEST_GUILESS_MAIN(tst_Credentials)
#include "tst_credentials.moc"
