// SPDX-License-Identifier: GPL-3.0-or-later
// The fallback, everywhere: without a Secret Service the console's store is memory, says why, and keeps
// tokens for as long as it lives; calls made before it has chosen are answered once it has; answers always
// come later, never inside the call, and never after the store is gone.
#include "secrets/consolesecrets.h"
#include "secrets/memorysecretstore.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;

namespace {
std::optional<SecretResult> await(const std::function<void(SecretCallback)>& call, int timeoutMs = 5000) {
    std::optional<SecretResult> answer;
    call([&answer](const SecretResult& r) { answer = r; });
    QDeadlineTimer deadline(timeoutMs);
    while (!answer && !deadline.hasExpired())
        QTest::qWait(1);
    return answer;
}
} // namespace

class tst_ConsoleSecrets : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        QVERIFY(m_runtime.isValid());
    }

    void memoryKeepsWhatWasWritten() {
        MemorySecretStore store;
        QVERIFY(store.kind() == SecretStore::Kind::Memory);
        auto r = await([&](SecretCallback done) { store.read(QStringLiteral("a"), done); });
        QVERIFY(r && r->ok && !r->found);
        r = await([&](SecretCallback done) { store.write(QStringLiteral("a"), "tok-1", done); });
        QVERIFY(r && r->ok);
        r = await([&](SecretCallback done) { store.write(QStringLiteral("a"), "tok-2", done); });
        r = await([&](SecretCallback done) { store.read(QStringLiteral("a"), done); });
        QVERIFY(r && r->ok && r->found);
        QCOMPARE(r->secret, QByteArray("tok-2"));
        r = await([&](SecretCallback done) { store.remove(QStringLiteral("a"), done); });
        QVERIFY(r && r->ok && r->found);
        r = await([&](SecretCallback done) { store.read(QStringLiteral("a"), done); });
        QVERIFY(r && r->ok && !r->found);
    }

    void answersComeLaterAndOnlyWhileTheStoreLives() {
        bool answered = false;
        {
            MemorySecretStore store;
            store.write(QStringLiteral("k"), "t", [&answered](const SecretResult&) { answered = true; });
            QVERIFY(!answered); // not inside the call
        }
        QTest::qWait(20);
        QVERIFY(!answered); // the store went first: its answer went with it
    }

    void withoutASessionBusTheConsoleKeepsTokensInMemory() {
        // No bus at all: no address, and a runtime folder without a bus socket.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("XDG_RUNTIME_DIR", m_runtime.path().toLocal8Bit());
        QCOMPARE(ConsoleSecrets::secretServiceAbsence(), QStringLiteral("no D-Bus session bus"));

        ConsoleSecrets secrets(QStringLiteral("jimini-test"));
        QSignalSpy ready(&secrets, &ConsoleSecrets::readyChanged);
        QVERIFY(!secrets.ready());
        // Asked before the store is chosen: answered once it is.
        const auto written = await([&](SecretCallback done) {
            secrets.write(QStringLiteral("http://127.0.0.1:1"), "mem-token", done);
        });
        QVERIFY(written && written->ok);
        QCOMPARE(ready.size(), 1);
        QVERIFY(secrets.ready());
        QVERIFY(secrets.kind() == SecretStore::Kind::Memory);
        QCOMPARE(secrets.fallbackReason(), QStringLiteral("no D-Bus session bus"));
        QCOMPARE(secrets.description(), QStringLiteral("memory, until the console closes"));
        const auto read =
            await([&](SecretCallback done) { secrets.read(QStringLiteral("http://127.0.0.1:1"), done); });
        QVERIFY(read && read->found);
        QCOMPARE(read->secret, QByteArray("mem-token"));
    }

private:
    QTemporaryDir m_runtime;
};

QTEST_GUILESS_MAIN(tst_ConsoleSecrets)
#include "tst_consolesecrets.moc"
