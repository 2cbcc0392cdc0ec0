// SPDX-License-Identifier: GPL-3.0-or-later
// What a request to an endpoint carries: the checked token (TokenFile), HTTP/1.1 only, and nothing from a
// token file that could not be a token.
#include "net/endpointaccess.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;

class tst_EndpointAccess : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        QVERIFY(m_dir.isValid());
    }

    void requestCarriesTheTokenOverHttp11() {
        ServiceEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8081/base/resilience/v1/health"));
        e.tokenFile = write(QStringLiteral("token"), "s3cret\r\n");
        const EndpointAccess access = EndpointAccess::load(e);
        QVERIFY2(access.ok(), qPrintable(access.error()));
        for (const QNetworkRequest& request :
             {access.healthRequest(), access.request(QStringLiteral("/resilience/v1/stream"))}) {
            QVERIFY(request.url().toString().startsWith(
                QStringLiteral("http://127.0.0.1:8081/base/resilience/v1/")));
            QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer s3cret"));
            QCOMPARE(request.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);
        }
    }

    void noTokenFileNoHeader() {
        ServiceEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8081"));
        const EndpointAccess access = EndpointAccess::load(e);
        QVERIFY(access.ok());
        QVERIFY(!access.request(QStringLiteral("/x")).hasRawHeader("Authorization"));
    }

    void aTokenThatCouldAddHeaderLinesIsRefused() {
        ServiceEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8081"));
        e.tokenFile = write(QStringLiteral("injected"), "s3cret\r\nX-Admin: yes\r\n");
        const EndpointAccess access = EndpointAccess::load(e);
        QVERIFY(!access.ok());
        QVERIFY(access.token().isEmpty());
        QCOMPARE(access.error(),
                 QStringLiteral("token file %1: carriage return (0x0d) at byte 6 (a token is one "
                                "line of printable ASCII without spaces)")
                     .arg(e.tokenFile));
    }

private:
    QString write(const QString& name, const QByteArray& bytes) {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        return file.fileName();
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_EndpointAccess)
#include "tst_endpointaccess.moc"
