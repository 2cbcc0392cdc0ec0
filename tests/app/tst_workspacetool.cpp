// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace as an operator handles it: removing (a group row stands for its instances) and undoing.
#include "console/mainwindow.h"
#include "health/healthdocument.h"
#include "net/sourcesample.h"
#include "store/fleethub.h"
#include "widgets/fleet/fleetmodel.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/fleet/fleetview.h"
#include "widgets/workspace/removalundo.h"
#include "widgets/workspace/servicedialog.h"
#include "widgets/workspace/workspacetool.h"

#include "net/workspace.h"
#include "support/consoletestsetup.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace jimini;

namespace {

ServiceEndpoint endpoint(int port, const QString& group) {
    ServiceEndpoint e;
    e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); // nothing listens there
    e.group = group;
    e.environment = QStringLiteral("staging");
    e.interval = std::chrono::milliseconds(700 + port);
    e.mode = ServiceEndpoint::Mode::Stream;
    return e;
}

QStringList ids(QList<ServiceEndpoint> endpoints) {
    QStringList out;
    for (const ServiceEndpoint& e : endpoints)
        out << e.id();
    out.sort();
    return out;
}

QString notice(const MainWindow& window) {
    const auto* label = window.findChild<QLabel*>(QStringLiteral("workspaceNotice"));
    return label && !label->isHidden() ? label->text() : QString();
}

} // namespace

