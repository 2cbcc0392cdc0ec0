// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetrows.h"
#include "widgets/breakerlamp.h"
#include "widgets/fleet/fleetmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace jimini;
using jimini::test::fleetRow;

class tst_FleetModel : public QObject {
    Q_OBJECT
private:
    // "a[1,2] b[x]": groups in order, instances in order
    static QString layout(const FleetModel& model) {
        QStringList groups;
        for (int g = 0; g < model.rowCount(); ++g) {
            const QModelIndex group = model.index(g, 0);
            QStringList instances;
            for (int i = 0; i < model.rowCount(group); ++i)
                instances.append(model.index(i, 0, group).data().toString());
            groups.append(
                QStringLiteral("%1[%2]").arg(group.data(FleetRole::Service).toString(), instances.join(',')));
        }
        return groups.join(' ');
    }
    static QVector<InstanceRow> rows(const QStringList& paths) {
        QVector<InstanceRow> out;
        for (const QString& p : paths)
            out.append(fleetRow(p));
        return out;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void structure_data() {
        QTest::addColumn<QStringList>("first");
        QTest::addColumn<QStringList>("second");
        QTest::addColumn<QStringList>("removed");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one batch sorted")
            << QStringList{"b/2", "a/1", "b/1"} << QStringList{} << QStringList{} << "a[1] b[1,2]";
        QTest::newRow("insert into existing group")
            << QStringList{"a/1", "a/3"} << QStringList{"a/2"} << QStringList{} << "a[1,2,3]";
        QTest::newRow("new group in the middle")
            << QStringList{"a/1", "c/1"} << QStringList{"b/1"} << QStringList{} << "a[1] b[1] c[1]";
        QTest::newRow("remove instance keeps group")
            << QStringList{"a/1", "a/2"} << QStringList{} << QStringList{"http://a-1:8080"} << "a[2]";
        QTest::newRow("remove last instance drops group")
            << QStringList{"a/1", "b/1"} << QStringList{} << QStringList{"http://a-1:8080"} << "b[1]";
        QTest::newRow("remove unknown is ignored")
            << QStringList{"a/1"} << QStringList{} << QStringList{"http://zz"} << "a[1]";
        QTest::newRow("repeat is an update")
            << QStringList{"a/1", "a/1"} << QStringList{"a/1"} << QStringList{} << "a[1]";
        QTest::newRow("remove everything") << QStringList{"a/1", "b/1"} << QStringList{}
                                           << QStringList{"http://a-1:8080", "http://b-1:8080"} << "";
    }
    void structure() {
        QFETCH(QStringList, first);
        QFETCH(QStringList, second);
        QFETCH(QStringList, removed);
        QFETCH(QString, expected);
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.applyRows(rows(first));
        model.applyRows(rows(second));
        model.removeRows(removed);
        QCOMPARE(layout(model), expected);
        QCOMPARE(resets.count(), 0);
        int instances = 0;
        for (int g = 0; g < model.rowCount(); ++g)
            instances += model.rowCount(model.index(g, 0));
        QCOMPARE(model.instanceCount(), instances);
    }

    void movedInstanceChangesGroup() {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows({fleetRow("a/1"), fleetRow("a/2")});
        InstanceRow moved = fleetRow("a/1");
        moved.service = "z";
        model.applyRows({moved});
        QCOMPARE(layout(model), QStringLiteral("a[2] z[1]"));
        QCOMPARE(model.indexOf(moved.endpointId).parent().data(FleetRole::Service).toString(),
                 QStringLiteral("z"));
    }

    void groupAggregation_data() {
        QTest::addColumn<QList<QStringList>>("breakers"); // per instance
        QTest::addColumn<QList<int>>("levels");
        QTest::addColumn<QString>("breakerText");
        QTest::addColumn<QString>("healthText");
        QTest::newRow("2 of 5 open") << QList<QStringList>{{"closed", "open"}, {"open", "closed"}, {"closed"}}
                                     << QList<int>{0, 0, 0} << "2 of 5 open"
                                     << "healthy";
        QTest::newRow("isolated counts as open, half-open shown")
            << QList<QStringList>{{"isolated", "half_open"}, {"closed"}} << QList<int>{0, 1}
            << "1 of 3 open, 1 half-open"
            << "degraded";
        QTest::newRow("worst level wins")
            << QList<QStringList>{{"closed"}, {"closed"}, {"closed"}} << QList<int>{0, 2, 1} << "0 of 3 open"
            << "critical";
        QTest::newRow("off stages are not breakers")
            << QList<QStringList>{{""}, {"disabled"}} << QList<int>{1, 0} << "0 of 1 open"
            << "degraded";
    }
    void groupAggregation() {
        QFETCH(QList<QStringList>, breakers);
        QFETCH(QList<int>, levels);
        QFETCH(QString, breakerText);
        QFETCH(QString, healthText);
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVector<InstanceRow> batch;
        for (int i = 0; i < breakers.size(); ++i) {
            InstanceRow row = fleetRow("svc", QString::number(i), HealthLevel(levels[i]), breakers[i]);
            row.errorRate = 0.01 * (i + 1);
            row.requestRate = 10;
            batch.append(row);
        }
        model.applyRows(batch);
        const QModelIndex group = model.index(0, 0);
        QCOMPARE(group.siblingAtColumn(FleetColumn::Breakers).data().toString(), breakerText);
        QCOMPARE(group.siblingAtColumn(FleetColumn::Health).data().toString(), healthText);
        QCOMPARE(group.siblingAtColumn(FleetColumn::ErrorRate).data(FleetRole::Sort).toDouble(),
                 0.01 * breakers.size());
        QCOMPARE(group.siblingAtColumn(FleetColumn::RequestRate).data(FleetRole::Sort).toDouble(),
                 10.0 * breakers.size());
        QCOMPARE(group.data(FleetRole::IsGroup).toBool(), true);
    }

    // A group's figures are those of its instances with current data, and say so: a stale or never
    // reached instance's figures are not "now". Worst wins (and sets the level); overall is weighted by
    // traffic.
    void groupFiguresCoverReportingInstances_data() {
        QTest::addColumn<int>("dropped"); // 0: all report; 1: "c" stale; 2: "c" stale and "d" never reached
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("errorRate");
        QTest::addColumn<double>("requestRate");
        QTest::addColumn<QString>("p95");
        QTest::addColumn<QString>("health");
        QTest::newRow("all reporting") << 0 << "svc (4)"
                                       << "worst 99.0 % \u00b7 overall 96.6 %" << 1037.0 << "worst 2.00 s"
                                       << "critical";
        QTest::newRow("one stale") << 1 << "svc (3 of 4 reporting)"
                                   << "worst 85.6 % \u00b7 overall 30.4 %" << 37.0 << "worst 300 ms"
                                   << "degraded \u00b7 1 stale";
        QTest::newRow("stale and never reached")
            << 2 << "svc (2 of 4 reporting)"
            << "worst 85.6 % \u00b7 overall 30.4 %" << 37.0 << "worst 300 ms"
            << "degraded \u00b7 1 stale \u00b7 1 failing";
    }
    void groupFiguresCoverReportingInstances() {
        QFETCH(int, dropped);
        QFETCH(QString, name);
        QFETCH(QString, errorRate);
        QFETCH(double, requestRate);
        QFETCH(QString, p95);
        QFETCH(QString, health);
        InstanceRow a = fleetRow("svc", "a", HealthLevel::Degraded);
        a.errorRate = 0.856;
        a.requestRate = 10;
        a.p95Seconds = 0.3;
        InstanceRow b = fleetRow("svc", "b", HealthLevel::Healthy);
        b.errorRate = 0.1;
        b.requestRate = 27;
        b.p95Seconds = 0.1;
        InstanceRow c = fleetRow("svc", "c", HealthLevel::Critical);
        c.errorRate = 0.99;
        c.requestRate = 1000;
        c.p95Seconds = 2;
        InstanceRow d = fleetRow("svc", "d", HealthLevel::Healthy); // reporting, but gives no figures
        d.errorRate = 0.0;
        if (dropped >= 1) {
            c.stale = true;
            c.status = SourceStatus::Stale;
        }
        if (dropped >= 2) {
            d = fleetRow("svc", "d");
            d.hasDocument = false;
            d.status = SourceStatus::Refused;
            d.reason = "connection refused";
        }
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows({a, b, c, d});
        const QModelIndex group = model.index(0, 0);
        QCOMPARE(group.data().toString(), name);
        QCOMPARE(group.siblingAtColumn(FleetColumn::ErrorRate).data().toString(), errorRate);
        QCOMPARE(group.siblingAtColumn(FleetColumn::ErrorRate).data(FleetRole::Sort).toDouble(),
                 dropped ? 0.856 : 0.99); // worst wins
        QCOMPARE(group.siblingAtColumn(FleetColumn::RequestRate).data(FleetRole::Sort).toDouble(),
                 requestRate);
        QCOMPARE(group.siblingAtColumn(FleetColumn::P95).data().toString(), p95);
        QCOMPARE(group.siblingAtColumn(FleetColumn::Health).data().toString(), health);
        // Every aggregate says what it covers.
        const QString covers = dropped == 0   ? QStringLiteral("covers 4 instances")
                               : dropped == 1 ? QStringLiteral("covers 3 of 4 reporting")
                                              : QStringLiteral("covers 2 of 4 reporting");
        for (int column : {int(FleetColumn::ErrorRate), int(FleetColumn::RequestRate), int(FleetColumn::P95)})
            QVERIFY2(group.siblingAtColumn(column).data(Qt::ToolTipRole).toString().contains(covers),
                     qPrintable(group.siblingAtColumn(column).data(Qt::ToolTipRole).toString()));
    }

    void neverReachedShowsNoFigures() {
        FleetModel model;
        InstanceRow row = fleetRow("svc", "1");
        row.hasDocument = false;
        row.lastSeen = QDateTime();
        row.status = SourceStatus::Refused;
        row.reason = "connection refused";
        row.documentUrl = "http://127.0.0.1:9/resilience/v1/health";
        model.applyRows({row});
        const auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.indexOf(row.endpointId, column).data(role);
        };
        for (int column :
             {int(FleetColumn::ErrorRate), int(FleetColumn::RequestRate), int(FleetColumn::P95)}) {
            QCOMPARE(cell(column).toString(), QStringLiteral("\u2014"));
            QCOMPARE(cell(column, Qt::ToolTipRole).toString(),
                     QStringLiteral("no document yet: ") + row.reason + "\nAsked: " + row.documentUrl);
        }
        QVERIFY(cell(FleetColumn::ErrorRate, FleetRole::Sparkline).value<QVector<float>>().isEmpty());
        QCOMPARE(cell(FleetColumn::Health).toString(), QStringLiteral("refused \u00b7 never reached"));
        QVERIFY(cell(FleetColumn::Health, Qt::ToolTipRole)
                    .toString()
                    .startsWith(row.reason + "\nAsked: " + row.documentUrl + "\nLast seen: never"));
        // A figure the service does not report is a dash too, and says so.
        InstanceRow guide = fleetRow("svc", "2");
        guide.errorRate = 0.02;
        model.applyRows({guide});
        QCOMPARE(model.indexOf(guide.endpointId, FleetColumn::P95).data().toString(),
                 QStringLiteral("\u2014"));
        QCOMPARE(model.indexOf(guide.endpointId, FleetColumn::P95).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("not reported by this service"));
        QCOMPARE(model.indexOf(guide.endpointId, FleetColumn::ErrorRate).data().toString(),
                 QStringLiteral("2.0 %"));
    }

