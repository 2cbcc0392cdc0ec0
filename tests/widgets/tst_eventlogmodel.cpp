// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/eventlog/eventlogfilter.h"
#include "widgets/eventlog/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace jimini;

namespace {

FleetEvent makeEvent(int n, const QString& service = QStringLiteral("svc"),
                     const QString& type = QStringLiteral("transition")) {
    FleetEvent e;
    e.endpointId = QStringLiteral("http://%1:80").arg(service);
    e.service = service;
    e.instance = QStringLiteral("i%1").arg(n);
    e.time = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC).addSecs(n);
    e.type = fleetEventTypeFromName(type).value();
    e.policy = QStringLiteral("payments");
    e.from = BreakerState::Closed;
    e.to = BreakerState::Open;
    e.reason = QStringLiteral("failure rate 60% over 50%");
    return e;
}

QVector<FleetEvent> events(int from, int to) {
    QVector<FleetEvent> out;
    for (int n = from; n < to; ++n)
        out.append(makeEvent(n));
    return out;
}

} // namespace

class tst_EventLogModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void bounded_data() {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<QList<int>>("batches");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("oldest");
        QTest::addColumn<int>("removals");
        QTest::newRow("under capacity") << 10 << QList<int>{3, 4} << 7 << "i0" << 0;
        QTest::newRow("exactly full") << 10 << QList<int>{5, 5} << 10 << "i0" << 0;
        QTest::newRow("drops oldest") << 10 << QList<int>{8, 5} << 10 << "i3" << 1;
        QTest::newRow("batch larger than log") << 10 << QList<int>{4, 25} << 10 << "i19" << 1;
        QTest::newRow("default 10,000") << 10000 << QList<int>{6000, 6000} << 10000 << "i2000" << 1;
    }
    void bounded() {
        QFETCH(int, capacity);
        QFETCH(QList<int>, batches);
        QFETCH(int, rows);
        QFETCH(QString, oldest);
        QFETCH(int, removals);
        EventLogModel model;
        QCOMPARE(model.capacity(), 10000);
        model.setCapacity(capacity);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        int n = 0;
        for (int size : batches) {
            model.append(events(n, n + size));
            n += size;
        }
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(model.event(0).instance, oldest);
        QCOMPARE(model.event(rows - 1).instance, QStringLiteral("i%1").arg(n - 1));
        QCOMPARE(removed.count(), removals);
        QCOMPARE(resets.count(), 0);
    }

    void lowerCapacityDrops() {
        EventLogModel model;
        model.append(events(0, 10));
        model.setCapacity(4);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.event(0).instance, QStringLiteral("i6"));
    }

    void cells() {
        EventLogModel model;
        FleetEvent e = makeEvent(1);
        e.actor = "ops";
        model.append({e});
        QCOMPARE(model.index(0, EventLogModel::ChangeColumn).data().toString(),
                 QStringLiteral("closed \u2192 open"));
        QCOMPARE(model.index(0, EventLogModel::DetailColumn).data().toString(),
                 QStringLiteral("failure rate 60% over 50%; by ops"));
        QCOMPARE(model.index(0, EventLogModel::TimeColumn).data(EventLogModel::SortRole).toLongLong(),
                 e.time.toMSecsSinceEpoch());
    }

    // The Change column by type: breaker states by name, config versions, the numbers around a gap.
    void changeByType_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("change");
        QTest::newRow("transition") << "transition" << QStringLiteral("closed \u2192 open");
        QTest::newRow("control") << "control" << QStringLiteral("closed \u2192 open");
        QTest::newRow("config") << "config" << QStringLiteral("9f2c \u2192 a0b1");
        QTest::newRow("gap") << "gap" << QStringLiteral("12 \u2192 40");
        QTest::newRow("fault") << "fault" << QString();
        QTest::newRow("connection") << "connection" << QString();
    }
    void changeByType() {
        QFETCH(QString, type);
        QFETCH(QString, change);
        EventLogModel model;
        FleetEvent e = makeEvent(1, QStringLiteral("svc"), type);
        e.versionBefore = QStringLiteral("9f2c");
        e.versionAfter = QStringLiteral("a0b1");
        e.gapFrom = 12;
        e.gapTo = 40;
        model.append({e});
        QCOMPARE(model.index(0, EventLogModel::ChangeColumn).data().toString(), change);
        QCOMPARE(model.index(0, EventLogModel::TypeColumn).data().toString(), type);
        QCOMPARE(model.index(0, EventLogModel::TypeColumn).data(EventLogModel::TypeRole).toString(), type);
    }

    // A service that keeps no record: its transitions are inferred, and say so wherever they show.
    void inferredTransitionsSaySo_data() {
        QTest::addColumn<bool>("inferred");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<bool>("explained"); // the type's tooltip says what inferred means
        QTest::newRow("recorded") << false << "transition"
                                  << "trials_succeeded; by system; for 300 s" << false;
        QTest::newRow("inferred") << true << "transition (inferred)"
                                  << "between two polls" << true;
    }
    void inferredTransitionsSaySo() {
        QFETCH(bool, inferred);
        QFETCH(QString, type);
        QFETCH(QString, detail);
        QFETCH(bool, explained);
        EventLogModel model;
        FleetEvent e = makeEvent(1);
        e.inferred = inferred;
        if (inferred) {
            e.reason.clear();
            e.note = QStringLiteral("between two polls");
        } else {
            e.reason = QStringLiteral("trials_succeeded");
            e.actor = QStringLiteral("system");
            e.ttlSeconds = 300;
        }
        model.append({e});
        QCOMPARE(model.index(0, EventLogModel::TypeColumn).data().toString(), type);
        QCOMPARE(model.index(0, EventLogModel::DetailColumn).data().toString(), detail);
        QCOMPARE(model.index(0, EventLogModel::TypeColumn).data(EventLogModel::InferredRole).toBool(),
                 inferred);
        QCOMPARE(model.index(0, EventLogModel::TypeColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .startsWith("Inferred from two polls: the service keeps no event record."),
                 explained);
    }

    void filter_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("all") << ""
                             << ""
                             << "" << QStringList{"i0", "i1", "i2", "i3", "i4"};
        QTest::newRow("type") << ""
                              << "control"
                              << "" << QStringList{"i1", "i3"};
        QTest::newRow("service") << ""
                                 << ""
                                 << "ledger" << QStringList{"i2", "i3"};
        QTest::newRow("type and service") << ""
                                          << "control"
                                          << "ledger" << QStringList{"i3"};
        QTest::newRow("text in instance") << "I2"
                                          << ""
                                          << "" << QStringList{"i2"};
        QTest::newRow("text in URL") << "http://orders"
                                     << ""
                                     << "" << QStringList{"i0", "i1"};
        QTest::newRow("text nowhere") << "nothing"
                                      << ""
                                      << "" << QStringList{};
        QTest::newRow("transitions, recorded and inferred") << ""
                                                            << "transition"
                                                            << "" << QStringList{"i0", "i4"};
        QTest::newRow("inferred only") << ""
                                       << "inferred"
                                       << "" << QStringList{"i4"};
        QTest::newRow("text: inferred") << "INFERRED"
                                        << ""
                                        << "" << QStringList{"i4"};
    }
    void filter() {
        QFETCH(QString, text);
        QFETCH(QString, type);
        QFETCH(QString, service);
        QFETCH(QStringList, expected);
        EventLogModel model;
        EventLogFilter proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FleetEvent inferred = makeEvent(4, "shop", "transition");
        inferred.inferred = true;
        model.append({makeEvent(0, "orders", "transition"), makeEvent(1, "orders", "control"),
                      makeEvent(2, "ledger", "fault"), makeEvent(3, "ledger", "control"), inferred});
        QCOMPARE(model.services(), (QStringList{"ledger", "orders", "shop"}));
        proxy.setFilterText(text);
        proxy.setTypeFilter(type);
        proxy.setServiceFilter(service);
        QStringList rows;
        for (int r = 0; r < proxy.rowCount(); ++r)
            rows.append(proxy.index(r, EventLogModel::InstanceColumn).data().toString());
        QCOMPARE(rows, expected);
    }
};

QTEST_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