class tst_WorkspaceTool : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { initConsoleTest(); }

    void removeActsOnTheSelectionAndUndoRestores_data() {
        QTest::addColumn<QString>("selected"); // a service: its group row; a port: that instance
        QTest::addColumn<QStringList>("removed");
        QTest::addColumn<QString>("message");
        QTest::newRow("group row") << "svc"
                                   << QStringList{"http://127.0.0.1:1", "http://127.0.0.1:2",
                                                  "http://127.0.0.1:3"}
                                   << "Removed 3 instances";
        QTest::newRow("instance row")
            << "2" << QStringList{"http://127.0.0.1:2"} << "Removed http://127.0.0.1:2";
    }
    void removeActsOnTheSelectionAndUndoRestores() {
        QFETCH(QString, selected);
        QFETCH(QStringList, removed);
        QFETCH(QString, message);
        MainWindow window;
        WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
        workspace.setRemember(false);
        const QList<ServiceEndpoint> all{endpoint(1, "svc"), endpoint(2, "svc"), endpoint(3, "svc"),
                                         endpoint(4, "other")};
        workspace.addEndpoints(all);
        FleetModel& model = *window.tool<FleetTool>()->model();
        QTRY_COMPARE(model.instanceCount(), 4);
        const QModelIndex source = selected.size() > 1
                                       ? model.groupIndex(selected)
                                       : model.indexOf(QStringLiteral("http://127.0.0.1:") + selected);
        QVERIFY(source.isValid());
        QTreeView* tree = window.tool<FleetTool>()->view()->treeView();
        const auto* proxy = qobject_cast<QSortFilterProxyModel*>(tree->model());
        QVERIFY(proxy);
        tree->selectionModel()->select(proxy->mapFromSource(source),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

        workspace.removeSelected();
        QStringList left = ids(all);
        for (const QString& id : removed)
            left.removeAll(id);
        QCOMPARE(ids(window.hub().endpoints()), left);
        RemovalUndo& undo = *workspace.removalUndo();
        QCOMPARE(undo.text(), message);
        QCOMPARE(ids(undo.offered()), removed);

        undo.findChild<QPushButton*>(QStringLiteral("undoRemoval"))->click();
        QCOMPARE(ids(window.hub().endpoints()), ids(all));
        for (const ServiceEndpoint& e : all) // with their settings, not only their URLs
            QVERIFY2(window.hub().endpoints().contains(e), qPrintable(e.id()));
        QVERIFY(undo.text().isEmpty()); // the offer is used up
        QTRY_COMPARE(model.instanceCount(), 4);
    }

    void undoKeepsTheHistory() {
        MainWindow window;
        WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
        workspace.setRemember(false);
        workspace.addEndpoints({endpoint(1, "svc"), endpoint(2, "svc")});
        const QString id = QStringLiteral("http://127.0.0.1:1");
        SourceSample sample;
        sample.endpointId = id;
        sample.receivedAt = QDateTime::currentDateTimeUtc();
        sample.lastSeen = sample.receivedAt;
        sample.status = SourceStatus::Ok;
        HealthDocument document;
        document.service = QStringLiteral("svc");
        document.metrics.currentErrorRate = 0.01;
        document.metrics.requestsPerSecond = 5;
        sample.document = document;
        window.hub().injectSample(sample);
        QTRY_VERIFY(!window.hub().store().keys(id).empty());
        FleetModel& model = *window.tool<FleetTool>()->model();
        QTRY_COMPARE(model.instanceCount(), 2);
        const auto select = [&](const QString& endpointId) {
            QTreeView* tree = window.tool<FleetTool>()->view()->treeView();
            const auto* proxy = qobject_cast<QSortFilterProxyModel*>(tree->model());
            tree->selectionModel()->select(proxy->mapFromSource(model.indexOf(endpointId)),
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        };
        select(id);
        workspace.removeSelected();
        QTRY_COMPARE(model.instanceCount(), 1);
        QVERIFY(!window.hub().store().keys(id).empty()); // kept for the undo
        workspace.removalUndo()->undo();
        QTRY_COMPARE(model.instanceCount(), 2);
        QVERIFY(!window.hub().store().keys(id).empty());
        // Removed again, and the offer replaced by the next removal: the history goes.
        select(id);
        workspace.removeSelected();
        QTRY_COMPARE(model.instanceCount(), 1);
        select(QStringLiteral("http://127.0.0.1:2"));
        workspace.removeSelected();
        QTRY_VERIFY(window.hub().store().keys(id).empty());
    }

    void saveAddsTheExtensionAndSaysWhere_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("written");
        QTest::newRow("no extension") << "ws1"
                                      << "ws1.json";
        QTest::newRow("json") << "ws1.json"
                              << "ws1.json";
        QTest::newRow("another extension kept") << "ws1.conf"
                                                << "ws1.conf";
    }
    void saveAddsTheExtensionAndSaysWhere() {
        QFETCH(QString, typed);
        QFETCH(QString, written);
        QTemporaryDir dir;
        MainWindow window;
        WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
        workspace.setRemember(false);
        workspace.addEndpoints({endpoint(1, "svc"), endpoint(2, "svc")});
        QVERIFY(workspace.hasUnsavedChanges());
        QString error;
        QVERIFY2(workspace.save(dir.filePath(typed), &error), qPrintable(error));
        QVERIFY(QFileInfo::exists(dir.filePath(written)));
        QCOMPARE(workspace.path(), dir.filePath(written));
        QVERIFY(!workspace.hasUnsavedChanges());
        // Said where it lasts: alerts take the status bar's messages.
        QCOMPARE(notice(window), QStringLiteral("Saved 2 services to ") +
                                     QFileInfo(dir.filePath(written)).absoluteFilePath());
    }

    void openKeepsTheInstancesThatRemain() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("next.json"));
        ServiceEndpoint slower = endpoint(1, "svc");
        slower.interval = std::chrono::milliseconds(5000);
        QString error;
        QVERIFY2(Workspace({slower, endpoint(3, "svc")}).save(path, &error), qPrintable(error));

        MainWindow window;
        WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
        workspace.setRemember(false);
        workspace.addEndpoints({endpoint(1, "svc"), endpoint(2, "svc")});
        FleetModel& model = *window.tool<FleetTool>()->model();
        QTRY_COMPARE(model.instanceCount(), 2);
        QSignalSpy removed(&window.hub(), &FleetHub::rowsRemoved);
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        QCOMPARE(ids(window.hub().endpoints()), (QStringList{"http://127.0.0.1:1", "http://127.0.0.1:3"}));
        QVERIFY(window.hub().endpoints().contains(slower)); // the file's settings
        QTRY_VERIFY(model.indexOf(QStringLiteral("http://127.0.0.1:3")).isValid());
        QVERIFY(!model.indexOf(QStringLiteral("http://127.0.0.1:2")).isValid());
        QStringList gone;
        for (const QList<QVariant>& args : std::as_const(removed))
            gone << args.at(0).toStringList();
        QCOMPARE(gone, QStringList{"http://127.0.0.1:2"}); // instance 1 was never dropped: its history stays
        QCOMPARE(
            notice(window),
            QStringLiteral("Opened %1: 2 services, 1 kept with their history, 1 added, 1 removed").arg(path));
        QVERIFY(!workspace.hasUnsavedChanges());
    }

    void openAsksBeforeDiscardingChanges() {
        MainWindow window;
        WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
        workspace.setRemember(false);
        workspace.addEndpoints({endpoint(1, "svc")});
        QAction* openAction = nullptr;
        for (const ToolAction& entry : workspace.actions()) {
            if (entry.action->shortcut() == QKeySequence(QStringLiteral("Ctrl+O")))
                openAction = entry.action;
        }
        QVERIFY(openAction);
        openAction->trigger(); // returns: the question does not run an event loop of its own
        auto* question = window.findChild<QMessageBox*>(QStringLiteral("discardChangesQuestion"));
        QVERIFY(question);
        QVERIFY(question->isVisible());
        question->button(QMessageBox::Cancel)->click();
        QCOMPARE(ids(window.hub().endpoints()), QStringList{"http://127.0.0.1:1"});
        QVERIFY(workspace.hasUnsavedChanges());
    }

    void addServiceConfirmsWhatWasAdded() {
        MainWindow window;
        WorkspaceTool& workspace = *window.tool<WorkspaceTool>();
        workspace.setRemember(false);
        for (const ToolAction& entry : workspace.actions()) {
            if (entry.action->shortcut() == QKeySequence(QStringLiteral("Ctrl+N")))
                entry.action->trigger();
        }
        auto* dialog = window.findChild<ServiceDialog*>();
        QVERIFY(dialog);
        dialog->findChild<QLineEdit*>(QStringLiteral("url"))->setText(QStringLiteral("http://127.0.0.1:5"));
        dialog->findChild<QLineEdit*>(QStringLiteral("group"))->setText(QStringLiteral("shop"));
        dialog->submit();
        QCOMPARE(ids(window.hub().endpoints()), QStringList{"http://127.0.0.1:5"});
        QCOMPARE(window.hub().endpoints().front().group, QStringLiteral("shop"));
        QCOMPARE(notice(window),
                 QStringLiteral("Added http://127.0.0.1:5 (jimini_v1, group shop, polled every 1000 ms)"));
    }
};

QTEST_MAIN(tst_WorkspaceTool)
#include "tst_workspacetool.moc"
