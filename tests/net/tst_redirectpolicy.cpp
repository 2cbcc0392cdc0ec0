// SPDX-License-Identifier: GPL-3.0-or-later
// Where a redirect may take a request, and whether the token goes along (the exchanges themselves are
// tested against scripted peers in tests/chaos/tst_credentials).
#include "net/redirectpolicy.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

using CrossOrigin = RedirectPolicy::CrossOrigin;

class tst_RedirectPolicy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void decides_data() {
        QTest::addColumn<int>("crossOrigin");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("location");
        QTest::addColumn<int>("redirects");
        QTest::addColumn<QString>("to");      // empty: refused
        QTest::addColumn<bool>("keepsToken"); // when followed
        QTest::addColumn<QString>("refusal");

        const int follow = int(CrossOrigin::FollowWithoutCredentials);
        const int refuse = int(CrossOrigin::Refuse);
        QTest::newRow("same origin, relative") << follow << "http://a:1/x" << QByteArray("GET") << 302
                                               << QByteArray("/y") << 0 << "http://a:1/y" << true << "";
        QTest::newRow("default port is the same origin")
            << follow << "https://a/x" << QByteArray("GET") << 301 << QByteArray("https://a:443/y") << 0
            << "https://a:443/y" << true << "";
        QTest::newRow("host case is the same origin")
            << follow << "http://a:1/x" << QByteArray("GET") << 307 << QByteArray("http://A:1/y") << 0
            << "http://a:1/y" << true << "";
        QTest::newRow("other port") << follow << "http://a:1/x" << QByteArray("GET") << 302
                                    << QByteArray("http://a:2/y") << 0 << "http://a:2/y" << false << "";
        QTest::newRow("other host") << follow << "http://a:1/x" << QByteArray("GET") << 302
                                    << QByteArray("http://b:1/y") << 0 << "http://b:1/y" << false << "";
        QTest::newRow("http to https is another origin")
            << follow << "http://a/x" << QByteArray("GET") << 308 << QByteArray("https://a/x") << 0
            << "https://a/x" << false << "";
        QTest::newRow("https to http")
            << follow << "https://a/x" << QByteArray("GET") << 302 << QByteArray("http://a/x") << 0 << ""
            << false << "HTTP 302 redirect from https to http (http://a/x) refused";
        QTest::newRow("fifth is followed") << follow << "http://a:1/x" << QByteArray("GET") << 302
                                           << QByteArray("/y") << 4 << "http://a:1/y" << true << "";
        QTest::newRow("sixth is not")
            << follow << "http://a:1/x" << QByteArray("GET") << 302 << QByteArray("/y") << 5 << "" << false
            << "more than 5 redirects (the last to http://a:1/y)";
        QTest::newRow("no Location") << follow << "http://a:1/x" << QByteArray("GET") << 302 << QByteArray()
                                     << 0 << "" << false << "HTTP 302 redirect without a Location";
        QTest::newRow("other scheme")
            << follow << "http://a:1/x" << QByteArray("GET") << 302 << QByteArray("file:///etc/passwd") << 0
            << "" << false << "HTTP 302 redirect to an unusable URL \"file:///etc/passwd\"";
        QTest::newRow("control: other origin")
            << refuse << "http://a:1/x" << QByteArray("GET") << 302 << QByteArray("http://b:1/x") << 0 << ""
            << false << "HTTP 302 redirect to another origin (http://b:1/x) refused";
        QTest::newRow("control: same origin 307 POST")
            << refuse << "http://a:1/x" << QByteArray("POST") << 307 << QByteArray("/y") << 0
            << "http://a:1/y" << true << "";
        QTest::newRow("control: 303 turns a PUT into a GET")
            << refuse << "http://a:1/x" << QByteArray("PUT") << 303 << QByteArray("/y") << 0 << "" << false
            << "HTTP 303 redirect of a PUT to http://a:1/y refused (only 307 and 308 keep the method)";
    }
    void decides() {
        QFETCH(int, crossOrigin);
        QFETCH(QString, from);
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        QFETCH(QByteArray, location);
        QFETCH(int, redirects);
        QFETCH(QString, to);
        QFETCH(bool, keepsToken);
        QFETCH(QString, refusal);
        const RedirectPolicy policy{CrossOrigin(crossOrigin)};
        const RedirectPolicy::Step step =
            policy.next(QUrl(from), QUrl(from), true, method, status, location, redirects);
        QCOMPARE(step.refusal, refusal);
        QCOMPARE(step.follow(), !to.isEmpty());
        if (step.follow()) {
            QCOMPARE(step.url.toString(), to);
            QCOMPARE(step.keepCredentials, keepsToken);
        }
    }

    void noTokenIsAddedWhereThereWasNone() {
        const RedirectPolicy policy{CrossOrigin::FollowWithoutCredentials};
        const RedirectPolicy::Step step =
            policy.next(QUrl("http://a:1/"), QUrl("http://b:1/"), false, "GET", 302, "http://a:1/z", 1);
        QVERIFY(step.follow());
        QVERIFY(!step.keepCredentials);
    }
};

QTEST_GUILESS_MAIN(tst_RedirectPolicy)
#include "tst_redirectpolicy.moc"
