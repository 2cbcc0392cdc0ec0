// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/workspace.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;
using namespace std::chrono_literals;

class tst_Workspace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void roundTripsThroughAFile() {
        ServiceEndpoint a;
        a.baseUrl = QUrl("http://127.0.0.1:8081");
        ServiceEndpoint b;
        b.baseUrl = QUrl("https://payments-1.example:8443/base");
        b.environment = "production";
        b.group = "payments";
        b.tokenFile = "/etc/jimini/payments.token";
        b.caFile = "/etc/jimini/ca.pem";
        b.interval = 250ms;
        b.mode = ServiceEndpoint::Mode::Stream;
        ServiceEndpoint c;
        c.baseUrl = QUrl("http://127.0.0.1:8000/health");
        c.kind = ServiceEndpoint::Kind::Guide;
        Workspace w({a, b, c});
        QTemporaryDir dir;
        QString error;
        QVERIFY2(w.save(dir.filePath("fleet.json"), &error), qPrintable(error));
        const WorkspaceParseResult r = Workspace::load(dir.filePath("fleet.json"));
        QVERIFY(r.ok());
        QCOMPARE(r.endpoints->size(), 3);
        QVERIFY(r.endpoints->at(0) == a);
        QVERIFY(r.endpoints->at(1) == b);
        QVERIFY(r.endpoints->at(2) == c);
        // Defaults are left out of the file.
        QCOMPARE(w.toJson().count("interval_ms"), 1);
        QCOMPARE(w.toJson().count("\"kind\": \"guide\""), 1);
        QCOMPARE(w.toJson().count("kind"), 1);
        QVERIFY(w.toJson().contains("\"mode\": \"stream\""));
        QVERIFY(w.toJson().contains("\"version\": 2"));
    }

    void savesPercentEncodedPathsAsTheyWereTyped() {
        const WorkspaceParseResult typed =
            Workspace::fromJson("{\"version\": 2, \"services\": [{\"url\": \"http://ht/.%20./tp\"}]}");
        QVERIFY(typed.ok());
        const QByteArray saved = Workspace(*typed.endpoints).toJson();
        QVERIFY2(saved.contains("\"http://ht/.%20./tp\""), saved.constData());
        const WorkspaceParseResult opened = Workspace::fromJson(saved);
        QVERIFY(opened.ok());
        QVERIFY(*opened.endpoints == *typed.endpoints);
    }

    // Version 1 appended /resilience/v1/... to a URL's path; version 2 reads a path as the document's
    // address. An old file opens to the requests it made, and is saved in the new form.
    void opensVersionOneFilesToTheSameRequests_data() {
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("opened"); // the endpoint's URL, as saved
        QTest::addColumn<QString>("health"); // what is requested
        QTest::addColumn<bool>("api");       // stream, events and control available
        QTest::newRow("v1 base") << 1 << "http://a:1"
                                 << "http://a:1"
                                 << "http://a:1/resilience/v1/health" << true;
        QTest::newRow("v1 prefix") << 1 << "https://gw:8443/pay/"
                                   << "https://gw:8443/pay/resilience/v1/health"
                                   << "https://gw:8443/pay/resilience/v1/health" << true;
        QTest::newRow("v1 encoded prefix") << 1 << "http://gw/a%20b"
                                           << "http://gw/a%20b/resilience/v1/health"
                                           << "http://gw/a%20b/resilience/v1/health" << true;
        QTest::newRow("v2 base") << 2 << "http://a:1/"
                                 << "http://a:1"
                                 << "http://a:1/resilience/v1/health" << true;
        QTest::newRow("v2 document") << 2 << "http://a:1/health"
                                     << "http://a:1/health"
                                     << "http://a:1/health" << false;
        QTest::newRow("v2 host:port") << 2 << "a:1"
                                      << "http://a:1"
                                      << "http://a:1/resilience/v1/health" << true;
    }
    void opensVersionOneFilesToTheSameRequests() {
        QFETCH(int, version);
        QFETCH(QString, url);
        QFETCH(QString, opened);
        QFETCH(QString, health);
        QFETCH(bool, api);
        const WorkspaceParseResult r =
            Workspace::fromJson(QStringLiteral("{\"version\": %1, \"services\": [{\"url\": \"%2\"}]}")
                                    .arg(version)
                                    .arg(url)
                                    .toUtf8());
        QVERIFY(r.ok());
        const ServiceEndpoint& e = r.endpoints->front();
        QCOMPARE(e.baseUrl.toString(QUrl::FullyEncoded), opened);
        QCOMPARE(e.healthUrl().toString(QUrl::FullyEncoded), health);
        QCOMPARE(e.apiBase().has_value(), api);
        const QByteArray saved = Workspace(*r.endpoints).toJson();
        QVERIFY2(saved.contains("\"version\": 2") && saved.contains("\"url\": \"" + opened.toUtf8() + "\""),
                 saved.constData());
        const WorkspaceParseResult again = Workspace::fromJson(saved);
        QVERIFY(again.ok());
        QVERIFY(*again.endpoints == *r.endpoints);
    }

    void refusesAFileOverTheLimitUnread() {
        QTemporaryDir dir;
        QFile big(dir.filePath("big.json"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(Workspace::maxFileSize + 1, ' '));
        big.close();
        const WorkspaceParseResult r = Workspace::load(big.fileName());
        QVERIFY(!r.ok());
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.front().message, big.fileName() + " is larger than 4194304 bytes (not read)");
        // A device that never ends is read only up to the limit.
        const WorkspaceParseResult zero = Workspace::load("/dev/zero");
        QVERIFY(!zero.ok());
        QCOMPARE(zero.errors.front().message, QString("/dev/zero is larger than 4194304 bytes (not read)"));
    }

    void addRemoveAndMergeKeepOneEntryPerUrl() {
        Workspace w;
        ServiceEndpoint e;
        e.baseUrl = QUrl("http://127.0.0.1:1");
        QVERIFY(w.add(e));
        QVERIFY(!w.add(e));
        ServiceEndpoint f;
        f.baseUrl = QUrl("http://127.0.0.1:2");
        QCOMPARE(w.merge({e, f}), 1);
        QVERIFY(w.remove("http://127.0.0.1:1"));
        QVERIFY(!w.remove("http://127.0.0.1:1"));
        QCOMPARE(w.endpoints().size(), 1);
        QCOMPARE(w.endpoints().front().id(), QStringLiteral("http://127.0.0.1:2"));
    }

    void importsAPlainListOfUrls() {
        ServiceEndpoint defaults;
        defaults.interval = 500ms;
        const WorkspaceParseResult r = Workspace::importText("# the fleet\n"
                                                             "http://127.0.0.1:8081\n"
                                                             "\n"
                                                             "  https://b.example:8443/  # staging\r\n"
                                                             "http://127.0.0.1:8081\n",
                                                             defaults);
        QVERIFY(r.ok());
        QCOMPARE(r.endpoints->size(), 2);
        QCOMPARE(r.endpoints->at(0).id(), QStringLiteral("http://127.0.0.1:8081"));
        QCOMPARE(r.endpoints->at(1).id(), QStringLiteral("https://b.example:8443"));
        QCOMPARE(r.endpoints->at(1).interval, 500ms);

        const WorkspaceParseResult bad = Workspace::importText("http://ok:1\nftp://x/\nnot a url\n");
        QVERIFY(!bad.ok());
        QCOMPARE(bad.errors.size(), 2);
        QCOMPARE(bad.errors[0].path, QStringLiteral("line 2"));
        QCOMPARE(bad.errors[1].path, QStringLiteral("line 3"));
        QCOMPARE(bad.errors[0].toString(),
                 QStringLiteral("line 2: \"ftp://x/\": scheme \"ftp\" is not http or https"));
        QCOMPARE(bad.errors[1].toString(),
                 QStringLiteral("line 3: \"not a url\": a space or control character at position 3"));
    }

    // Files from before kinds have none: every service in them is read as Jimini v1, as it was.
    void kindAbsentIsJiminiV1_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("kind");
        QTest::newRow("version 1") << QByteArray(
                                          "{\"version\": 1, \"services\": [{\"url\": \"http://a:1\"}]}")
                                   << int(ServiceEndpoint::Kind::JiminiV1);
        QTest::newRow("version 2, a document URL")
            << QByteArray("{\"version\": 2, \"services\": [{\"url\": \"http://a:1/health\"}]}")
            << int(ServiceEndpoint::Kind::JiminiV1);
        QTest::newRow("version 2, guide")
            << QByteArray(
                   "{\"version\": 2, \"services\": [{\"url\": \"http://a:1/health\", \"kind\": \"guide\"}]}")
            << int(ServiceEndpoint::Kind::Guide);
    }
    void kindAbsentIsJiminiV1() {
        QFETCH(QByteArray, json);
        QFETCH(int, kind);
        const WorkspaceParseResult r = Workspace::fromJson(json);
        QVERIFY(r.ok());
        QCOMPARE(int(r.endpoints->at(0).kind), kind);
    }

    void kindNames() {
        for (const QString& name : endpointKindNames())
            QCOMPARE(toString(*endpointKindFromName(name)), name);
        QCOMPARE(toString(ServiceEndpoint::Kind::JiminiV1), QStringLiteral("jimini_v1"));
        QCOMPARE(toString(ServiceEndpoint::Kind::Guide), QStringLiteral("guide"));
        QVERIFY(!endpointKindFromName(u"Guide"));
        QVERIFY(!endpointKindFromName(u""));
    }

    void errorsNameTheEntryAndKey_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("errors");
        QTest::newRow("not json") << QByteArray("{")
                                  << QStringList{"not JSON: unterminated object at offset 1"};
        QTest::newRow("version") << QByteArray("{\"version\": 3, \"services\": []}")
                                 << QStringList{"version: must be 1 or 2"};
        QTest::newRow("no services") << QByteArray("{\"version\": 1}")
                                     << QStringList{"services: must be a list"};
        QTest::newRow("url missing") << QByteArray(
                                            "{\"version\": 1, \"services\": [{\"url\": \"http://a:1\"}, {}]}")
                                     << QStringList{"services[1].url: required, a string"};
        QTest::newRow("bad url")
            << QByteArray("{\"version\": 1, \"services\": [{\"url\": \"file:///x\"}]}")
            << QStringList{"services[0].url: \"file:///x\": scheme \"file\" is not http or https"};
        QTest::newRow("doubled scheme")
            << QByteArray("{\"version\": 1, \"services\": [{\"url\": \"http://http//127.0.0.1:99999\"}]}")
            << QStringList{
                   "services[0].url: \"http://http//127.0.0.1:99999\": the host is \"http\": the scheme "
                   "typed twice?"};
        QTest::newRow("twice")
            << QByteArray(
                   "{\"version\": 1, \"services\": [{\"url\": \"http://a:1\"}, {\"url\": \"http://a:1/\"}]}")
            << QStringList{"services[1].url: listed twice (http://a:1)"};
        QTest::newRow("interval, mode, typo")
            << QByteArray(
                   "{\"version\": 1, \"services\": [{\"url\": \"http://a:1\"}, {\"url\": \"http://b:1\", "
                   "\"interval_ms\": 50, \"mode\": \"push\", \"tokn_file\": \"x\", \"group\": 3}]}")
            << QStringList{"services[1].tokn_file: unknown key", "services[1].group: must be a string",
                           "services[1].interval_ms: must be an integer between 100 and 3600000",
                           "services[1].mode: must be \"poll\" or \"stream\""};
        QTest::newRow("kind")
            << QByteArray("{\"version\": 2, \"services\": [{\"url\": \"http://a:1\", \"kind\": \"hystrix\"}, "
                          "{\"url\": \"http://b:1\", \"kind\": 1}]}")
            << QStringList{"services[0].kind: must be one of \"jimini_v1\", \"guide\"",
                           "services[1].kind: must be one of \"jimini_v1\", \"guide\""};
        QTest::newRow("not an object") << QByteArray("{\"version\": 1, \"services\": [3]}")
                                       << QStringList{"services[0]: must be an object"};
    }

    void errorsNameTheEntryAndKey() {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, errors);
        const WorkspaceParseResult r = Workspace::fromJson(json);
        QVERIFY(!r.ok());
        QStringList got;
        for (const WorkspaceError& e : r.errors)
            got << e.toString();
        QCOMPARE(got, errors);
    }
};

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
