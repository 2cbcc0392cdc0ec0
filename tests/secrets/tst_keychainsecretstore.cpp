// SPDX-License-Identifier: GPL-3.0-or-later
// The keychain path against a real Secret Service: gnome-keyring-daemon in a D-Bus session of the test's
// own (tests/secrets/keyring-session.sh, which ctest runs this through), unlocked with a known password.
// The console's store chooses the keychain; a token is written, read back (by a second store too: it
// outlives the store that wrote it), seen by the Secret Service's own client, and deleted.
#include "secrets/consolesecrets.h"
#include "secrets/keychainsecretstore.h"

#include "support/spawnedprocess.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFile>
#include <QLocale>
#include <QStandardPaths>
#include <QUuid>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <vector>

#include <unistd.h>

using namespace jimini;

namespace {
// Waits (spinning the event loop) for the store's answer; nullopt when none came within the deadline.
std::optional<SecretResult> await(const std::function<void(SecretCallback)>& call, int timeoutMs = 10000) {
    std::optional<SecretResult> answer;
    call([&answer](const SecretResult& r) { answer = r; });
    QDeadlineTimer deadline(timeoutMs);
    while (!answer && !deadline.hasExpired())
        QTest::qWait(5);
    return answer;
}

bool daemonRunning() {
    bool ok = false;
    const qint64 pid = qEnvironmentVariable("JIMINI_KEYRING_DAEMON_PID").toLongLong(&ok);
    return ok && pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

QString daemonLog() {
    QFile log(qEnvironmentVariable("JIMINI_KEYRING_LOG"));
    return log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.read(4096)).trimmed() : QString();
}
} // namespace

class tst_KeychainSecretStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (qEnvironmentVariableIsSet("JIMINI_KEYRING_SKIP"))
            QSKIP(qPrintable(qEnvironmentVariable("JIMINI_KEYRING_SKIP")));
        if (qEnvironmentVariable("JIMINI_KEYRING_EXPECTED") != QLatin1String("1"))
            QSKIP("not inside a keyring session (JIMINI_KEYRING_EXPECTED unset): see "
                  "tests/secrets/keyring-session.sh");
        // The daemon was started just before this test: wait (bounded) until it serves the Secret Service,
        // or see it end.
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
        QDeadlineTimer deadline(15000);
        while (!bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")).value()) {
            if (!daemonRunning())
                QSKIP(
                    qPrintable(QStringLiteral("gnome-keyring-daemon could not start: %1").arg(daemonLog())));
            QVERIFY2(!deadline.hasExpired(),
                     "gnome-keyring-daemon runs but did not serve the Secret Service in 15 s");
            QTest::qWait(20);
        }
        m_service = QStringLiteral("jimini-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    }

    void theConsoleChoosesTheKeychain() {
        ConsoleSecrets secrets(m_service);
        QSignalSpy ready(&secrets, &ConsoleSecrets::readyChanged);
        QVERIFY(ready.wait(ConsoleSecrets::probeTimeoutMs + 2000));
        QVERIFY2(secrets.fallbackReason().isEmpty(), qPrintable(secrets.fallbackReason()));
        QVERIFY(secrets.kind() == SecretStore::Kind::Keychain);
    }

    void aTokenIsStoredReadAndDeleted() {
        const QString key = QStringLiteral("http://127.0.0.1:8081");
        const QByteArray token = "kc-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        {
            ConsoleSecrets secrets(m_service);
            // Asked before the store is chosen: answered once it is.
            const auto written = await([&](SecretCallback done) { secrets.write(key, token, done); });
            QVERIFY(written);
            QVERIFY2(written->ok, qPrintable(written->error));
            QVERIFY(secrets.kind() == SecretStore::Kind::Keychain);
            const auto read = await([&](SecretCallback done) { secrets.read(key, done); });
            QVERIFY(read && read->ok && read->found);
            QCOMPARE(read->secret, token);
        }
        // Another store (the console's next start) reads it from the keychain.
        KeychainSecretStore again(m_service);
        const auto read = await([&](SecretCallback done) { again.read(key, done); });
        QVERIFY(read && read->ok && read->found);
        QCOMPARE(read->secret, token);
        lookedUpBySecretTool(key, token);

        const auto removed = await([&](SecretCallback done) { again.remove(key, done); });
        QVERIFY2(removed && removed->ok, removed ? qPrintable(removed->error) : "no answer");
        const auto gone = await([&](SecretCallback done) { again.read(key, done); });
        QVERIFY(gone && gone->ok);
        QVERIFY(!gone->found);
        QVERIFY(gone->secret.isEmpty());
    }

private:
    // The Secret Service's own client finds the item: the token is in the keyring, not in a fallback.
    void lookedUpBySecretTool(const QString& key, const QByteArray& token) {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
        if (tool.isEmpty()) {
            qInfo("secret-tool (libsecret-tools) is not installed: the keyring is not cross-checked");
            return;
        }
        test::SpawnedProcess lookup;
        QString error;
        QVERIFY2(lookup.start(tool,
                              {QStringLiteral("lookup"), QStringLiteral("server"), m_service,
                               QStringLiteral("user"), key},
                              &error),
                 qPrintable(error));
        QVERIFY(lookup.waitForFinished(15000));
        // qtkeychain keeps binary data base64-encoded (the item's "type" attribute says so).
        QCOMPARE(QByteArray::fromBase64(lookup.readAllStandardOutput()), token);
    }

    QString m_service;
};

int main(int argc, char** argv) {
    // Not yet inside a keyring session: run again inside one (the script says when it cannot make one).
    if (!qEnvironmentVariableIsSet("JIMINI_KEYRING_EXPECTED") &&
        !qEnvironmentVariableIsSet("JIMINI_KEYRING_SKIP")) {
        std::vector<char*> args{const_cast<char*>(JIMINI_KEYRING_SESSION)};
        for (int i = 0; i < argc; ++i)
            args.push_back(argv[i]);
        args.push_back(nullptr);
        ::execv(JIMINI_KEYRING_SESSION, args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", JIMINI_KEYRING_SESSION, std::strerror(errno));
        return 1;
    }
    QCoreApplication app(argc, argv);
    tst_KeychainSecretStore test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_keychainsecretstore.moc"
