// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetrows.h"
#include "widgets/alerts/alertsmodel.h"
#include "widgets/alerts/alertspanel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace jimini;
using jimini::test::fleetRow;

namespace {

HealthAlert alert(const QString& metric, AlertLevel level, double value) {
    HealthAlert a;
    a.metric = metric;
    a.level = level;
    a.value = value;
    a.message = QStringLiteral("High %1: %2").arg(metric).arg(value);
    if (metric != "circuit_breaker_opens")
        a.threshold = 0.1;
    return a;
}

InstanceRow withAlerts(const QString& instance, std::vector<HealthAlert> alerts) {
    InstanceRow row = fleetRow("svc", instance);
    row.alerts = std::move(alerts);
    return row;
}

} // namespace

class tst_AlertsModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void sequence_data() {
        // Each step: per instance "1", the alerts present as "metric:level" (w/c); the expected model
        // rows as "metric:state:new" in insertion order and how many newAlert signals so far.
        QTest::addColumn<QList<QStringList>>("steps");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("notified");
        QTest::newRow("standing alert is not repeated")
            << QList<QStringList>{{"error_rate:w"}, {"error_rate:w"}, {"error_rate:w"}}
            << QStringList{"error_rate:active:new"} << 1;
        QTest::newRow("two metrics") << QList<QStringList>{{"error_rate:w", "circuit_breaker_opens:w"}}
                                     << QStringList{"error_rate:active:new",
                                                    "circuit_breaker_opens:active:new"}
                                     << 2;
        QTest::newRow("resolved when gone")
            << QList<QStringList>{{"error_rate:w"}, {}} << QStringList{"error_rate:resolved:new"} << 1;
        QTest::newRow("comes back as a new alert")
            << QList<QStringList>{{"error_rate:w"}, {}, {"error_rate:w"}}
            << QStringList{"error_rate:resolved:new", "error_rate:active:new"} << 2;
        QTest::newRow("escalation is news") << QList<QStringList>{{"error_rate:w"}, {"error_rate:c"}}
                                            << QStringList{"error_rate:active:new"} << 2;
        QTest::newRow("de-escalation is not") << QList<QStringList>{{"error_rate:c"}, {"error_rate:w"}}
                                              << QStringList{"error_rate:active:new"} << 1;
    }
    void sequence() {
        QFETCH(QList<QStringList>, steps);
        QFETCH(QStringList, expected);
        QFETCH(int, notified);
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy spy(&model, &AlertsModel::newAlert);
        double value = 0.11;
        for (const QStringList& step : steps) {
            std::vector<HealthAlert> alerts;
            for (const QString& a : step) {
                const QStringList parts = a.split(':');
                alerts.push_back(
                    alert(parts[0], parts[1] == "c" ? AlertLevel::Critical : AlertLevel::Warning, value));
            }
            value += 0.01; // the message changes every time, as the guide's does
            model.applyRows({withAlerts("1", alerts)}, QDateTime::currentDateTimeUtc());
        }
        QStringList rows;
        for (int r = 0; r < model.rowCount(); ++r) {
            const AlertEntry& e = model.entry(r);
            rows.append(
                QStringLiteral("%1:%2:%3")
                    .arg(e.alert.metric, e.active ? "active" : "resolved", e.acknowledged ? "ack" : "new"));
        }
        QCOMPARE(rows, expected);
        QCOMPARE(spy.count(), notified);
    }

    // Steps for instance "1": the first word is its state (ok: a current document carrying the alerts
    // after it; failing: the last read failed, not yet stale; stale; never: never reached), then its
    // alerts. Expected: "metric:state" per model row, state active / unknown / resolved.
    void reachability_data() {
        QTest::addColumn<QList<QStringList>>("steps");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("notified");
        QTest::newRow("stale: its alerts are unknown, and it is unreachable")
            << QList<QStringList>{{"ok", "error_rate:w"}, {"stale", "error_rate:w"}}
            << QStringList{"error_rate:unknown", "up:active"} << 2;
        QTest::newRow("one failed read is not yet unreachable")
            << QList<QStringList>{{"ok", "error_rate:w"}, {"failing", "error_rate:w"}}
            << QStringList{"error_rate:active"} << 1;
        QTest::newRow("back with the alert: active again, up resolved")
            << QList<QStringList>{{"ok", "error_rate:w"}, {"stale", "error_rate:w"}, {"ok", "error_rate:w"}}
            << QStringList{"error_rate:active", "up:resolved"} << 2;
        QTest::newRow("back without it: resolved")
            << QList<QStringList>{{"ok", "error_rate:w"}, {"stale", "error_rate:w"}, {"ok"}}
            << QStringList{"error_rate:resolved", "up:resolved"} << 2;
        QTest::newRow("never reached: unreachable, no figures, no other alert")
            << QList<QStringList>{{"never"}} << QStringList{"up:active"} << 1;
        QTest::newRow("an unreachable instance is notified once")
            << QList<QStringList>{{"never"}, {"never"}, {"never"}} << QStringList{"up:active"} << 1;
        QTest::newRow("a stale document's alerts are not raised")
            << QList<QStringList>{{"stale", "error_rate:c"}} << QStringList{"up:active"} << 1;
    }
    void reachability() {
        QFETCH(QList<QStringList>, steps);
        QFETCH(QStringList, expected);
        QFETCH(int, notified);
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy spy(&model, &AlertsModel::newAlert);
        for (QStringList step : steps) {
            const QString state = step.takeFirst();
            std::vector<HealthAlert> alerts;
            for (const QString& a : step) {
                const QStringList parts = a.split(':');
                alerts.push_back(
                    alert(parts[0], parts[1] == "c" ? AlertLevel::Critical : AlertLevel::Warning, 0.2));
            }
            InstanceRow row = withAlerts("1", alerts);
            if (state != "ok") {
                row.status = SourceStatus::Refused;
                row.reason = "connection refused";
                row.stale = state == "stale";
                row.hasDocument = state != "never";
            }
            model.applyRows({row}, QDateTime::currentDateTimeUtc());
        }
        QStringList rows;
        for (int r = 0; r < model.rowCount(); ++r) {
            const AlertEntry& e = model.entry(r);
            const QString shown = model.index(r, AlertsModel::StateColumn).data().toString();
            rows.append(QStringLiteral("%1:%2").arg(e.alert.metric, shown.section(' ', 0, 0)));
            QCOMPARE(model.index(r, 0).data(AlertsModel::UnknownRole).toBool(), e.unknown);
            QCOMPARE(model.index(r, 0).data(AlertsModel::ActiveRole).toBool(), e.active && !e.unknown);
        }
        QCOMPARE(rows, expected);
        QCOMPARE(spy.count(), notified);
        int unknown = 0;
        int active = 0;
        for (const QString& r : expected) {
            unknown += r.endsWith(":unknown") ? 1 : 0;
            active += r.endsWith(":active") ? 1 : 0;
        }
        QCOMPARE(model.unknownCount(), unknown);
        QCOMPARE(model.activeCount(), active);
    }

    void unreachableAlertSaysWhy() {
        AlertsModel model;
        InstanceRow row = fleetRow("svc", "1");
        row.status = SourceStatus::Refused;
        row.reason = "connection refused";
        row.hasDocument = false;
        model.applyRows({row}, QDateTime::currentDateTimeUtc());
        QCOMPARE(model.rowCount(), 1);
        const AlertEntry& e = model.entry(0);
        QCOMPARE(e.alert.metric, QStringLiteral("up"));
        QCOMPARE(int(e.alert.level), int(AlertLevel::Critical));
        QCOMPARE(e.alert.value, 0.0);
        QVERIFY(!e.alert.threshold);
        QCOMPARE(e.alert.message, QStringLiteral("Never reached: connection refused"));
    }

    void highlightedUntilAcknowledged() {
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &AlertsModel::unacknowledgedCountChanged);
        model.applyRows({withAlerts("1", {alert("error_rate", AlertLevel::Warning, 0.13)}),
                         withAlerts("2", {alert("response_time", AlertLevel::Warning, 6.2)})},
                        QDateTime::currentDateTimeUtc());
        QCOMPARE(model.unacknowledgedCount(), 2);
        QCOMPARE(count.count(), 1);
        const QModelIndex first = model.index(0, AlertsModel::MessageColumn);
        QVERIFY(first.data(Qt::BackgroundRole).canConvert<QColor>());
        QCOMPARE(first.data(AlertsModel::IsNewRole).toBool(), true);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.acknowledge(0);
        QCOMPARE(changed.count(), 1);
        QVERIFY(changed[0][2].value<QList<int>>().contains(Qt::BackgroundRole));
        QVERIFY(!first.data(Qt::BackgroundRole).isValid());
        QCOMPARE(first.data(AlertsModel::IsNewRole).toBool(), false);
        QCOMPARE(model.unacknowledgedCount(), 1);
        // still there next tick: stays acknowledged
        model.applyRows({withAlerts("1", {alert("error_rate", AlertLevel::Warning, 0.14)})},
                        QDateTime::currentDateTimeUtc());
        QCOMPARE(first.data(AlertsModel::IsNewRole).toBool(), false);
        QCOMPARE(model.rowCount(), 2);
        model.acknowledgeAll();
        QCOMPARE(model.unacknowledgedCount(), 0);
    }

    void acknowledgedSaysByWhomAndWhen() {
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QDateTime at(QDate(2026, 11, 30), QTime(14, 2, 11), Qt::LocalTime);
        model.setAcknowledger([] { return QStringLiteral("alice"); }, [&at] { return at.toUTC(); });
        const QDateTime now = at.toUTC().addSecs(-60);
        model.applyRows({withAlerts("1", {alert("error_rate", AlertLevel::Warning, 0.13)}),
                         withAlerts("2", {alert("response_time", AlertLevel::Warning, 6.2)})},
                        now);
        const QModelIndex state = model.index(0, AlertsModel::StateColumn);
        QCOMPARE(state.data().toString(), QStringLiteral("active"));
        model.acknowledge(0);
        QCOMPARE(state.data().toString(), QStringLiteral("active, acknowledged by alice at 14:02:11"));
        QCOMPARE(model.entry(0).acknowledgedBy, QStringLiteral("alice"));
        QVERIFY(
            state.data(Qt::AccessibleTextRole).toString().contains(QLatin1String("acknowledged by alice")));
        // Resolved, it still says who acknowledged it.
        model.applyRows({withAlerts("1", {})}, now.addSecs(1));
        QCOMPARE(state.data().toString(), QStringLiteral("resolved, acknowledged by alice at 14:02:11"));
        // Escalated: new again, nobody has acknowledged the critical one.
        model.applyRows({withAlerts("2", {alert("response_time", AlertLevel::Critical, 9.0)})},
                        now.addSecs(2));
        model.acknowledge(1);
        model.applyRows({withAlerts("2", {alert("response_time", AlertLevel::Warning, 6.0)})},
                        now.addSecs(3));
        model.applyRows({withAlerts("2", {alert("response_time", AlertLevel::Critical, 9.5)})},
                        now.addSecs(4));
        QCOMPARE(model.index(1, AlertsModel::StateColumn).data().toString(), QStringLiteral("active"));
        QVERIFY(model.entry(1).acknowledgedBy.isEmpty());
    }

    void removedInstancesAndClearResolved() {
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows({withAlerts("1", {alert("error_rate", AlertLevel::Warning, 0.13)}),
                         withAlerts("2", {alert("error_rate", AlertLevel::Warning, 0.13)}),
                         withAlerts("3", {alert("error_rate", AlertLevel::Warning, 0.13)})},
                        QDateTime::currentDateTimeUtc());
        model.removeRows(QStringList{fleetRow("svc", "2").endpointId});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.entry(1).instance, QStringLiteral("3"));
        QCOMPARE(model.unacknowledgedCount(), 2);
        model.applyRows({withAlerts("1", {})}, QDateTime::currentDateTimeUtc());
        QCOMPARE(model.activeCount(), 1);
        model.clearResolved();
        QCOMPARE(model.rowCount(), 1);
        // the remaining active entry is still found (no duplicate on the next tick)
        model.applyRows({withAlerts("3", {alert("error_rate", AlertLevel::Warning, 0.15)})},
                        QDateTime::currentDateTimeUtc());
        QCOMPARE(model.rowCount(), 1);
    }

    void resolvedAreBounded() {
        AlertsModel model;
        model.setMaxResolved(3);
        for (int i = 0; i < 6; ++i) {
            model.applyRows({withAlerts("1", {alert("error_rate", AlertLevel::Warning, 0.13)})},
                            QDateTime::currentDateTimeUtc());
            model.applyRows({withAlerts("1", {})}, QDateTime::currentDateTimeUtc());
        }
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.activeCount(), 0);
    }

    void panelForwardsNewAlerts() {
        AlertsModel model;
        AlertsPanel panel(&model);
        QSignalSpy spy(&panel, &AlertsPanel::newAlert);
        model.applyRows({withAlerts("1", {alert("error_rate", AlertLevel::Critical, 0.3)})},
                        QDateTime::currentDateTimeUtc());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toString(), QStringLiteral("Critical: svc / 1"));
        QCOMPARE(spy[0][1].toString(), QStringLiteral("High error_rate: 0.3"));
        QCOMPARE(panel.treeView()->model()->rowCount(), 1);
    }
};

QTEST_MAIN(tst_AlertsModel)
#include "tst_alertsmodel.moc"
