// SPDX-License-Identifier: GPL-3.0-or-later
// The audit store: what is recorded reads back in order with its results; nothing can be changed or
// removed afterwards (no method for it, and the file refuses UPDATE and DELETE from any writer); two
// processes appending to one file keep both; fields are bounded and a URL's user info never lands in a row.
#include "control/auditreader.h"
#include "control/auditstore.h"
#include "control/operatoridentity.h"

#include "support/spawnedprocess.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace jimini;

namespace {

AuditEntry entry(const QString& action, const QString& reason = QStringLiteral("test")) {
    AuditEntry e;
    e.action = action;
    e.targets = {QStringLiteral("http://127.0.0.1:8081"), QStringLiteral("http://127.0.0.1:8082")};
    e.environment = QStringLiteral("staging");
    e.service = QStringLiteral("orders");
    e.policy = QStringLiteral("payments");
    e.before = QStringLiteral("closed");
    e.after = QStringLiteral("isolated");
    e.reason = reason;
    return e;
}

// The child's part of appendFromTwoProcesses: `tst_auditstore --append PATH TAG COUNT`.
int appendAsChild(const QString& path, const QString& tag, int count) {
    AuditStore store;
    if (!store.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 3;
    }
    for (int i = 0; i < count; ++i) {
        if (store.recordIntent(
                entry(QStringLiteral("breaker.isolate"), QStringLiteral("%1 %2").arg(tag).arg(i))) == 0) {
            std::fprintf(stderr, "%s\n", qPrintable(store.error()));
            return 4;
        }
    }
    return 0;
}

} // namespace

class tst_AuditStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void intentsAndOutcomesReadBackInOrder() {
        const QString path = m_dir.filePath(QStringLiteral("order.sqlite"));
        AuditStore store;
        QVERIFY2(store.open(path), qPrintable(store.error()));
        store.setOperatorName(QStringLiteral("alice"));
        const qint64 first = store.recordIntent(entry(QStringLiteral("breaker.isolate")));
        const qint64 second = store.recordIntent(entry(QStringLiteral("config.push")));
        QVERIFY(first > 0);
        QVERIFY(second > first);
        store.recordOutcome(second, {false, QStringLiteral("412 Precondition Failed")});
        store.recordOutcome(first, {true, QStringLiteral("200 isolated")});
        QVERIFY2(store.error().isEmpty(), qPrintable(store.error()));

