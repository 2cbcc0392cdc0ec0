// SPDX-License-Identifier: GPL-3.0-or-later
// `jimini audit export`: the binary prints the store as JSON Lines that read back to the store's records,
// --since selects by time, and its exit codes say what a script needs (0 written, 1 unreadable, 2 usage).
#include "control/auditjsonlines.h"
#include "control/auditreader.h"
#include "control/auditstore.h"

#include "support/jiminicli.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;

namespace {

using Run = test::CliRun;

Run run(const QStringList& args) {
    return test::runJimini(args);
}
} // namespace

class tst_AuditExportCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        if (test::jiminiBinary().isEmpty())
            QSKIP("jimini is not built next to the tests (build the jimini target)");
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("audit.sqlite"));
        AuditStore store;
        QVERIFY(store.open(m_path));
        AuditEntry e;
        e.action = QStringLiteral("breaker.isolate");
        e.targets = {QStringLiteral("http://127.0.0.1:9")};
        e.policy = QStringLiteral("payments");
        e.reason = QStringLiteral("drill");
        const qint64 id = store.recordIntent(e);
        QVERIFY(id > 0);
        store.recordOutcome(id, {true, QStringLiteral("200 isolated")});
    }

    void exportPrintsTheStore() {
        const Run r =
            run({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--audit-db"), m_path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        const AuditPage page = AuditReader::read(m_path, {});
        QCOMPARE(lines.size(), page.records.size());
        QCOMPARE(lines.size(), 2);
        for (int i = 0; i < lines.size(); ++i) {
            const AuditLineResult parsed = AuditJsonLines::parse(lines[i]);
            QVERIFY2(parsed.ok(), qPrintable(parsed.error));
            QVERIFY(*parsed.record == page.records[i]);
        }
    }

    void sinceSelectsByTime_data() {
        QTest::addColumn<QString>("since");
        QTest::addColumn<int>("lines");
        QTest::newRow("span back covers it") << QStringLiteral("1h") << 2;
        QTest::newRow("a date long ago") << QStringLiteral("2000-01-01") << 2;
        QTest::newRow("a time in the future") << QStringLiteral("2999-01-01T00:00:00Z") << 0;
        QTest::newRow("with an offset") << QStringLiteral("2999-01-01T00:00:00+02:00") << 0;
    }
    void sinceSelectsByTime() {
        QFETCH(QString, since);
        QFETCH(int, lines);
        const Run r = run({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--since"),
                           since, QStringLiteral("--audit-db"), m_path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.count('\n'), lines);
    }

    void exitCodes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        const QString db = QStringLiteral("--audit-db");
        QTest::newRow("no subcommand")
            << QStringList{QStringLiteral("audit"), db, m_path} << 2 << QStringLiteral("expected `export`");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--bogus")} << 2
            << QStringLiteral("bogus");
        QTest::newRow("bad since") << QStringList{QStringLiteral("audit"),
                                                  QStringLiteral("export"),
                                                  QStringLiteral("--since"),
                                                  QStringLiteral("yesterday"),
                                                  db,
                                                  m_path}
                                   << 2 << QStringLiteral("\"yesterday\"");
        QTest::newRow("a time without a zone") << QStringList{QStringLiteral("audit"),
                                                              QStringLiteral("export"),
                                                              QStringLiteral("--since"),
                                                              QStringLiteral("2026-01-01T10:00:00"),
                                                              db,
                                                              m_path}
                                               << 2 << QStringLiteral("with a zone");
        QTest::newRow("no store") << QStringList{QStringLiteral("audit"), QStringLiteral("export"), db,
                                                 m_dir.filePath(QStringLiteral("none.sqlite"))}
                                  << 1 << QStringLiteral("none.sqlite");
        QTest::newRow("not a store") << QStringList{QStringLiteral("audit"), QStringLiteral("export"), db,
                                                    QCoreApplication::applicationFilePath()}
                                     << 1 << QStringLiteral("audit store");
    }
    void exitCodes() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, says);
        const Run r = run(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(says), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(tst_AuditExportCli)
#include "tst_auditexportcli.moc"
