// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/guide/guideprotocol.h"

#include "net/endpointaccess.h"

#include <QFile>
#include <QLocale>
#include <QTest>

using namespace jimini;

namespace {
const QDateTime kReadTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);

QByteArray fixture(const QString& name) {
    QFile f(QStringLiteral(QT_TESTCASE_SOURCEDIR) + QStringLiteral("/data/health/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return f.readAll();
}
} // namespace

class tst_GuideProtocol : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void readsTheGuidesDocumentAtItsAddress() {
        const GuideProtocol protocol;
        QCOMPARE(int(protocol.kind()), int(ServiceEndpoint::Kind::Guide));
        ServiceEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://a:8000/health"));
        const EndpointAccess access = EndpointAccess::load(e);
        QCOMPARE(protocol.documentRequest(access).url().toString(), QStringLiteral("http://a:8000/health"));
        const HealthParseResult r =
            protocol.decodeDocument(fixture(QStringLiteral("guide-degraded.json")), kReadTime);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(int(r.document->format), int(HealthFormat::GuideDocument));
        QCOMPARE(r.document->timestamp, kReadTime); // the guide's document has no time of its own
    }

    // Nothing else of the protocol: no stream (the connection polls and says why), no record (the
    // transitions are inferred), no stream messages.
    void hasNothingElse() {
        const GuideProtocol protocol;
        ServiceEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://a:8000"));
        QVERIFY(!protocol.noStreamReason(e, EndpointAccess::load(e)).isEmpty());
        QVERIFY(!protocol.hasEventRecord());
        QCOMPARE(int(protocol.messageKind("health")), int(SourceProtocol::Message::Ignored));
        QVERIFY(
            !protocol.decodeEvent(QStringLiteral("http://a:8000"), {}, {}, "transition", "{}", kReadTime));
    }

    void refusesAJiminiDocumentNamingTheKind() {
        const HealthParseResult r =
            GuideProtocol().decodeDocument(fixture(QStringLiteral("native-example.json")), kReadTime);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QStringLiteral("jimini_v1")), qPrintable(r.error));
    }

    void errorsAreTheCodecs() {
        const HealthParseResult r = GuideProtocol().decodeDocument("{", kReadTime);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(QStringLiteral("malformed JSON")), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(tst_GuideProtocol)
#include "tst_guideprotocol.moc"
