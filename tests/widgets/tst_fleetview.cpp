// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetrows.h"
#include "widgets/fleet/fleetdelegate.h"
#include "widgets/fleet/fleetemptyhint.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/fleet/fleetproxymodel.h"
#include "widgets/fleet/fleetview.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace jimini;
using jimini::test::fleetRow;

class tst_FleetView : public QObject {
    Q_OBJECT
private:
    static const QStringList states() {
        return {"closed", "half_open", "open", "isolated", "disabled", "closed"};
    }
    // The view shown offscreen with one service, the lamp instance first.
    static void fill(FleetModel& model) {
        InstanceRow lamps = fleetRow("svc", "a", HealthLevel::Critical, states());
        lamps.errorRate = 0.3;
        for (int i = 0; i < 60; ++i)
            lamps.errorSparkline.append(float(i % 10) / 20.f);
        InstanceRow stale = fleetRow("svc", "b", HealthLevel::Healthy, {"closed"}, "staging");
        stale.stale = true;
        stale.status = SourceStatus::Stale;
        stale.reason = "no answer for 3 intervals";
        model.applyRows({lamps, stale, fleetRow("other", "c", HealthLevel::Degraded, {"open"})});
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void rendersLampsDistinctly() {
        FleetModel model;
        fill(model);
        FleetView view(&model);
        view.resize(1400, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1400, 400));

        QTreeView* tree = view.treeView();
        const QModelIndex cell = view.proxy()->mapFromSource(
            model.indexOf(fleetRow("svc", "a").endpointId, FleetColumn::Breakers));
        QVERIFY(cell.isValid());
        const QRect rect = tree->visualRect(cell).translated(tree->viewport()->mapTo(&view, QPoint(0, 0)));
        QVERIFY(rect.width() > 6 * (FleetDelegate::lampSize + FleetDelegate::lampSpacing));
        const qreal dpr = image.devicePixelRatio();
        QList<QImage> lamps;
        for (int i = 0; i < states().size(); ++i) {
            const int x = rect.left() + FleetDelegate::lampSpacing +
                          i * (FleetDelegate::lampSize + FleetDelegate::lampSpacing);
            const QRect lamp(x, rect.center().y() - FleetDelegate::lampSize / 2, FleetDelegate::lampSize,
                             FleetDelegate::lampSize + 2);
            lamps.append(image.copy(QRect((lamp.topLeft() * dpr), lamp.size() * dpr)));
        }
        // the same state paints the same pixels, so the differences below are the states'
        QCOMPARE(lamps[0], lamps[5]);
        for (int i = 0; i < 5; ++i)
            for (int j = i + 1; j < 5; ++j)
                QVERIFY2(lamps[i] != lamps[j], qPrintable(states()[i] + " looks like " + states()[j]));
        // and a lamp is not blank: it holds more than one colour
        for (int i = 0; i < 5; ++i) {
            QSet<QRgb> colours;
            for (int y = 0; y < lamps[i].height(); ++y)
                for (int x = 0; x < lamps[i].width(); ++x)
                    colours.insert(lamps[i].pixel(x, y));
            QVERIFY2(colours.size() > 1, qPrintable(states()[i]));
        }
    }

    void keyboard() {
        FleetModel model;
        fill(model);
        FleetView view(&model);
        view.resize(1000, 300);
        view.show();
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QTreeView* tree = view.treeView();
        tree->setFocus();
        QVERIFY(tree->hasFocus());
        QTest::keyClick(tree, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(view.filterEdit()->hasFocus());

        QTest::keyClick(view.filterEdit(), Qt::Key_Escape);
        QVERIFY(tree->hasFocus());

        QSignalSpy activated(&view, &FleetView::instanceActivated);
        const QString id = fleetRow("svc", "b").endpointId;
        view.selectEndpoint(id);
        QCOMPARE(view.currentEndpointId(), id);
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated[0][0].toString(), id);
        // Enter on a group toggles it and opens nothing
        const QModelIndex group = view.proxy()->index(0, 0);
        tree->setCurrentIndex(group);
        const bool expanded = tree->isExpanded(group);
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(tree->isExpanded(group), !expanded);
        QCOMPARE(activated.count(), 1);
    }

    void filterBar() {
        FleetModel model;
        fill(model);
        FleetView view(&model);
        QCOMPARE(view.environmentCombo()->count(), 3); // all, prod, staging
        QCOMPARE(view.filterEdit()->accessibleName(), QStringLiteral("Filter text"));
        QCOMPARE(view.stateCombo()->accessibleName(), QStringLiteral("State filter"));
        view.environmentCombo()->setCurrentIndex(
            view.environmentCombo()->findData(QStringLiteral("staging")));
        QCOMPARE(view.proxy()->environmentFilter(), QStringLiteral("staging"));
        QCOMPARE(view.proxy()->rowCount(), 1);
        view.stateCombo()->setCurrentIndex(
            view.stateCombo()->findData(int(FleetProxyModel::StateFilter::Critical)));
        QCOMPARE(view.proxy()->rowCount(), 0);
        view.environmentCombo()->setCurrentIndex(0);
        QCOMPARE(view.proxy()->rowCount(), 1);
        view.filterEdit()->setText(QStringLiteral("other"));
        QCOMPARE(view.proxy()->rowCount(), 0);
    }

