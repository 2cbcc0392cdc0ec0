// SPDX-License-Identifier: GPL-3.0-or-later
// The console's add dialog reads URLs as the CLI does, and says what it assumed or what the endpoint
// will not have.
#include "widgets/workspace/serviceurlprompt.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

class tst_ServiceUrlPrompt : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void interpretsWhatWasTyped_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url"); // the endpoint added; empty: none
        QTest::addColumn<QString>("health");
        QTest::addColumn<QString>("note");  // a prefix of it
        QTest::addColumn<QString>("error"); // a prefix of it
        QTest::newRow("base") << "http://127.0.0.1:8081"
                              << "http://127.0.0.1:8081"
                              << "http://127.0.0.1:8081/resilience/v1/health" << QString() << QString();
        QTest::newRow("host:port") << " 127.0.0.1:8081 "
                                   << "http://127.0.0.1:8081"
                                   << "http://127.0.0.1:8081/resilience/v1/health"
                                   << "no scheme given, http assumed (http://127.0.0.1:8081)" << QString();
        QTest::newRow("guide document") << "http://h:8000/health"
                                        << "http://h:8000/health"
                                        << "http://h:8000/health"
                                        << "http://h:8000/health is the address of a health document, not a "
                                           "base URL"
                                        << QString();
        QTest::newRow("protocol document")
            << "h:9/resilience/v1/health"
            << "http://h:9/resilience/v1/health"
            << "http://h:9/resilience/v1/health"
            << "no scheme given, http assumed (http://h:9/resilience/v1/health); "
               "reads the health document at http://h:9/resilience/v1/health"
            << QString();
        QTest::newRow("refused") << "ftp://h" << QString() << QString() << QString()
                                 << "\"ftp://h\": scheme \"ftp\" is not http or https";
        QTest::newRow("nothing") << "  " << QString() << QString() << QString() << QString();
    }
    void interpretsWhatWasTyped() {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        QFETCH(QString, health);
        QFETCH(QString, note);
        QFETCH(QString, error);
        const ServiceUrlPrompt::Result r = ServiceUrlPrompt::interpret(typed);
        QCOMPARE(r.endpoints.size(), url.isEmpty() ? 0 : 1);
        if (!url.isEmpty()) {
            QCOMPARE(r.endpoints.front().baseUrl.toString(), url);
            QCOMPARE(r.endpoints.front().healthUrl().toString(), health);
        }
        QVERIFY2(note.isEmpty() ? r.note.isEmpty() : r.note.startsWith(note), qPrintable(r.note));
        QVERIFY2(error.isEmpty() ? r.error.isEmpty() : r.error.startsWith(error), qPrintable(r.error));
    }
};

QTEST_MAIN(tst_ServiceUrlPrompt)
#include "tst_serviceurlprompt.moc"