        const AuditPage page = AuditReader::read(path, {});
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.records.size(), 4);
        QVERIFY(!page.more);
        const QList<AuditRecord>& r = page.records;
        QVERIFY(r[0].kind == AuditRecord::Kind::Intent);
        QVERIFY(r[0].entry == entry(QStringLiteral("breaker.isolate")));
        QCOMPARE(r[0].operatorName, QStringLiteral("alice"));
        QVERIFY(!r[0].ok.has_value());
        QCOMPARE(r[1].entry.action, QStringLiteral("config.push"));
        // An outcome names its intent and carries its entry, so that it reads alone.
        QVERIFY(r[2].kind == AuditRecord::Kind::Outcome);
        QCOMPARE(r[2].intentId, second);
        QVERIFY(r[2].ok == std::optional<bool>(false));
        QCOMPARE(r[2].detail, QStringLiteral("412 Precondition Failed"));
        QVERIFY(r[2].entry == entry(QStringLiteral("config.push")));
        QCOMPARE(r[3].intentId, first);
        QVERIFY(r[3].ok == std::optional<bool>(true));
        for (int i = 1; i < r.size(); ++i) {
            QVERIFY(r[i].id > r[i - 1].id);
            QVERIFY(r[i].timeMs >= r[i - 1].timeMs);
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(r[0].timeMs > now - 60000 && r[0].timeMs <= now);
    }

    void emptyFieldsAreRecordedEmpty() {
        const QString path = m_dir.filePath(QStringLiteral("empty.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        AuditEntry bare;
        bare.action = QStringLiteral("rollout.abort");
        const qint64 id = store.recordIntent(bare);
        QVERIFY2(id > 0, qPrintable(store.error()));
        store.recordOutcome(id, {});
        QVERIFY2(store.error().isEmpty(), qPrintable(store.error()));
        const AuditPage page = AuditReader::read(path, {});
        QCOMPARE(page.records.size(), 2);
        QVERIFY(page.records[0].entry == bare);
        QVERIFY(page.records[1].ok == std::optional<bool>(false));
    }

    void theOperatorIsTheOsUserUnlessSet() {
        AuditStore store;
        QVERIFY(!store.operatorName().isEmpty());
        const QString osUser = store.operatorName();
        QCOMPARE(osUser, OperatorIdentity::osUser()); // no name in the (test mode's empty) preferences
        store.setOperatorName(QStringLiteral("  bob "));
        QCOMPARE(store.operatorName(), QStringLiteral("bob"));
        store.setOperatorName(QString());
        QCOMPARE(store.operatorName(), osUser);
    }

    void pagesAreBounded() {
        const QString path = m_dir.filePath(QStringLiteral("pages.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        for (int i = 0; i < 25; ++i)
            QVERIFY(store.recordIntent(entry(QStringLiteral("breaker.auto"), QString::number(i))) > 0);
        AuditQuery query;
        query.limit = 10;
        AuditPage page = AuditReader::read(path, query);
        QCOMPARE(page.records.size(), 10);
        QVERIFY(page.more);
        QCOMPARE(page.records.front().entry.reason, QStringLiteral("0"));
        query.afterId = page.records.back().id;
        page = AuditReader::read(path, query);
        QCOMPARE(page.records.front().entry.reason, QStringLiteral("10"));
        query.afterId = page.records.back().id;
        page = AuditReader::read(path, query);
        QCOMPARE(page.records.size(), 5);
        QVERIFY(!page.more);
        // The newest ten, still oldest first: what a view opening on a large store shows.
        AuditQuery newest;
        newest.limit = 10;
        newest.newest = true;
        page = AuditReader::read(path, newest);
        QCOMPARE(page.records.size(), 10);
        QVERIFY(page.more);
        QCOMPARE(page.records.front().entry.reason, QStringLiteral("15"));
        QCOMPARE(page.records.back().entry.reason, QStringLiteral("24"));
        // sinceMs: nothing was written in the future.
        AuditQuery future;
        future.sinceMs = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        QCOMPARE(AuditReader::read(path, future).records.size(), 0);
        // A limit past the cap is capped, not trusted.
        AuditQuery huge;
        huge.limit = 1 << 30;
        QCOMPARE(AuditReader::read(path, huge).records.size(), 25);
    }

    void theFileRefusesUpdateAndDelete_data() {
        QTest::addColumn<QString>("statement");
        QTest::newRow("update") << QStringLiteral("UPDATE audit SET reason = 'forged'");
        QTest::newRow("delete") << QStringLiteral("DELETE FROM audit");
        QTest::newRow("delete one") << QStringLiteral("DELETE FROM audit WHERE id = 1");
    }
    void theFileRefusesUpdateAndDelete() {
        QFETCH(QString, statement);
        const QString path = m_dir.filePath(QStringLiteral("append-only-%1.sqlite")
                                                .arg(QTest::currentDataTag())
                                                .replace(QLatin1Char(' '), QLatin1Char('-')));
        {
            AuditStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.recordIntent(entry(QStringLiteral("breaker.isolate"))) > 0);
        }
        const QString name = QStringLiteral("tamper");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(!query.exec(statement));
            QVERIFY2(query.lastError().text().contains(QStringLiteral("append-only")),
                     qPrintable(query.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        const AuditPage page = AuditReader::read(path, {});
        QCOMPARE(page.records.size(), 1);
        QCOMPARE(page.records.front().entry.reason, QStringLiteral("test"));
    }

    void appendFromTwoProcesses() {
        const QString path = m_dir.filePath(QStringLiteral("shared.sqlite"));
        constexpr int count = 150;
        AuditStore store;
        QVERIFY(store.open(path));
        test::SpawnedProcess child;
        QString error;
        QVERIFY2(
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--append"), path, QStringLiteral("child"), QString::number(count)},
                        &error),
            qPrintable(error));
        for (int i = 0; i < count; ++i)
            QVERIFY2(store.recordIntent(
                         entry(QStringLiteral("breaker.disable"), QStringLiteral("parent %1").arg(i))) > 0,
                     qPrintable(store.error()));
        QVERIFY(child.waitForFinished(60000));
        QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());

        AuditQuery all;
        all.limit = AuditQuery::maxLimit;
        const AuditPage page = AuditReader::read(path, all);
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.records.size(), 2 * count);
        // Each writer's records are all there, in the order it wrote them.
        int next[2] = {0, 0};
        for (const AuditRecord& r : page.records) {
            const QStringList words = r.entry.reason.split(QLatin1Char(' '));
            QCOMPARE(words.size(), 2);
            const int writer = words[0] == QLatin1String("child") ? 1 : 0;
            QCOMPARE(words[1].toInt(), next[writer]++);
        }
        QCOMPARE(next[0], count);
        QCOMPARE(next[1], count);
    }

    void fieldsAreBounded() {
        const QString path = m_dir.filePath(QStringLiteral("bounded.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        AuditEntry big = entry(QStringLiteral("config.push"));
        big.reason = QString(AuditStore::maxFieldChars + 10, QLatin1Char('r'));
        big.after = QString(AuditStore::maxStateChars + 1, QLatin1Char('a'));
        big.targets.clear();
        for (int i = 0; i < AuditStore::maxTargets + 5; ++i)
            big.targets << QStringLiteral("http://h%1:80").arg(i);
        const qint64 id = store.recordIntent(big);
        QVERIFY(id > 0);
        store.recordOutcome(id, {true, QString(AuditStore::maxFieldChars * 2, QLatin1Char('d'))});
        const AuditPage page = AuditReader::read(path, {});
        QCOMPARE(page.records.size(), 2);
        const AuditRecord& r = page.records.front();
        QVERIFY(r.entry.reason.startsWith(QString(AuditStore::maxFieldChars, QLatin1Char('r'))));
        QVERIFY2(r.entry.reason.endsWith(QStringLiteral("(10 more characters)")),
                 qPrintable(r.entry.reason.right(40)));
        QVERIFY(r.entry.after.endsWith(QStringLiteral("(1 more characters)")));
        QCOMPARE(r.entry.targets.size(), AuditStore::maxTargets + 1);
        QCOMPARE(r.entry.targets.back(), QStringLiteral("\u2026 (5 more targets)"));
        QVERIFY(page.records[1].detail.size() < AuditStore::maxFieldChars + 40);
    }

    void urlUserInfoNeverLands() {
        const QString path = m_dir.filePath(QStringLiteral("userinfo.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        AuditEntry e = entry(QStringLiteral("breaker.isolate"));
        e.targets = {QStringLiteral("https://ops:s3cr3t-t0ken@orders.example:8443")};
        QVERIFY(store.recordIntent(e) > 0);
        const AuditPage page = AuditReader::read(path, {});
        QCOMPARE(page.records.front().entry.targets,
                 QStringList{QStringLiteral("https://orders.example:8443")});
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("s3cr3t-t0ken"));
        QFile wal(path + QStringLiteral("-wal"));
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains("s3cr3t-t0ken"));
    }

    void aStoreThatCannotOpenRefusesEveryRecord_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("says");
        QTest::newRow("a folder") << m_dir.path() << m_dir.path();
        QTest::newRow("under a file")
            << m_dir.filePath(QStringLiteral("plain/audit.sqlite")) << QStringLiteral("folder");
        QTest::newRow("not a store") << m_dir.filePath(QStringLiteral("garbage.sqlite"))
                                     << QStringLiteral("garbage.sqlite");
        QTest::newRow("no path") << QString() << QStringLiteral("no file");
    }
    void aStoreThatCannotOpenRefusesEveryRecord() {
        QFETCH(QString, path);
        QFETCH(QString, says);
        QFile plain(m_dir.filePath(QStringLiteral("plain")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("not a folder");
        plain.close();
        QFile garbage(m_dir.filePath(QStringLiteral("garbage.sqlite")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();

        AuditStore store;
        QVERIFY(!store.open(path));
        QVERIFY(!store.isOpen());
        QVERIFY2(store.error().contains(says), qPrintable(store.error()));
        QCOMPARE(store.recordIntent(entry(QStringLiteral("breaker.isolate"))), 0);
        QVERIFY(!store.error().isEmpty());
    }

    void theDefaultPathIsSharedByConsoleAndCli() {
        QVERIFY(AuditStore::defaultPath().endsWith(QStringLiteral("/jimini/audit.sqlite")));
        const auto store = AuditStore::openDefault(m_dir.filePath(QStringLiteral("override.sqlite")));
        QVERIFY(store->isOpen());
        QCOMPARE(store->path(), m_dir.filePath(QStringLiteral("override.sqlite")));
    }

private:
    QTemporaryDir m_dir;
};

int main(int argc, char** argv) {
    if (argc == 5 && std::strcmp(argv[1], "--append") == 0) {
        QCoreApplication app(argc, argv);
        return appendAsChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                             std::atoi(argv[4]));
    }
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    tst_AuditStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_auditstore.moc"
