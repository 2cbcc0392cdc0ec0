// SPDX-License-Identifier: GPL-3.0-or-later
// The local version history: order, a repeated ETag replacing the newest, the bound, the previous
// version, instances kept apart, an unreadable file read as none.
#include "control/confighistory.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;

class tst_ConfigHistory : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void keepsVersionsPerInstance() {
        QTemporaryDir dir;
        ConfigHistory history(dir.path());
        const QDateTime t = QDateTime::currentDateTimeUtc();
        QVERIFY(history.previous("http://a:1").etag.isEmpty());
        QVERIFY(history.record("http://a:1", {"\"1\"", "one", t}));
        QVERIFY(history.previous("http://a:1").etag.isEmpty());
        QVERIFY(history.record("http://a:1", {"\"2\"", "two", t}));
        QVERIFY(history.record("http://a:1", {"\"2\"", "two again", t}));
        QVERIFY(history.record("http://b:1", {"\"9\"", "nine", t}));
        const QList<ConfigVersion> a = history.versions("http://a:1");
        QCOMPARE(a.size(), 2);
        QCOMPARE(a.back().document, QByteArray("two again"));
        QCOMPARE(history.previous("http://a:1").document, QByteArray("one"));
        QCOMPARE(history.versions("http://b:1").size(), 1);
    }

    void isBounded() {
        QTemporaryDir dir;
        ConfigHistory history(dir.path());
        for (int i = 0; i < ConfigHistory::maxVersions + 5; ++i)
            QVERIFY(history.record("i", {QByteArray::number(i), "d", QDateTime::currentDateTimeUtc()}));
        const QList<ConfigVersion> kept = history.versions("i");
        QCOMPARE(kept.size(), ConfigHistory::maxVersions);
        QCOMPARE(kept.front().etag, QByteArray("5"));
    }

    void unreadableFileIsNoHistory() {
        QTemporaryDir dir;
        ConfigHistory history(dir.path());
        QVERIFY(history.record("i", {"\"1\"", "d", QDateTime::currentDateTimeUtc()}));
        const QStringList files = QDir(dir.path()).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile file(dir.path() + '/' + files.front());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"instance\": ");
        file.close();
        QVERIFY(history.versions("i").isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ConfigHistory)
#include "tst_confighistory.moc"
