// SPDX-License-Identifier: GPL-3.0-or-later
// Base URLs as typed: what is wrong is said about the text the operator wrote, not about what QUrl made
// of it ("http://http//127.0.0.1:99999" is not "host not found: http").
#include "net/baseurl.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

class tst_BaseUrl : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void parsesOrSaysWhatIsWrong_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url");   // empty: refused
        QTest::addColumn<QString>("error"); // after "\"<typed>\": "

        QTest::newRow("plain") << "http://127.0.0.1:8081"
                               << "http://127.0.0.1:8081" << QString();
        QTest::newRow("trailing slash") << "http://127.0.0.1:8081/"
                                        << "http://127.0.0.1:8081" << QString();
        QTest::newRow("https with path") << "https://a.example:8443/base/"
                                         << "https://a.example:8443/base" << QString();
        QTest::newRow("IPv6") << "http://[::1]:8080"
                              << "http://[::1]:8080" << QString();
        QTest::newRow("no port") << "http://a.example"
                                 << "http://a.example" << QString();
        QTest::newRow("upper-case scheme") << "HTTP://a.example:1"
                                           << "http://a.example:1" << QString();
        QTest::newRow("doubled scheme")
            << "http://http//127.0.0.1:99999" << QString() << "the host is \"http\": the scheme typed twice?";
        QTest::newRow("port out of range")
            << "http://127.0.0.1:99999" << QString() << "port 99999 is out of range (1-65535)";
        QTest::newRow("port zero") << "http://127.0.0.1:0" << QString() << "port 0 is out of range (1-65535)";
        QTest::newRow("long port") << "http://127.0.0.1:00000000080000" << QString()
                                   << "port 00000000080000 is out of range (1-65535)";
        QTest::newRow("port not a number")
            << "http://127.0.0.1:80a" << QString() << "port \"80a\" is not a number";
        QTest::newRow("empty port") << "http://127.0.0.1:/x" << QString() << "empty port after \":\"";
        QTest::newRow("IPv6 port") << "http://[::1]:70000" << QString()
                                   << "port 70000 is out of range (1-65535)";
        QTest::newRow("IPv6 unclosed")
            << "http://[::1:80" << QString() << "IPv6 address without its closing \"]\"";
        QTest::newRow("no scheme") << "127.0.0.1:8080" << QString()
                                   << "no scheme; write http://127.0.0.1:8080 or https://127.0.0.1:8080";
        QTest::newRow("bad scheme") << "ftp://a.example" << QString()
                                    << "scheme \"ftp\" is not http or https";
        QTest::newRow("missing host") << "http://:8080" << QString() << "no host after \"http://\"";
        QTest::newRow("missing host, path") << "https:///health" << QString() << "no host after \"https://\"";
        QTest::newRow("double slash path")
            << "http://a.example//b" << QString() << "the path \"//b\" starts with \"//\"";
        QTest::newRow("credentials") << "http://user:pw@a.example" << QString()
                                     << "credentials in the URL are not accepted (use a token file)";
        QTest::newRow("query") << "http://a.example/?x=1" << QString()
                               << "a base URL has no query or fragment";
        QTest::newRow("fragment") << "http://a.example#top" << QString()
                                  << "a base URL has no query or fragment";
        QTest::newRow("space inside")
            << "http://a example" << QString() << "a space or control character at position 8";
        QTest::newRow("CR inside") << "http://a.example\r\nX: y" << QString()
                                   << "a space or control character at position 16";
        QTest::newRow("empty") << "" << QString() << "empty; expected http://HOST:PORT or https://HOST:PORT";
        QTest::newRow("bad host") << "http://a_b%zz:80" << QString() << "";
    }
    void parsesOrSaysWhatIsWrong() {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        QFETCH(QString, error);
        const BaseUrl parsed = BaseUrl::parse(typed);
        QCOMPARE(parsed.ok(), !url.isEmpty());
        QCOMPARE(parsed.url.toString(), url);
        if (url.isEmpty() && !error.isEmpty())
            QCOMPARE(parsed.error, QStringLiteral("\"%1\": %2").arg(typed, error));
        if (url.isEmpty()) // every refusal names the URL as typed
            QVERIFY2(parsed.error.startsWith(QLatin1Char('"') + typed + QStringLiteral("\": ")),
                     qPrintable(parsed.error));
    }
};

QTEST_GUILESS_MAIN(tst_BaseUrl)
#include "tst_baseurl.moc"