    void failingRowSaysTheCause_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("cause");
        QTest::addColumn<QString>("causeReason");
        QTest::addColumn<QString>("expected");
        const int ok = int(SourceStatus::Ok);
        const int backoff = int(SourceStatus::Backoff);
        const QString retry = "not reachable after 3 tries (x); next try in 4.0 s";
        QTest::newRow("refused") << int(SourceStatus::Refused) << "connection refused" << ok << ""
                                 << "refused";
        QTest::newRow("timed out") << int(SourceStatus::TimedOut) << "no answer within 2000 ms" << ok << ""
                                   << "timed out";
        QTest::newRow("TLS") << int(SourceStatus::TlsError) << "TLS: certificate expired" << ok << ""
                             << "TLS error";
        QTest::newRow("not HTTP") << int(SourceStatus::Refused)
                                  << "not HTTP: the answer on 127.0.0.1:22 is not an HTTP response (SSH)"
                                  << ok << ""
                                  << "not HTTP";
        QTest::newRow("host not found") << int(SourceStatus::Refused) << "host not found: nowhere" << ok << ""
                                        << "host not found";
        QTest::newRow("HTTP status") << int(SourceStatus::HttpError) << "HTTP 503" << ok << ""
                                     << "HTTP 503";
        QTest::newRow("backing off after refused")
            << backoff << retry << int(SourceStatus::Refused) << "connection refused"
            << "refused, backing off";
        QTest::newRow("backing off after timeout")
            << backoff << retry << int(SourceStatus::TimedOut) << "connection timed out"
            << "timed out, backing off";
        QTest::newRow("backing off after HTTP 502")
            << backoff << retry << int(SourceStatus::HttpError) << "HTTP 502"
            << "HTTP 502, backing off";
        QTest::newRow("backing off after not HTTP")
            << backoff << retry << int(SourceStatus::Refused) << "not HTTP: the answer on x is not HTTP"
            << "not HTTP, backing off";
        QTest::newRow("backing off, cause unknown") << backoff << retry << ok << ""
                                                    << "backing off";
    }
    void failingRowSaysTheCause() {
        QFETCH(int, status);
        QFETCH(QString, reason);
        QFETCH(int, cause);
        QFETCH(QString, causeReason);
        QFETCH(QString, expected);
        FleetModel model;
        InstanceRow row = fleetRow("svc", "1");
        row.hasDocument = false;
        row.lastSeen = QDateTime();
        row.status = SourceStatus(status);
        row.reason = reason;
        row.cause = SourceStatus(cause);
        row.causeReason = causeReason;
        model.applyRows({row});
        const QModelIndex health = model.indexOf(row.endpointId, FleetColumn::Health);
        QCOMPARE(health.data().toString(), expected + QStringLiteral(" \u00b7 never reached"));
        QVERIFY(health.data(Qt::AccessibleTextRole).toString().contains(expected));
        QVERIFY(health.data(Qt::ToolTipRole).toString().startsWith(reason)); // the whole reason stays there
    }

    void unnamedServicesAreGroupedAsUnidentified() {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        InstanceRow first = fleetRow("", "10.0.0.1:8080");
        InstanceRow second = fleetRow("", "10.0.0.2:8080");
        first.hasDocument = second.hasDocument = false;
        first.status = second.status = SourceStatus::Refused;
        model.applyRows({first, fleetRow("zeta", "1"), second, fleetRow("alpha", "1")});
        // After the services that said their name, whatever their names.
        QCOMPARE(layout(model), QStringLiteral("alpha[1] zeta[1] [10.0.0.1:8080,10.0.0.2:8080]"));
        const QModelIndex group = model.groupIndex(QString());
        QCOMPARE(group.data().toString(), QStringLiteral("unidentified (0 of 2 reporting)"));
        QVERIFY(
            group.data(Qt::ToolTipRole).toString().contains(QLatin1String("not said their service name")));
        // The service says its name: the instance joins it, and the group goes once empty.
        first.service = "zeta";
        second.service = "zeta";
        model.applyRows({first, second});
        QCOMPARE(layout(model), QStringLiteral("alpha[1] zeta[1,10.0.0.1:8080,10.0.0.2:8080]"));
    }

    void staleInstancesAreCountedNotHidden() {
        FleetModel model;
        InstanceRow stale = fleetRow("svc", "1", HealthLevel::Critical);
        stale.stale = true;
        stale.status = SourceStatus::Stale;
        model.applyRows({stale, fleetRow("svc", "2", HealthLevel::Degraded)});
        const QModelIndex group = model.index(0, FleetColumn::Health);
        // the stale instance's old "critical" does not count, but it is not hidden either
        QCOMPARE(group.data().toString(), QStringLiteral("degraded \u00b7 1 stale"));
        QCOMPARE(group.data(FleetRole::TroubleCount).toInt(), 1);
    }

    void updatesAreRangedWithRoles() {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVector<InstanceRow> batch;
        for (int i = 0; i < 5; ++i)
            batch.append(fleetRow("svc", QString::number(i), HealthLevel::Healthy, {"closed"}));
        model.applyRows(batch);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVector<InstanceRow> update = {batch[4], batch[1], batch[2]};
        update[0].requestRate = 5; // no group-visible change but the sum
        update[1].policies[0].breakerState = BreakerState::Open;
        update[2].errorRate = 0.5;
        update.append(batch[3]); // unchanged: no signal
        model.applyRows(update);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(changed.count(), 3); // rows 1-2, row 4, the group row
        const QModelIndex group = model.index(0, 0);
        QStringList spans;
        for (const QList<QVariant>& args : changed) {
            const auto from = args[0].toModelIndex();
            const auto to = args[1].toModelIndex();
            QCOMPARE(from.parent(), to.parent());
            QCOMPARE(from.column(), 0);
            QCOMPARE(to.column(), FleetColumn::Count - 1);
            QCOMPARE(args[2].value<QList<int>>(), FleetModel::updateRoles());
            spans.append(QStringLiteral("%1%2-%3")
                             .arg(from.parent() == group ? "i" : "g")
                             .arg(from.row())
                             .arg(to.row()));
        }
        spans.sort();
        QCOMPARE(spans, (QStringList{"g0-0", "i1-2", "i4-4"}));
        QCOMPARE(model.index(0, FleetColumn::Breakers).data().toString(), QStringLiteral("1 of 5 open"));
        changed.clear();
        model.applyRows(update);
        QCOMPARE(changed.count(), 0);
    }

    void staleRowShowsLastSeenAndReason() {
        FleetModel model;
        InstanceRow row = fleetRow("svc", "1");
        model.applyRows({row});
        row.stale = true;
        row.status = SourceStatus::Stale;
        row.reason = "no document for 3 intervals: connection refused";
        row.documentUrl = "http://gw.example/pay/health"; // a document URL: asked as it is
        model.applyRows({row});
        const QModelIndex health = model.indexOf(row.endpointId, FleetColumn::Health);
        const QString seen = row.lastSeen.toLocalTime().toString("HH:mm:ss");
        QCOMPARE(health.data().toString(), QStringLiteral("stale \u00b7 last seen ") + seen);
        QVERIFY(health.data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(row.reason + "\nAsked: http://gw.example/pay/health\nLast seen: "));
        QCOMPARE(health.data(FleetRole::State).toInt(), int(FleetState::Stale));
        QVERIFY(health.data(Qt::ForegroundRole).canConvert<QColor>());
        QVERIFY(!model.indexOf(fleetRow("svc", "1").endpointId, FleetColumn::Health)
                     .data(FleetRole::Level)
                     .isNull());
    }

    void failingRowNamesItsStatus() {
        FleetModel model;
        InstanceRow row = fleetRow("svc", "1");
        row.status = SourceStatus::Malformed;
        row.reason = "policies[0].circuit_breaker.state: expected one of closed, open, got \"ajar\"";
        model.applyRows({row});
        const QModelIndex health = model.indexOf(row.endpointId, FleetColumn::Health);
        QVERIFY(health.data().toString().startsWith("malformed \u00b7 last seen "));
        QVERIFY(health.data(Qt::ToolTipRole).toString().startsWith(row.reason));
    }

    // Whatever a source called the state, the lamp is the state's: a resilience4j FORCED_OPEN is isolated.
    void lampOfEveryState_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("lamp");
        QTest::addColumn<QString>("label");
        QTest::newRow("closed") << "closed" << int(BreakerLamp::Closed) << "closed";
        QTest::newRow("open") << "open" << int(BreakerLamp::Open) << "open";
        QTest::newRow("half_open") << "half_open" << int(BreakerLamp::HalfOpen) << "half-open";
        QTest::newRow("isolated") << "isolated" << int(BreakerLamp::Isolated) << "isolated";
        QTest::newRow("disabled") << "disabled" << int(BreakerLamp::Disabled) << "disabled";
        QTest::newRow("FORCED_OPEN") << "FORCED_OPEN" << int(BreakerLamp::Isolated) << "isolated";
        QTest::newRow("METRICS_ONLY") << "METRICS_ONLY" << int(BreakerLamp::Disabled) << "disabled";
        QTest::newRow("HALF_OPEN") << "HALF_OPEN" << int(BreakerLamp::HalfOpen) << "half-open";
        QTest::newRow("no breaker") << "" << int(BreakerLamp::Off) << "off";
    }
    void lampOfEveryState() {
        QFETCH(QString, state);
        QFETCH(int, lamp);
        QFETCH(QString, label);
        FleetModel model;
        const InstanceRow row = fleetRow("svc", "1", HealthLevel::Healthy, {state});
        model.applyRows({row});
        const QModelIndex cell = model.indexOf(row.endpointId, FleetColumn::Breakers);
        const auto lamps = cell.data(FleetRole::Lamps).value<BreakerLampList>();
        QCOMPARE(lamps.size(), 1);
        QCOMPARE(int(lamps[0].lamp), lamp);
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), QStringLiteral("p0: ") + label);
    }

    // A manual state's tooltip says who set it, until when (and what is left, on the model's wall clock)
    // and why, as far as the document says; what it does not say is left out, never filled in.
    void manualStateTooltip_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("manual");
        QTest::addColumn<qint64>("untilSeconds"); // from now; -1: no manual_until
        QTest::addColumn<QString>("actor");       // "-": absent
        QTest::addColumn<QString>("reason");      // "-": absent
        QTest::addColumn<QString>("tooltip");
        QTest::newRow("everything said")
            << "isolated" << true << qint64(750) << "alice (bearer:3f9a)"
            << "deploy of payments v2"
            << QString::fromUtf8("p0: Isolated by alice (bearer:3f9a) — until 21:45 (12 min left) — reason: "
                                 "deploy of payments v2");
        QTest::newRow("nothing said, no ttl") << "disabled" << true << qint64(-1) << "-"
                                              << "-" << QString::fromUtf8("p0: Disabled — until changed");
        QTest::newRow("reason without actor, seconds left")
            << "isolated" << true << qint64(45) << "-"
            << "drill" << QString::fromUtf8("p0: Isolated — until 21:33 (45 s left) — reason: drill");
        QTest::newRow("actor without reason, hours left")
            << "disabled" << true << qint64(3900) << "bearer:3f9a"
            << "-" << QString::fromUtf8("p0: Disabled by bearer:3f9a — until 22:38 (1 h 5 min left)");
        QTest::newRow("ran out, not yet polled")
            << "isolated" << true << qint64(-5) << "bob"
            << "x" << QString::fromUtf8("p0: Isolated by bob — until 21:32 (ends now) — reason: x");
        QTest::newRow("another day") << "isolated" << true << qint64(86400) << "-"
                                     << "-"
                                     << QString::fromUtf8(
                                            "p0: Isolated — until 2026-12-01 21:33 (24 h 0 min left)");
        QTest::newRow("empty texts are not shown") << "isolated" << true << qint64(-1) << ""
                                                   << "" << QString::fromUtf8("p0: Isolated — until changed");
        QTest::newRow("automatic: no manual words") << "closed" << false << qint64(-1) << "alice"
                                                    << "old" << QStringLiteral("p0: closed");
    }
    void manualStateTooltip() {
        QFETCH(QString, state);
        QFETCH(bool, manual);
        QFETCH(qint64, untilSeconds);
        QFETCH(QString, actor);
        QFETCH(QString, reason);
        QFETCH(QString, tooltip);
        const QDateTime now(QDate(2026, 11, 30), QTime(21, 33, 0), Qt::LocalTime);
        FleetModel model;
        model.setWallClock([now] { return now.toUTC(); });
        InstanceRow row = fleetRow("svc", "1", HealthLevel::Healthy, {state});
        PolicyRow& p = row.policies[0];
        p.breakerManual = manual;
        if (untilSeconds != -1)
            p.breakerManualUntil = now.addSecs(untilSeconds).toUTC();
        if (actor != QLatin1String("-"))
            p.breakerManualActor = actor;
        if (reason != QLatin1String("-"))
            p.breakerManualReason = reason;
        model.applyRows({row});
        QCOMPARE(model.indexOf(row.endpointId, FleetColumn::Breakers).data(Qt::ToolTipRole).toString(),
                 tooltip);
    }

    void rawValuesAndLamps() {
        FleetModel model;
        InstanceRow row = fleetRow("svc", "1", HealthLevel::Healthy, {"closed", "half_open", "isolated"});
        row.errorRate = 0.125;
        row.p95Seconds = 0.25;
        row.policies[0].hasRateLimiter = true;
        row.policies[0].tokensAvailable = 42;
        row.policies[0].tokenLimit = 100;
        row.policies[1].hasBulkhead = true;
        row.policies[1].bulkheadActive = 3;
        row.policies[1].bulkheadQueued = 2;
        row.policies[1].bulkheadCapacity = 10;
        model.applyRows({row});
        auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.indexOf(row.endpointId, column).data(role);
        };
        QCOMPARE(cell(FleetColumn::ErrorRate).toString(), QStringLiteral("12.5 %"));
        QCOMPARE(cell(FleetColumn::ErrorRate, FleetRole::Sort).toDouble(), 0.125);
        QCOMPARE(cell(FleetColumn::P95).toString(), QStringLiteral("250 ms"));
        QCOMPARE(cell(FleetColumn::Tokens).toString(), QStringLiteral("42 of 100"));
        QCOMPARE(cell(FleetColumn::Bulkhead).toString(), QStringLiteral("3+2 of 10"));
        QCOMPARE(cell(FleetColumn::Bulkhead, FleetRole::Sort).toDouble(), 0.5);
        const auto lamps = cell(FleetColumn::Breakers, FleetRole::Lamps).value<BreakerLampList>();
        QCOMPARE(lamps.size(), 3);
        QCOMPARE(lamps[1].lamp, BreakerLamp::HalfOpen);
        QCOMPARE(lamps[2].lamp, BreakerLamp::Isolated);
        QCOMPARE(cell(FleetColumn::Breakers, Qt::ToolTipRole).toString(),
                 QStringLiteral("p0: closed\np1: half-open\np2: isolated"));
        QCOMPARE(cell(FleetColumn::Breakers, Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Breakers: p0: closed, p1: half-open, p2: isolated"));
    }

    // The error cell's tooltip says what the failed calls were and what span they cover (a window, part
    // of it in a service's first minute, or a guide document's lifetime totals); a kind the source does
    // not report is named as such, never shown as 0.
    void errorTooltipBreaksTheFailuresDown_data() {
        QTest::addColumn<bool>("breakdown");
        QTest::addColumn<std::optional<double>>("span");
        QTest::addColumn<QString>("tooltip");
        QTest::newRow("every kind")
            << true << std::optional<double>(60)
            << QStringLiteral("74.0 % failed over the last 60 s: 1531 calls\ndownstream 80\ntimeout 35\n"
                              "rate limited 1416\nbulkhead full 0\nbreaker open 0\ncancelled 0");
        QTest::newRow("first seconds of a window")
            << true << std::optional<double>(11.2)
            << QStringLiteral("74.0 % failed over the last 12 s: 1531 calls\ndownstream 80\ntimeout 35\n"
                              "rate limited 1416\nbulkhead full 0\nbreaker open 0\ncancelled 0");
        QTest::newRow("the guide's two")
            << false << std::optional<double>()
            << QStringLiteral("74.0 % failed since the service started (lifetime totals): 1531 calls\n"
                              "timeout 35\nrate limited 1416 (not reported: "
                              "downstream, bulkhead full, breaker open, cancelled)");
    }
    void errorTooltipBreaksTheFailuresDown() {
        QFETCH(bool, breakdown);
        QFETCH(std::optional<double>, span);
        QFETCH(QString, tooltip);
        FleetModel model;
        InstanceRow row = fleetRow("svc", "1", HealthLevel::Critical);
        row.errorRate = 0.74;
        row.metricsSpanSeconds = span;
        HealthMetrics m;
        m.failedOperations = 1531;
        m.timeouts = 35;
        m.rateLimitHits = 1416;
        if (breakdown)
            m.failures = FailureBreakdown{80, 35, 1416, 0, 0, 0};
        row.failures = FailureParts::of(m);
        model.applyRows({row});
        const QModelIndex error = model.indexOf(row.endpointId, FleetColumn::ErrorRate);
        QCOMPARE(error.data(Qt::ToolTipRole).toString(), tooltip);
        QCOMPARE(error.data().toString(), QStringLiteral("74.0 %"));
    }

    void environmentsAreTracked() {
        FleetModel model;
        QSignalSpy spy(&model, &FleetModel::environmentsChanged);
        model.applyRows({jimini::test::fleetRow("a", "1", HealthLevel::Healthy, {}, "prod"),
                         jimini::test::fleetRow("a", "2", HealthLevel::Healthy, {}, "staging")});
        QCOMPARE(model.environments(), (QStringList{"prod", "staging"}));
        QCOMPARE(spy.count(), 1);
        model.removeRows(QStringList{"http://a-2:8080"});
        QCOMPARE(model.environments(), QStringList{"prod"});
        QCOMPARE(spy.count(), 2);
    }
};

QTEST_MAIN(tst_FleetModel)
#include "tst_fleetmodel.moc"