    void stateFilterEntriesAreWhole() {
        FleetModel model;
        fill(model);
        FleetView view(&model);
        view.resize(500, 300); // narrower than the bar wants: the filter text gives way, not the states
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QComboBox* states = view.stateCombo();
        const QFontMetrics metrics(states->font());
        int widest = 0;
        for (int i = 0; i < states->count(); ++i)
            widest = std::max(widest, metrics.horizontalAdvance(states->itemText(i)));
        QVERIFY(widest > 0);
        // The box holds its longest entry with its icon, and so does its list.
        QVERIFY2(states->width() >= widest + states->iconSize().width(),
                 qPrintable(QStringLiteral("%1 < %2").arg(states->width()).arg(widest)));
        QVERIFY(states->view()->minimumWidth() >= widest + states->iconSize().width());
    }

    void staleAndFailingLookDifferent() {
        FleetModel model;
        InstanceRow stale = fleetRow("svc", "a", HealthLevel::Healthy, {"closed"});
        stale.stale = true;
        stale.status = SourceStatus::Stale;
        InstanceRow failing = fleetRow("svc", "b", HealthLevel::Healthy, {"closed"});
        failing.status = SourceStatus::Refused;
        model.applyRows({stale, failing});
        FleetView view(&model);
        view.resize(1400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // In the state filter
        const QComboBox* states = view.stateCombo();
        const QImage staleIcon = states->itemIcon(states->findData(int(FleetProxyModel::StateFilter::Stale)))
                                     .pixmap(16, 16)
                                     .toImage();
        const QImage failingIcon =
            states->itemIcon(states->findData(int(FleetProxyModel::StateFilter::Failing)))
                .pixmap(16, 16)
                .toImage();
        QVERIFY(!staleIcon.isNull() && !failingIcon.isNull());
        QVERIFY(staleIcon != failingIcon);
        // and in the rows' health badges
        QTreeView* tree = view.treeView();
        tree->setAlternatingRowColors(false); // the badges differ, not the rows' backgrounds
        const auto badge = [&](const InstanceRow& row) {
            const QModelIndex cell =
                view.proxy()->mapFromSource(model.indexOf(row.endpointId, FleetColumn::Health));
            const QRect rect = tree->visualRect(cell);
            return tree->viewport()
                ->grab(QRect(rect.topLeft(),
                             QSize(FleetDelegate::lampSize + 2 * FleetDelegate::lampSpacing, rect.height())))
                .toImage();
        };
        QVERIFY(badge(stale) != badge(failing));
    }

    void emptyFleetSaysHowToGetServices() {
        FleetModel model;
        FleetView view(&model);
        view.resize(1000, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        FleetEmptyHint* hint = view.emptyHint();
        QVERIFY(hint->isVisible());
        for (const char* words : {"Ctrl+N", "Open workspace", "Ctrl+O", "--demo"})
            QVERIFY2(hint->text().contains(QLatin1String(words)), words);
        QVERIFY(view.treeView()->viewport()->rect().contains(hint->geometry()));
        fill(model);
        QVERIFY(!hint->isVisible()); // rows arrived
        model.removeRows(QStringList{fleetRow("svc", "a").endpointId, fleetRow("svc", "b").endpointId,
                                     fleetRow("other", "c").endpointId});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QLatin1String("Ctrl+N")), qPrintable(hint->text()));
    }

    void filterMatchingNothingSaysSo() {
        FleetModel model;
        fill(model);
        FleetView view(&model);
        view.resize(1000, 300);
        view.show();
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        FleetEmptyHint* hint = view.emptyHint();
        QVERIFY(!hint->isVisible());
        view.filterEdit()->setText(QStringLiteral("xyz"));
        QCOMPARE(view.proxy()->rowCount(), 0);
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().startsWith(QLatin1String("No service matches 'xyz'")),
                 qPrintable(hint->text()));
        QVERIFY(hint->text().contains(QLatin1String("Escape")));
        QVERIFY(!hint->text().contains(QLatin1String("Ctrl+N"))); // there are services; the filter hides them
        // Still nothing: the hint follows the text although no row changed.
        view.filterEdit()->setText(QStringLiteral("xyzw"));
        QVERIFY(hint->text().startsWith(QLatin1String("No service matches 'xyzw'")));
        view.stateCombo()->setCurrentIndex(
            view.stateCombo()->findData(int(FleetProxyModel::StateFilter::Critical)));
        QVERIFY2(hint->text().contains(QLatin1String("state ")), qPrintable(hint->text()));
        // Escape in the filter clears it: rows again, no hint.
        view.stateCombo()->setCurrentIndex(0);
        view.filterEdit()->setFocus();
        QTest::keyClick(view.filterEdit(), Qt::Key_Escape);
        QVERIFY(view.proxy()->rowCount() > 0);
        QVERIFY(!hint->isVisible());
    }
};

QTEST_MAIN(tst_FleetView)
#include "tst_fleetview.moc"
