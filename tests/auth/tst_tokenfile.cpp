// SPDX-License-Identifier: GPL-3.0-or-later
// The one token-file reader: a token is one line of printable ASCII; anything that could add a header
// line (or is not a token at all) refuses the file, naming the byte and its offset.
#include "auth/tokenfile.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;

class tst_TokenFile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        QVERIFY(m_dir.isValid());
    }

    void readsOrRefuses_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("token"); // empty: refused
        QTest::addColumn<QString>("error");    // after "token file <path>"

        const QString printable = QStringLiteral("a token is one line of printable ASCII without spaces");
        QTest::newRow("no newline") << QByteArray("s3cret") << QByteArray("s3cret") << QString();
        QTest::newRow("LF trimmed") << QByteArray("s3cret\n") << QByteArray("s3cret") << QString();
        QTest::newRow("CRLF trimmed") << QByteArray("s3cret\r\n") << QByteArray("s3cret") << QString();
        QTest::newRow("every printable byte")
            << QByteArray("!~AZaz09-._+/=") << QByteArray("!~AZaz09-._+/=") << QString();
        QTest::newRow("two newlines: one trimmed")
            << QByteArray("s3cret\n\n") << QByteArray() << ": line feed (0x0a) at byte 6 (" + printable + ")";
        QTest::newRow("two lines") << QByteArray("s3cret\nX-Admin: yes\n") << QByteArray()
                                   << ": line feed (0x0a) at byte 6 (" + printable + ")";
        QTest::newRow("embedded CR") << QByteArray("s3c\rret") << QByteArray()
                                     << ": carriage return (0x0d) at byte 3 (" + printable + ")";
        QTest::newRow("lone trailing CR") << QByteArray("s3cret\r") << QByteArray()
                                          << ": carriage return (0x0d) at byte 6 (" + printable + ")";
        QTest::newRow("NUL") << QByteArray("s3\0cret", 7) << QByteArray()
                             << ": NUL (0x00) at byte 2 (" + printable + ")";
        QTest::newRow("DEL") << QByteArray("s3cret\x7f") << QByteArray()
                             << ": DEL (0x7f) at byte 6 (" + printable + ")";
        QTest::newRow("escape") << QByteArray("\x1b[2Js3cret") << QByteArray()
                                << ": control character (0x1b) at byte 0 (" + printable + ")";
        QTest::newRow("tab") << QByteArray("s3cret\t") << QByteArray()
                             << ": tab (0x09) at byte 6 (" + printable + ")";
        QTest::newRow("space") << QByteArray("s3cret \n") << QByteArray()
                               << ": space (0x20) at byte 6 (" + printable + ")";
        QTest::newRow("non-ASCII") << QByteArray("s\xc3\xa9") << QByteArray()
                                   << ": non-ASCII byte (0xc3) at byte 1 (" + printable + ")";
        QTest::newRow("empty") << QByteArray() << QByteArray() << QStringLiteral(" is empty");
        QTest::newRow("only a newline") << QByteArray("\n") << QByteArray() << QStringLiteral(" is empty");
        QTest::newRow("exactly the limit")
            << QByteArray(TokenFile::maxSize, 'a') << QByteArray(TokenFile::maxSize, 'a') << QString();
        QTest::newRow("too large") << QByteArray(TokenFile::maxSize + 1, 'a') << QByteArray()
                                   << QStringLiteral(" is larger than 4096 bytes");
    }
    void readsOrRefuses() {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, token);
        QFETCH(QString, error);
        const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-'));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();

        const TokenFile read = TokenFile::read(path);
        QCOMPARE(read.token(), token);
        QCOMPARE(read.ok(), !token.isEmpty());
        QCOMPARE(read.error(), token.isEmpty() ? QStringLiteral("token file ") + path + error : QString());
    }

    void checksTypedTokensTheSameWay() {
        const TokenFile typed = TokenFile::check("abc\r\nX-Admin: yes", QStringLiteral("the token field"));
        QVERIFY(!typed.ok());
        QVERIFY(typed.token().isEmpty());
        QCOMPARE(typed.error(),
                 QStringLiteral("the token field: carriage return (0x0d) at byte 3 (a token is "
                                "one line of printable ASCII without spaces)"));
        QCOMPARE(TokenFile::check("abc\n", QStringLiteral("the token field")).token(), QByteArray("abc"));
    }

    void aPathWithPercentSignsIsNamedAsItIs() {
        // The path goes into the message as text: its "%1" is no placeholder.
        const QString path = m_dir.filePath(QStringLiteral("100%1 %2 token"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("two\nlines\n");
        file.close();
        QCOMPARE(TokenFile::read(path).error(),
                 QStringLiteral("token file ") + path +
                     QStringLiteral(": line feed (0x0a) at byte 3 (a token is one line of printable ASCII "
                                    "without spaces)"));
    }

    void missingFileIsNamed() {
        const QString path = m_dir.filePath(QStringLiteral("absent.token"));
        const TokenFile t = TokenFile::read(path);
        QVERIFY(!t.ok());
        QCOMPARE(t.error(), QStringLiteral("cannot read token file %1: No such file or directory").arg(path));
    }

    void endlessFileIsReadOnlyUpToTheLimit() {
        // /dev/zero never ends: the size is bounded before reading, so this returns.
        const TokenFile t = TokenFile::read(QStringLiteral("/dev/zero"));
        QCOMPARE(t.error(), QStringLiteral("token file /dev/zero is larger than 4096 bytes"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_TokenFile)
#include "tst_tokenfile.moc"
