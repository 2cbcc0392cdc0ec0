// SPDX-License-Identifier: GPL-3.0-or-later
// Drafts saved as typed: round trip, newest first, junk in the folder skipped, and a draft that survives
// its writer being killed (a child process saving as fast as it can, SIGKILLed mid-stream: what is left is
// one complete save, never a torn file).
#include "control/draftstore.h"

#include "support/spawnedprocess.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLocale>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

#include <cstdio>

using namespace jimini;

namespace {

// The child's job (argv: --write-drafts DIR): save one draft again and again, as an editor does while
// the operator types, saying "saved N" after each save, until killed.
int writeDraftsForever(const QString& dir) {
    DraftStore store(dir);
    ConfigDraft draft;
    draft.instance = QStringLiteral("http://127.0.0.1:9");
    draft.origin = QStringLiteral("production");
    draft.baseEtag = "\"abc\"";
    QByteArray padding(200 * 1024, 'x'); // large enough that a write is not one syscall
    for (int n = 1;; ++n) {
        draft.text = QStringLiteral(R"({"environment": "typed %1", "padding": "%2"})")
                         .arg(n)
                         .arg(QString::fromLatin1(padding))
                         .toUtf8();
        if (!store.save(draft))
            return 3;
        std::printf("saved %d\n", n);
        std::fflush(stdout);
    }
}

} // namespace

class tst_DraftStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void roundTripsAndListsNewestFirst() {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        ConfigDraft a;
        a.instance = QStringLiteral("http://a:1");
        a.origin = QStringLiteral("live");
        a.baseEtag = "\"e1\"";
        a.base = R"({"environment": "x"})";
        a.text = "{\"environment\": \"half typ";
        QVERIFY(store.save(a));
        QVERIFY(!a.id.isEmpty());
        QTest::qWait(5); // distinct save times; the order is what is asserted
        ConfigDraft b;
        b.text = "{}";
        QVERIFY(store.save(b));
        const QList<ConfigDraft> drafts = store.list();
        QCOMPARE(drafts.size(), 2);
        QCOMPARE(drafts[0].id, b.id);
        QCOMPARE(drafts[1], a);
        QVERIFY(store.remove(a.id));
        QCOMPARE(store.list().size(), 1);
    }

    void junkIsSkipped() {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        QFile junk(dir.path() + "/broken.draft.json");
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{\"id\": \"broken\", \"text\": ");
        junk.close();
        QVERIFY(store.list().isEmpty());
        QVERIFY(!store.load(QStringLiteral("../x")).has_value());
        ConfigDraft bad;
        bad.id = QStringLiteral("../escape");
        QVERIFY(!store.save(bad));
        QVERIFY(store.error().contains(QStringLiteral("not a draft id")));
    }

    void draftSurvivesKillingTheWriter() {
        QTemporaryDir dir;
        test::SpawnedProcess child;
        QString error;
        QVERIFY2(child.start(QCoreApplication::applicationFilePath(), {"--write-drafts", dir.path()}, &error),
                 qPrintable(error));
        // Let it save a few times, then kill it wherever it is (most likely inside a save).
        int saved = 0;
        while (saved < 5) {
            QVERIFY2(child.waitForLine(20000), child.readAllStandardError().constData());
            const QByteArray line = child.takeLine();
            QVERIFY(line.startsWith("saved "));
            saved = line.mid(6).trimmed().toInt();
        }
        child.kill();
        QVERIFY(child.waitForFinished(20000));
        QCOMPARE(child.termSignal(), SIGKILL);

        const QList<ConfigDraft> drafts = DraftStore(dir.path()).list();
        QCOMPARE(drafts.size(), 1);
        const QJsonDocument text = QJsonDocument::fromJson(drafts.front().text);
        QVERIFY(text.isObject()); // a complete save, not a torn one
        const int n = text.object().value("environment").toString().mid(6).toInt();
        QVERIFY2(n >= saved, qPrintable(QString::number(n)));
        QCOMPARE(drafts.front().baseEtag, QByteArray("\"abc\""));
    }
};

int main(int argc, char** argv) {
    if (argc == 3 && QByteArray(argv[1]) == "--write-drafts") {
        QCoreApplication app(argc, argv);
        return writeDraftsForever(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    tst_DraftStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_draftstore.moc"
