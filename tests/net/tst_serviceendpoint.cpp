// SPDX-License-Identifier: GPL-3.0-or-later
// Where an endpoint's requests go: the health document at its base or at its own address, and the base
// of the stream, /events and control, which a document URL has only when it ends like the protocol's.
#include "net/endpointaccess.h"
#include "net/serviceendpoint.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

class tst_ServiceEndpoint : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void healthUrlAndApiBase_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("health");
        QTest::addColumn<QString>("api"); // empty: none
        QTest::newRow("base") << "http://a:1"
                              << "http://a:1/resilience/v1/health"
                              << "http://a:1";
        QTest::newRow("document, own path") << "http://a:1/health"
                                            << "http://a:1/health" << QString();
        QTest::newRow("document, protocol path") << "http://a:1/resilience/v1/health"
                                                 << "http://a:1/resilience/v1/health"
                                                 << "http://a:1";
        QTest::newRow("document under a prefix") << "https://gw:8443/pay/resilience/v1/health"
                                                 << "https://gw:8443/pay/resilience/v1/health"
                                                 << "https://gw:8443/pay";
        QTest::newRow("encoded prefix") << "http://gw/a%2Fb/resilience/v1/health"
                                        << "http://gw/a%2Fb/resilience/v1/health"
                                        << "http://gw/a%2Fb";
        QTest::newRow("protocol path, not at the end") << "http://a:1/resilience/v1/health/x"
                                                       << "http://a:1/resilience/v1/health/x" << QString();
    }
    void healthUrlAndApiBase() {
        QFETCH(QString, url);
        QFETCH(QString, health);
        QFETCH(QString, api);
        ServiceEndpoint e;
        e.baseUrl = QUrl(url, QUrl::StrictMode);
        QCOMPARE(e.healthUrl().toString(QUrl::FullyEncoded), health);
        QCOMPARE(e.apiBase().has_value(), !api.isEmpty());
        if (!api.isEmpty())
            QCOMPARE(e.apiBase()->toString(QUrl::FullyEncoded), api);

        const EndpointAccess access = EndpointAccess::load(e);
        QCOMPARE(access.healthRequest().url().toString(QUrl::FullyEncoded), health);
        QCOMPARE(access.hasApi(), !api.isEmpty());
        if (!api.isEmpty())
            QCOMPARE(access.request(QStringLiteral("/resilience/v1/events"), QStringLiteral("since=3"))
                         .url()
                         .toString(QUrl::FullyEncoded),
                     api + QStringLiteral("/resilience/v1/events?since=3"));
        else
            QVERIFY2(EndpointAccess::noApiReason(e).startsWith(url + QStringLiteral(" is the address of a "
                                                                                    "health document")),
                     qPrintable(EndpointAccess::noApiReason(e)));
    }
};

QTEST_GUILESS_MAIN(tst_ServiceEndpoint)
#include "tst_serviceendpoint.moc"
