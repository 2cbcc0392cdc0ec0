// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/sourcesample.h"

#include <QLocale>
#include <QTest>

using namespace jimini;

// SourceStatus's one name table: every value has its name and reads back from it.
class tst_SourceSample : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void statusNames_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("name");
        QTest::newRow("ok") << int(SourceStatus::Ok) << "ok";
        QTest::newRow("connecting") << int(SourceStatus::Connecting) << "connecting";
        QTest::newRow("refused") << int(SourceStatus::Refused) << "refused";
        QTest::newRow("timed_out") << int(SourceStatus::TimedOut) << "timed_out";
        QTest::newRow("unauthorized") << int(SourceStatus::Unauthorized) << "unauthorized";
        QTest::newRow("http_error") << int(SourceStatus::HttpError) << "http_error";
        QTest::newRow("malformed") << int(SourceStatus::Malformed) << "malformed";
        QTest::newRow("too_large") << int(SourceStatus::TooLarge) << "too_large";
        QTest::newRow("tls_error") << int(SourceStatus::TlsError) << "tls_error";
        QTest::newRow("stale") << int(SourceStatus::Stale) << "stale";
        QTest::newRow("backoff") << int(SourceStatus::Backoff) << "backoff";
    }
    void statusNames() {
        QFETCH(int, status);
        QFETCH(QString, name);
        QCOMPARE(toString(SourceStatus(status)), name);
        const std::optional<SourceStatus> back = sourceStatusFromName(name);
        QVERIFY(back);
        QCOMPARE(int(*back), status);
    }

    void unknownNames_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << "";
        QTest::newRow("timed out") << "timed out"; // the widgets' label, not a name
        QTest::newRow("OK") << "OK";
        QTest::newRow("unknown") << "unknown";
    }
    void unknownNames() {
        QFETCH(QString, name);
        QVERIFY(!sourceStatusFromName(name));
    }
};

QTEST_GUILESS_MAIN(tst_SourceSample)
#include "tst_sourcesample.moc"
