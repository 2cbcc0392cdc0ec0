// SPDX-License-Identifier: GPL-3.0-or-later
// Tokens the operator typed: held per endpoint only after the token file's checks, used by EndpointAccess
// for an endpoint without a token file (a token file, when named, wins), and gone when removed.
#include "auth/sessiontokens.h"
#include "net/endpointaccess.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;

class tst_SessionTokens : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void cleanup() { SessionTokens::clear(); }

    void onlyACheckedTokenIsHeld_data() {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<bool>("held");
        QTest::newRow("printable") << QByteArray("abc.DEF-123_~") << true;
        QTest::newRow("one trailing newline") << QByteArray("abc\n") << true;
        QTest::newRow("header injection") << QByteArray("abc\r\nX-Evil: 1") << false;
        QTest::newRow("space") << QByteArray("abc def") << false;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("too long") << QByteArray(4097, 'a') << false;
    }
    void onlyACheckedTokenIsHeld() {
        QFETCH(QByteArray, token);
        QFETCH(bool, held);
        const QString id = QStringLiteral("http://127.0.0.1:1");
        QString error;
        QCOMPARE(SessionTokens::set(id, token, &error), held);
        QCOMPARE(SessionTokens::contains(id), held);
        if (!held) {
            QVERIFY2(error.contains(id), qPrintable(error));
            if (!token.isEmpty() && token.size() < 100)
                QVERIFY2(!error.contains(QString::fromLatin1(token)),
                         qPrintable(error)); // the token is not quoted
        }
    }

    void endpointAccessUsesItWithoutATokenFile() {
        ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8081"));
        QVERIFY(EndpointAccess::load(endpoint).token().isEmpty());
        QVERIFY(SessionTokens::set(endpoint.id(), "typed-token"));
        QCOMPARE(EndpointAccess::load(endpoint).token(), QByteArray("typed-token"));
        QCOMPARE(EndpointAccess::load(endpoint)
                     .request(QStringLiteral("/resilience/v1/config"))
                     .rawHeader("Authorization"),
                 QByteArray("Bearer typed-token"));
        // Another endpoint does not get it.
        ServiceEndpoint other = endpoint;
        other.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8082"));
        QVERIFY(EndpointAccess::load(other).token().isEmpty());

        // A token file, when named, wins.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("token")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("file-token\n");
        file.close();
        endpoint.tokenFile = file.fileName();
        QCOMPARE(EndpointAccess::load(endpoint).token(), QByteArray("file-token"));

        endpoint.tokenFile.clear();
        SessionTokens::remove(endpoint.id());
        QVERIFY(EndpointAccess::load(endpoint).token().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SessionTokens)
#include "tst_sessiontokens.moc"
