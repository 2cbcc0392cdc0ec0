// SPDX-License-Identifier: GPL-3.0-or-later
// The probe's tables are given their whole content every frame and tell their views only what changed:
// one ranged dataChanged per changed row, over the run of columns that differ; rows added or removed at
// the end; a reset only when the columns change.
#include "widgets/probe/probetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace jimini;

namespace {

// A grid of rows x columns whose cell (r, c) reads "r.c", then the edits given as (row, column, text).
ProbeGrid grid(int rows, int columns, const QList<std::tuple<int, int, QString>>& edits = {}) {
    ProbeGrid g;
    for (int r = 0; r < rows; ++r) {
        QVector<ProbeCell> row;
        for (int c = 0; c < columns; ++c)
            row << ProbeCell{QStringLiteral("%1.%2").arg(r).arg(c), r * 10 + c, {}};
        g << row;
    }
    for (const auto& [r, c, text] : edits)
        g[r][c].text = text;
    return g;
}

QString ranges(const QSignalSpy& spy) {
    QStringList out;
    for (const QList<QVariant>& signal : spy) {
        const auto from = signal.at(0).value<QModelIndex>();
        const auto to = signal.at(1).value<QModelIndex>();
        out << QStringLiteral("%1:%2-%3:%4")
                   .arg(from.row())
                   .arg(from.column())
                   .arg(to.row())
                   .arg(to.column());
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

class tst_ProbeTableModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void updatesByDiff_data();
    void updatesByDiff();
};

void tst_ProbeTableModel::updatesByDiff_data() {
    QTest::addColumn<ProbeGrid>("next");
    QTest::addColumn<QString>("changed"); // dataChanged ranges, "row:col-row:col", in order
    QTest::addColumn<int>("inserted");
    QTest::addColumn<int>("removed");
    QTest::newRow("nothing changed") << grid(3, 4) << QString() << 0 << 0;
    QTest::newRow("one cell") << grid(3, 4, {{1, 2, QStringLiteral("x")}}) << "1:2-1:2" << 0 << 0;
    QTest::newRow("a run in a row: from its first to its last change")
        << grid(3, 4, {{0, 1, QStringLiteral("x")}, {0, 3, QStringLiteral("y")}}) << "0:1-0:3" << 0 << 0;
    QTest::newRow("two rows: one signal each")
        << grid(3, 4, {{0, 0, QStringLiteral("x")}, {2, 3, QStringLiteral("y")}}) << "0:0-0:0 2:3-2:3" << 0
        << 0;
    QTest::newRow("a row more") << grid(4, 4) << QString() << 1 << 0;
    QTest::newRow("two rows fewer, a change in the kept one")
        << grid(1, 4, {{0, 2, QStringLiteral("x")}}) << "0:2-0:2" << 0 << 2;
    ProbeGrid value = grid(3, 4);
    value[2][1].value = QVariant(); // the same text, no number behind it any more
    QTest::newRow("the number behind a cell") << value << "2:1-2:1" << 0 << 0;
}

void tst_ProbeTableModel::updatesByDiff() {
    QFETCH(ProbeGrid, next);
    QFETCH(QString, changed);
    QFETCH(int, inserted);
    QFETCH(int, removed);
    ProbeTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
    model.setRows(grid(3, 4));
    QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setRows(next);
    QCOMPARE(ranges(data), changed);
    QCOMPARE(inserts.isEmpty() ? 0 : inserts.first().at(2).toInt() - inserts.first().at(1).toInt() + 1,
             inserted);
    QCOMPARE(removes.isEmpty() ? 0 : removes.first().at(2).toInt() - removes.first().at(1).toInt() + 1,
             removed);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.rowCount(), int(next.size()));
    for (int r = 0; r < next.size(); ++r)
        for (int c = 0; c < 4; ++c) {
            QCOMPARE(model.data(model.index(r, c)).toString(), next[r][c].text);
            QCOMPARE(model.data(model.index(r, c), ProbeTableModel::valueRole), next[r][c].value);
        }
    // New columns: the views start over.
    model.setColumns({QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.columnCount(), 2);
}

QTEST_MAIN(tst_ProbeTableModel)
#include "tst_probetablemodel.moc"
