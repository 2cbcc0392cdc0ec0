// SPDX-License-Identifier: GPL-3.0-or-later
// Following an audit store for a view: the newest records first, then whatever is appended (also while a
// read runs, also more than a page at a time), each record once and in order; a switch to another file
// drops the old file's answer; a follower that goes away mid-read waits for it instead of crashing.
#include "control/auditfollower.h"
#include "control/auditstore.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace jimini;

namespace {
AuditEntry entry(int n) {
    AuditEntry e;
    e.action = QStringLiteral("breaker.auto");
    e.reason = QString::number(n);
    return e;
}

void fill(AuditStore& store, int from, int to) {
    for (int n = from; n < to; ++n)
        QVERIFY(store.recordIntent(entry(n)) > 0);
}

// Everything the follower hands over, until it has been idle with nothing more to read.
struct Collected {
    explicit Collected(AuditFollower& follower) {
        QObject::connect(&follower, &AuditFollower::recordsRead, &follower,
                         [this](const QList<AuditRecord>& records) {
                             for (const AuditRecord& r : records)
                                 reasons << r.entry.reason.toInt();
                             ++batches;
                         });
        QObject::connect(&follower, &AuditFollower::readFailed, &follower,
                         [this](const QString& error) { errors << error; });
    }
    QList<int> reasons;
    QStringList errors;
    int batches = 0;
};

bool settle(AuditFollower& follower) {
    QSignalSpy idle(&follower, &AuditFollower::idle);
    return !follower.busy() || idle.wait(10000);
}

QList<int> range(int from, int to) {
    QList<int> out;
    for (int n = from; n < to; ++n)
        out << n;
    return out;
}
} // namespace

class tst_AuditFollower : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale::c());
        QVERIFY(m_dir.isValid());
    }

    void newestFirstThenWhatIsAppended() {
        const QString path = m_dir.filePath(QStringLiteral("follow.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        fill(store, 0, 30);
        AuditFollower follower;
        Collected got(follower);
        follower.follow(path, 10);
        QVERIFY(settle(follower));
        QCOMPARE(got.reasons, range(20, 30)); // the newest ten, oldest first; the older are skipped
        // More than a page appended: read page after page until all is there.
        fill(store, 30, 30 + AuditFollower::pageSize + 5);
        follower.poll();
        QVERIFY(settle(follower));
        QCOMPARE(got.reasons, range(20, 30 + AuditFollower::pageSize + 5));
        QVERIFY(got.errors.isEmpty());
        // Nothing new: nothing handed over.
        const int batches = got.batches;
        follower.poll();
        QVERIFY(settle(follower));
        QCOMPARE(got.batches, batches);
    }

    void pollsDuringAReadAreKept() {
        const QString path = m_dir.filePath(QStringLiteral("busy.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        AuditFollower follower;
        Collected got(follower);
        follower.follow(path, AuditFollower::pageSize);
        for (int n = 0; n < 50; ++n) { // appends and polls while reads are in flight
            QVERIFY(store.recordIntent(entry(n)) > 0);
            follower.poll();
        }
        QVERIFY(settle(follower));
        follower.poll(); // a poll after the last append, as the console's timer makes
        QVERIFY(settle(follower));
        QCOMPARE(got.reasons, range(0, 50)); // each once, in order
    }

    void aSwitchDropsTheOldFilesAnswer() {
        const QString oldPath = m_dir.filePath(QStringLiteral("old.sqlite"));
        const QString newPath = m_dir.filePath(QStringLiteral("new.sqlite"));
        AuditStore oldStore;
        AuditStore newStore;
        QVERIFY(oldStore.open(oldPath) && newStore.open(newPath));
        fill(oldStore, 0, 5);
        fill(newStore, 100, 103);
        AuditFollower follower;
        Collected got(follower);
        follower.follow(oldPath);
        follower.follow(newPath); // at once, while the old file is being read
        QVERIFY(settle(follower));
        QCOMPARE(got.reasons, range(100, 103));
        QCOMPARE(follower.path(), newPath);
    }

    void aMissingFileIsReported() {
        AuditFollower follower;
        Collected got(follower);
        follower.follow(m_dir.filePath(QStringLiteral("none.sqlite")));
        QVERIFY(settle(follower));
        QCOMPARE(got.errors.size(), 1);
        QVERIFY(got.errors.front().contains(QStringLiteral("none.sqlite")));
    }

    void goingAwayMidReadWaitsForIt() {
        const QString path = m_dir.filePath(QStringLiteral("away.sqlite"));
        AuditStore store;
        QVERIFY(store.open(path));
        fill(store, 0, 200);
        for (int i = 0; i < 20; ++i) {
            auto follower = std::make_unique<AuditFollower>();
            follower->follow(path);
            follower.reset(); // with its read in flight
        }
        QTest::qWait(50); // any answer that would still arrive, would arrive now (and find nobody)
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_AuditFollower)
#include "tst_auditfollower.moc"
