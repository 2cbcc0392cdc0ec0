// SPDX-License-Identifier: GPL-3.0-or-later
// The rollout's order: the canary alone, then the rest in list order in batches of the size asked.
#include "control/rolloutbatches.h"

#include <QtTest>

using namespace jimini;

using Batches = QList<QList<int>>;

class tst_RolloutBatches : public QObject {
    Q_OBJECT
private slots:
    void batches_data();
    void batches();
};

void tst_RolloutBatches::batches_data() {
    QTest::addColumn<int>("instances");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<Batches>("expected");
    QTest::newRow("one instance: the canary only") << 1 << 3 << Batches{{0}};
    QTest::newRow("two, batch 1") << 2 << 1 << Batches{{0}, {1}};
    QTest::newRow("five, batch 2: last one smaller") << 5 << 2 << Batches{{0}, {1, 2}, {3, 4}};
    QTest::newRow("six, batch 2") << 6 << 2 << Batches{{0}, {1, 2}, {3, 4}, {5}};
    QTest::newRow("batch larger than the rest") << 4 << 10 << Batches{{0}, {1, 2, 3}};
    QTest::newRow("batch 1 is one at a time") << 4 << 1 << Batches{{0}, {1}, {2}, {3}};
    QTest::newRow("no instances") << 0 << 2 << Batches{};
    QTest::newRow("batch 0 is refused") << 3 << 0 << Batches{};
    QTest::newRow("negative batch is refused") << 3 << -1 << Batches{};
}

void tst_RolloutBatches::batches() {
    QFETCH(int, instances);
    QFETCH(int, batchSize);
    QFETCH(Batches, expected);
    QCOMPARE(rolloutBatches(instances, batchSize), expected);
}

QTEST_GUILESS_MAIN(tst_RolloutBatches)
#include "tst_rolloutbatches.moc"
