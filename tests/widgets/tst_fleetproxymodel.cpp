// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetrows.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/fleet/fleetproxymodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace jimini;
using jimini::test::fleetRow;
using SF = FleetProxyModel::StateFilter;

class tst_FleetProxyModel : public QObject {
    Q_OBJECT
private:
    static QString layout(const QAbstractItemModel& model) {
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
    static void fill(FleetModel& model) {
        InstanceRow stale = fleetRow("orders", "o2", HealthLevel::Healthy, {"closed"}, "staging");
        stale.stale = true;
        stale.status = SourceStatus::Stale;
        InstanceRow refused = fleetRow("ledger", "l2", HealthLevel::Healthy, {}, "prod");
        refused.status = SourceStatus::Refused;
        model.applyRows({fleetRow("orders", "o1", HealthLevel::Healthy, {"closed"}, "prod"), stale,
                         fleetRow("payments", "p1", HealthLevel::Critical, {"open"}, "prod"),
                         fleetRow("payments", "p2", HealthLevel::Degraded, {"half_open"}, "staging"),
                         fleetRow("ledger", "l1", HealthLevel::Healthy, {"isolated"}, "prod"), refused});
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void filter_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << "" << int(SF::Any) << ""
                              << "ledger[l1,l2] orders[o1,o2] payments[p1,p2]";
        QTest::newRow("text matches service keeps its instances") << "PAY" << int(SF::Any) << ""
                                                                  << "payments[p1,p2]";
        QTest::newRow("text matches one instance") << "o2" << int(SF::Any) << ""
                                                   << "orders[o2]";
        QTest::newRow("text matches URL") << "http://ledger-l1" << int(SF::Any) << ""
                                          << "ledger[l1]";
        QTest::newRow("text matches nothing") << "zzz" << int(SF::Any) << ""
                                              << "";
        QTest::newRow("critical") << "" << int(SF::Critical) << ""
                                  << "payments[p1]";
        QTest::newRow("stale") << "" << int(SF::Stale) << ""
                               << "orders[o2]";
        QTest::newRow("failing") << "" << int(SF::Failing) << ""
                                 << "ledger[l2]";
        QTest::newRow("trouble") << "" << int(SF::Trouble) << ""
                                 << "ledger[l2] orders[o2] payments[p1,p2]";
        QTest::newRow("breaker not closed") << "" << int(SF::BreakerNotClosed) << ""
                                            << "ledger[l1] payments[p1,p2]";
        QTest::newRow("environment") << "" << int(SF::Any) << "staging"
                                     << "orders[o2] payments[p2]";
        QTest::newRow("all three") << "p" << int(SF::Degraded) << "staging"
                                   << "payments[p2]";
    }
    void filter() {
        QFETCH(QString, text);
        QFETCH(int, state);
        QFETCH(QString, environment);
        QFETCH(QString, expected);
        FleetModel model;
        FleetProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(model);
        proxy.sort(FleetColumn::Name, Qt::AscendingOrder);
        proxy.setFilterText(text);
        proxy.setStateFilter(SF(state));
        proxy.setEnvironmentFilter(environment);
        QCOMPARE(layout(proxy), expected);
        // live: a row that starts to match shows up without touching the filter
        if (state == int(SF::Critical)) {
            model.applyRows({fleetRow("orders", "o1", HealthLevel::Critical, {"closed"}, "prod")});
            QCOMPARE(layout(proxy), QStringLiteral("orders[o1] payments[p1]"));
        }
    }

    void unidentifiedGroupIsFoundByItsName_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no filter, last") << ""
                                         << "alpha[a1] zeta[z1] [10.0.0.1:8080]";
        QTest::newRow("its shown name") << "unident"
                                        << "[10.0.0.1:8080]";
        QTest::newRow("a named service") << "zet"
                                         << "zeta[z1]";
    }
    void unidentifiedGroupIsFoundByItsName() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        FleetModel model;
        FleetProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        InstanceRow unnamed = fleetRow("", "10.0.0.1:8080");
        unnamed.hasDocument = false;
        unnamed.status = SourceStatus::Refused;
        model.applyRows({fleetRow("zeta", "z1"), unnamed, fleetRow("alpha", "a1")});
        proxy.sort(FleetColumn::Name, Qt::AscendingOrder);
        proxy.setFilterText(text);
        QCOMPARE(layout(proxy), expected);
    }

    void sortsByValueNotText_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("ascending");
        QTest::newRow("error rate") << int(FleetColumn::ErrorRate) << "c,a,b";
        QTest::newRow("requests") << int(FleetColumn::RequestRate) << "b,c,a";
        QTest::newRow("p95") << int(FleetColumn::P95) << "a,b,c";
        QTest::newRow("name") << int(FleetColumn::Name) << "a,b,c";
    }
    void sortsByValueNotText() {
        QFETCH(int, column);
        QFETCH(QString, ascending);
        FleetModel model;
        FleetProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // as text, "9.0 %" > "10.0 %" and "900 ms" > "1.20 s": only raw values sort these right
        InstanceRow a = fleetRow("s", "a");
        a.errorRate = 0.09;
        a.requestRate = 100;
        a.p95Seconds = 0.9;
        InstanceRow b = fleetRow("s", "b");
        b.errorRate = 0.10;
        b.requestRate = 9;
        b.p95Seconds = 1.2;
        InstanceRow c = fleetRow("s", "c");
        c.errorRate = 0.02;
        c.requestRate = 20;
        c.p95Seconds = 11;
        model.applyRows({a, b, c});
        proxy.sort(column, Qt::AscendingOrder);
        QCOMPARE(layout(proxy), QStringLiteral("s[%1]").arg(ascending));
        proxy.sort(column, Qt::DescendingOrder);
        QStringList reversed = ascending.split(',');
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(layout(proxy), QStringLiteral("s[%1]").arg(reversed.join(',')));
    }
};

QTEST_MAIN(tst_FleetProxyModel)
#include "tst_fleetproxymodel.moc"
