// SPDX-License-Identifier: GPL-3.0-or-later
// Service URLs as typed: what is wrong is said about the text the operator wrote, not about what QUrl
// made of it ("http://http//127.0.0.1:99999" is not "host not found: http"). A path makes the URL the
// health document's own address; host:port without a scheme is http, and says so.
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
        QTest::addColumn<bool>("document"); // the URL names the health document itself
        QTest::addColumn<bool>("assumed");  // typed without a scheme
        auto base = [](const char* name, const QString& typed, const QString& url) {
            QTest::newRow(name) << typed << url << QString() << false << false;
        };
        auto document = [](const char* name, const QString& typed, const QString& url) {
            QTest::newRow(name) << typed << url << QString() << true << false;
        };
        auto refused = [](const char* name, const QString& typed, const QString& error) {
            QTest::newRow(name) << typed << QString() << error << false << false;
        };

        base("plain", "http://127.0.0.1:8081", "http://127.0.0.1:8081");
        base("trailing slash", "http://127.0.0.1:8081/", "http://127.0.0.1:8081");
        base("IPv6", "http://[::1]:8080", "http://[::1]:8080");
        base("no port", "http://a.example", "http://a.example");
        base("upper-case scheme", "HTTP://a.example:1", "http://a.example:1");
        document("document URL", "http://127.0.0.1:8000/health", "http://127.0.0.1:8000/health");
        document("https with path", "https://a.example:8443/base/", "https://a.example:8443/base");
        document("protocol path", "http://a:1/resilience/v1/health", "http://a:1/resilience/v1/health");
        QTest::newRow("host:port") << "127.0.0.1:8080"
                                   << "http://127.0.0.1:8080" << QString() << false << true;
        QTest::newRow("host:port/") << "localhost:8080/"
                                    << "http://localhost:8080" << QString() << false << true;
        QTest::newRow("host:port/path") << "localhost:8000/health"
                                        << "http://localhost:8000/health" << QString() << true << true;
        QTest::newRow("[::1]:port") << "[::1]:9"
                                    << "http://[::1]:9" << QString() << false << true;
        refused("doubled scheme", "http://http//127.0.0.1:99999",
                "the host is \"http\": the scheme typed twice?");
        refused("port out of range", "http://127.0.0.1:99999", "port 99999 is out of range (1-65535)");
        refused("port zero", "http://127.0.0.1:0", "port 0 is out of range (1-65535)");
        refused("long port", "http://127.0.0.1:00000000080000",
                "port 00000000080000 is out of range (1-65535)");
        refused("port not a number", "http://127.0.0.1:80a", "port \"80a\" is not a number");
        refused("empty port", "http://127.0.0.1:/x", "empty port after \":\"");
        refused("IPv6 port", "http://[::1]:70000", "port 70000 is out of range (1-65535)");
        refused("IPv6 unclosed", "http://[::1:80", "IPv6 address without its closing \"]\"");
        refused("no scheme, bad port", "127.0.0.1:99999", "port 99999 is out of range (1-65535)");
        refused("no scheme, scheme typo", "http//a.example", "the host is \"http\": the scheme typed twice?");
        refused("bad scheme", "ftp://a.example", "scheme \"ftp\" is not http or https");
        refused("missing host", "http://:8080", "no host after \"http://\"");
        refused("missing host, path", "https:///health", "no host after \"https://\"");
        refused("double slash path", "http://a.example//b", "the path \"//b\" starts with \"//\"");
        refused("credentials", "http://user:pw@a.example",
                "credentials in the URL are not accepted (use a token file)");
        refused("query", "http://a.example/?x=1", "a service URL has no query or fragment");
        refused("fragment", "http://a.example#top", "a service URL has no query or fragment");
        refused("space inside", "http://a example", "a space or control character at position 8");
        refused("CR inside", "http://a.example\r\nX: y", "a space or control character at position 16");
        refused("empty", "", "empty; expected http(s)://HOST:PORT, HOST:PORT or the health document's URL");
        refused("bad host", "http://a_b%zz:80", "");
    }
    void parsesOrSaysWhatIsWrong() {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        QFETCH(QString, error);
        QFETCH(bool, document);
        QFETCH(bool, assumed);
        const BaseUrl parsed = BaseUrl::parse(typed);
        QCOMPARE(parsed.ok(), !url.isEmpty());
        QCOMPARE(parsed.url.toString(), url);
        QCOMPARE(parsed.isDocument(), document);
        QCOMPARE(parsed.schemeAssumed, assumed);
        QCOMPARE(parsed.note(),
                 assumed ? QStringLiteral("no scheme given, http assumed (%1)").arg(url) : QString());
        if (url.isEmpty() && !error.isEmpty())
            QCOMPARE(parsed.error, QStringLiteral("\"%1\": %2").arg(typed, error));
        if (url.isEmpty()) // every refusal names the URL as typed
            QVERIFY2(parsed.error.startsWith(QLatin1Char('"') + typed + QStringLiteral("\": ")),
                     qPrintable(parsed.error));
    }
};

QTEST_GUILESS_MAIN(tst_BaseUrl)
#include "tst_baseurl.moc"
