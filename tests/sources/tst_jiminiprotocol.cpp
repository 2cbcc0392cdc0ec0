// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/jimini/jiminiprotocol.h"

#include "health/healthnames.h"
#include "net/endpointaccess.h"

#include <QFile>
#include <QLocale>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

namespace {
const QDateTime kReadTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);

QByteArray fixture(const QString& name) {
    QFile f(QStringLiteral(QT_TESTCASE_SOURCEDIR) + QStringLiteral("/data/health/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return f.readAll();
}

ServiceEndpoint endpointAt(const QString& url) {
    ServiceEndpoint e;
    e.baseUrl = QUrl(url);
    return e;
}
} // namespace

class tst_JiminiProtocol : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void documentRequest_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("asked");
        QTest::newRow("base") << "http://a:1"
                              << "http://a:1/resilience/v1/health";
        QTest::newRow("document URL") << "http://a:1/health"
                                      << "http://a:1/health";
    }
    void documentRequest() {
        QFETCH(QString, url);
        QFETCH(QString, asked);
        const JiminiProtocol protocol;
        const QNetworkRequest r = protocol.documentRequest(EndpointAccess::load(endpointAt(url)));
        QCOMPARE(r.url().toString(), asked);
        QCOMPARE(r.rawHeader("Accept"), QByteArray("application/json"));
    }

    void streamRequestAsksForTheIntervalAndResumes() {
        const JiminiProtocol protocol;
        const EndpointAccess access = EndpointAccess::load(endpointAt(QStringLiteral("http://a:1")));
        QVERIFY(protocol.noStreamReason(endpointAt(QStringLiteral("http://a:1")), access).isEmpty());
        const QNetworkRequest r = protocol.streamRequest(access, 500ms, "41");
        QCOMPARE(r.url().toString(), QStringLiteral("http://a:1/resilience/v1/stream?interval=0.5"));
        QCOMPARE(r.rawHeader("Accept"), QByteArray("text/event-stream"));
        QCOMPARE(r.rawHeader("Last-Event-ID"), QByteArray("41"));
        QVERIFY(!protocol.streamRequest(access, 1s, {}).hasRawHeader("Last-Event-ID"));
    }

    void aDocumentUrlWithoutBaseHasNoStream() {
        const JiminiProtocol protocol;
        const ServiceEndpoint e = endpointAt(QStringLiteral("http://a:1/health"));
        QVERIFY(!protocol.noStreamReason(e, EndpointAccess::load(e)).isEmpty());
        QVERIFY(protocol.hasEventRecord());
    }

    void messageKinds_data() {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<int>("kind");
        QTest::newRow("health") << QByteArray("health") << int(SourceProtocol::Message::Document);
        for (const char* type : {"transition", "control", "config", "fault", "gap"})
            QTest::newRow(type) << QByteArray(type) << int(SourceProtocol::Message::Event);
        QTest::newRow("heartbeat") << QByteArray("heartbeat") << int(SourceProtocol::Message::Ignored);
        QTest::newRow("empty") << QByteArray() << int(SourceProtocol::Message::Ignored);
    }
    void messageKinds() {
        QFETCH(QByteArray, type);
        QFETCH(int, kind);
        QCOMPARE(int(JiminiProtocol().messageKind(type)), kind);
    }

    // As the console always read a Jimini address: the native document, and a guide-shaped one.
    void readsBothShapes_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("format");
        QTest::newRow("native") << "native-example.json" << int(HealthFormat::NativeV1);
        QTest::newRow("guide") << "guide-healthy.json" << int(HealthFormat::GuideDocument);
    }
    void readsBothShapes() {
        QFETCH(QString, file);
        QFETCH(int, format);
        const HealthParseResult r = JiminiProtocol().decodeDocument(fixture(file), kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(int(r.document->format), format);
    }

    void eventsAreDatedByTheirOwnTimeOrWhenReceived() {
        const JiminiProtocol protocol;
        const auto timed = protocol.decodeEvent(
            QStringLiteral("http://a:1"), QStringLiteral("orders"), QStringLiteral("o-1"), "transition",
            R"({"time": "2026-11-30T08:00:00.000Z", "policy": "p", "from": "closed", "to": "open"})",
            kReadTime);
        QVERIFY(timed);
        QCOMPARE(timed->time, QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC));
        QCOMPARE(breakerStateName(timed->to), QStringLiteral("open"));
        const auto untimed = protocol.decodeEvent(QStringLiteral("http://a:1"), {}, {}, "fault",
                                                  R"({"action": "injected"})", kReadTime);
        QVERIFY(untimed);
        QCOMPARE(untimed->time, kReadTime);
        QVERIFY(!protocol.decodeEvent(QStringLiteral("http://a:1"), {}, {}, "fault", "[1]", kReadTime));
    }
};

QTEST_GUILESS_MAIN(tst_JiminiProtocol)
#include "tst_jiminiprotocol.moc"
