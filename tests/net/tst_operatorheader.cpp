// SPDX-License-Identifier: GPL-3.0-or-later
// The operator header's one cleaning rule, used by the console before sending and by the agent on what
// arrives: no control or format characters, one space between words, at most 64 characters, and at
// most 256 bytes of a received header decoded.
#include "net/operatorheader.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

class tst_OperatorHeader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void sanitized_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "alice"
                               << "alice";
        QTest::newRow("trimmed") << "  alice  "
                                 << "alice";
        QTest::newRow("spaces collapsed") << "Ada   Lovelace"
                                          << "Ada Lovelace";
        QTest::newRow("newline removed") << "a\nb"
                                         << "ab";
        QTest::newRow("tab removed") << "a\tb"
                                     << "ab";
        QTest::newRow("DEL removed") << "a\x7f"
                                        "b"
                                     << "ab";
        QTest::newRow("bidi override removed") << QString::fromUtf8("ab\u202Ecd") << "abcd";
        QTest::newRow("zero width removed") << QString::fromUtf8("a\u200Bb") << "ab";
        QTest::newRow("unicode kept") << QString::fromUtf8("Zoë") << QString::fromUtf8("Zoë");
        QTest::newRow("64 kept") << QString(64, 'a') << QString(64, 'a');
        QTest::newRow("65 cut") << QString(65, 'a') << QString(64, 'a');
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("only control") << "\r\n\x01"
                                      << "";
        // 63 letters and then emoji (two UTF-16 units each): the 64th character is kept whole.
        QTest::newRow("surrogate pair not split")
            << QString(63, 'a') + QString::fromUtf8("😀😀") << QString(63, 'a') + QString::fromUtf8("😀");
    }
    void sanitized() {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(OperatorHeader::sanitized(name), expected);
        QCOMPARE(OperatorHeader::encode(name), expected.toUtf8());
    }

    void decode_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("utf-8") << QByteArray("Zo\xc3\xab") << QString::fromUtf8("Zoë");
        QTest::newRow("invalid utf-8 replaced") << QByteArray("a\xff") << QString::fromUtf8("a\uFFFD");
        QTest::newRow("CR LF removed") << QByteArray("a\r\nb") << "ab";
        QTest::newRow("NUL removed") << QByteArray("a\0b", 3) << "ab";
        // Only the first 256 bytes are read: 300 control bytes then a name leave nothing.
        QTest::newRow("bounded before decoding") << QByteArray(300, '\x01') + "alice"
                                                 << "";
        QTest::newRow("1 MiB") << QByteArray(1 << 20, 'z') << QString(64, 'z');
    }
    void decode() {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        QCOMPARE(OperatorHeader::decode(header), expected);
    }
};

QTEST_GUILESS_MAIN(tst_OperatorHeader)
#include "tst_operatorheader.moc"
