// SPDX-License-Identifier: GPL-3.0-or-later
// The audit store as JSON Lines: an export reads back, line by line, to exactly the records the store
// holds (one line each, whatever the text holds); --since keeps the newer ones; a bad line is refused
// naming the key.
#include "control/auditjsonlines.h"
#include "control/auditreader.h"
#include "control/auditstore.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;

class tst_AuditJsonLines : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void anExportRoundTrips() {
        const QString path = m_dir.filePath(QStringLiteral("roundtrip.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        store.setOperatorName(QStringLiteral("Zoë"));
        AuditEntry e;
        e.action = QStringLiteral("config.push");
        e.targets = {QStringLiteral("http://127.0.0.1:1"), QStringLiteral("http://[::1]:2")};
        e.environment = QStringLiteral("production");
        e.service = QStringLiteral("orders");
        e.before = QStringLiteral("{\"a\": 1,\n \"b\": \"\u00e9\"}");
        e.after = QStringLiteral("\"quoted\"\t\\ tab");
        e.reason = QStringLiteral("line one\nline two \u2603");
        // More records than one page of the export, so that paging is crossed.
        const int intents = AuditJsonLines::pageSize + 7;
        for (int i = 0; i < intents; ++i) {
            e.policy = QStringLiteral("p%1").arg(i);
            const qint64 id = store.recordIntent(e);
            QVERIFY(id > 0);
            if (i % 2)
                store.recordOutcome(id, {i % 4 == 1, QStringLiteral("answer %1\r\n").arg(i)});
        }
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const AuditExportResult written = AuditJsonLines::write(path, 0, &out);
        QVERIFY2(written.ok(), qPrintable(written.error));
        const int total = intents + intents / 2;
        QCOMPARE(written.written, total);

        const QList<QByteArray> lines = out.data().split('\n');
        QCOMPARE(lines.size(), total + 1); // each record one line, the last one ended too
        QVERIFY(lines.back().isEmpty());
        AuditQuery all;
        all.limit = AuditQuery::maxLimit;
        const AuditPage page = AuditReader::read(path, all);
        QCOMPARE(page.records.size(), total);
        for (int i = 0; i < total; ++i) {
            const AuditLineResult parsed = AuditJsonLines::parse(lines[i]);
            QVERIFY2(parsed.ok(), qPrintable(parsed.error));
            QVERIFY2(*parsed.record == page.records[i], lines[i].constData());
        }
    }

    void sinceKeepsTheNewer() {
        const QString path = m_dir.filePath(QStringLiteral("since.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        AuditEntry e;
        e.action = QStringLiteral("breaker.auto");
        QVERIFY(store.recordIntent(e) > 0);
        const qint64 afterFirst = AuditReader::read(path, {}).records.front().timeMs + 1;
        // The store's clock is the wall clock: wait (deadline-bounded) until it has moved past the first.
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() >= afterFirst, 1000);
        QVERIFY(store.recordIntent(e) > 0);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const AuditExportResult written = AuditJsonLines::write(path, afterFirst, &out);
        QCOMPARE(written.written, 1);
        QCOMPARE(AuditJsonLines::parse(out.data().trimmed()).record->id, 2);
    }

    void aMissingStoreIsAnError() {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        const AuditExportResult written =
            AuditJsonLines::write(m_dir.filePath(QStringLiteral("none.sqlite")), 0, &out);
        QVERIFY(!written.ok());
        QVERIFY2(written.error.contains(QStringLiteral("none.sqlite")), qPrintable(written.error));
        QCOMPARE(out.data().size(), 0);
    }

    void badLinesAreRefusedNamingTheKey_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("says");
        const QByteArray good =
            R"({"id":1,"time_ms":5,"operator":"a","kind":"intent","action":"x","environment":"",)"
            R"("service":"","policy":"","before":"","after":"","reason":"","targets":[]})";
        QVERIFY(AuditJsonLines::parse(good).ok());
        QTest::newRow("not json") << QByteArray("{\"id\":") << QStringLiteral("not JSON at byte");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
        QTest::newRow("id text") << QByteArray(good).replace("\"id\":1", "\"id\":\"1\"")
                                 << QStringLiteral("\"id\"");
        QTest::newRow("id fraction") << QByteArray(good).replace("\"id\":1", "\"id\":1.5")
                                     << QStringLiteral("\"id\"");
        QTest::newRow("kind") << QByteArray(good).replace("intent", "update") << QStringLiteral("\"kind\"");
        QTest::newRow("reason") << QByteArray(good).replace("\"reason\":\"\"", "\"reason\":3")
                                << QStringLiteral("\"reason\"");
        QTest::newRow("targets") << QByteArray(good).replace("[]", "[1]") << QStringLiteral("\"targets\"");
        QTest::newRow("outcome without ok")
            << QByteArray(good).replace("intent", "outcome").replace("}", ",\"intent_id\":1,\"detail\":\"\"}")
            << QStringLiteral("\"ok\"");
        QTest::newRow("too long") << QByteArray(AuditJsonLines::maxLineSize + 1, ' ')
                                  << QStringLiteral("over the");
    }
    void badLinesAreRefusedNamingTheKey() {
        QFETCH(QByteArray, line);
        QFETCH(QString, says);
        const AuditLineResult parsed = AuditJsonLines::parse(line);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(says), qPrintable(parsed.error));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_AuditJsonLines)
#include "tst_auditjsonlines.moc"
