// SPDX-License-Identifier: GPL-3.0-or-later
// The console's add dialog reads URLs as the CLI does, and says what it assumed or what the endpoint
// will not have.
#include "widgets/workspace/serviceurlprompt.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
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

    void interpretsTheForm_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("intervalMs");
        QTest::addColumn<QString>("tokenFile"); // "<token>": a file holding a token, made by the test
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<QString>("field"); // of the error; empty: added
        QTest::addColumn<QString>("error"); // a prefix of it
        QTest::newRow("every setting") << "h:1" << 2500 << "<token>"
                                       << ""
                                       << ""
                                       << "";
        QTest::newRow("nothing typed") << " " << 1000 << ""
                                       << ""
                                       << "URL"
                                       << "give the service's";
        QTest::newRow("bad URL") << "ftp://h" << 1000 << ""
                                 << ""
                                 << "URL"
                                 << "\"ftp://h\": scheme";
        QTest::newRow("interval too short") << "h:1" << 10 << ""
                                            << ""
                                            << "Interval"
                                            << "10 ms is not between";
        QTest::newRow("no token file") << "h:1" << 1000 << "/nonexistent/token"
                                       << ""
                                       << "Token file"
                                       << "";
        QTest::newRow("no CA file") << "https://h:1" << 1000 << ""
                                    << "/nonexistent/ca.pem"
                                    << "CA file"
                                    << "TLS: cannot read CA file /nonexistent/ca.pem";
    }
    void interpretsTheForm() {
        QFETCH(QString, typed);
        QFETCH(int, intervalMs);
        QFETCH(QString, tokenFile);
        QFETCH(QString, caFile);
        QFETCH(QString, field);
        QFETCH(QString, error);
        QTemporaryDir dir;
        if (tokenFile == QLatin1String("<token>")) {
            tokenFile = dir.filePath(QStringLiteral("token"));
            QFile file(tokenFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("s3cr3t-token-value-long-enough\n");
            file.close();
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        ServiceEndpoint settings;
        settings.kind = ServiceEndpoint::Kind::Guide;
        settings.environment = QStringLiteral(" staging ");
        settings.group = QStringLiteral("shop");
        settings.interval = std::chrono::milliseconds(intervalMs);
        settings.mode = ServiceEndpoint::Mode::Stream;
        settings.tokenFile = tokenFile;
        settings.caFile = caFile;
        const ServiceUrlPrompt::Result r = ServiceUrlPrompt::interpret(typed, settings);
        QCOMPARE(r.field, field);
        QVERIFY2(error.isEmpty() || r.error.startsWith(error), qPrintable(r.error));
        if (!field.isEmpty()) {
            QVERIFY(!r.error.isEmpty());
            QVERIFY(r.endpoints.isEmpty());
            return;
        }
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.endpoints.size(), 1);
        ServiceEndpoint expected = settings;
        expected.baseUrl = QUrl(QStringLiteral("http://h:1"));
        expected.environment = QStringLiteral("staging");
        QCOMPARE(r.endpoints.front(), expected);
        QCOMPARE(ServiceUrlPrompt::describe(r.endpoints.front()),
                 QStringLiteral("http://h:1 (guide, group shop, staging, streamed, health every 2500 ms, "
                                "token from %1)")
                     .arg(tokenFile));
    }
};

QTEST_MAIN(tst_ServiceUrlPrompt)
#include "tst_serviceurlprompt.moc"
