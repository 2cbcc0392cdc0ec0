// SPDX-License-Identifier: GPL-3.0-or-later
// The operator's own actions in the console's event log: the audit store's records show beside the
// services' events with their source, appended ones arrive (this console's at once, another process's
// within the poll), the source filter separates them, the export writes the store as JSON Lines, and a
// store that cannot be opened is said in the status bar.
#include "console/mainwindow.h"

#include "control/auditfollower.h"
#include "control/auditjsonlines.h"
#include "control/auditreader.h"
#include "control/auditstore.h"
#include "support/consoletestsetup.h"
#include "widgets/eventlog/eventlogfilter.h"
#include "widgets/eventlog/eventlogmodel.h"
#include "widgets/eventlog/eventlogtool.h"
#include "widgets/eventlog/eventlogview.h"
#include "widgets/tools/consolecontext.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace jimini;

namespace {
AuditEntry isolate(const QString& reason) {
    AuditEntry e;
    e.action = QStringLiteral("breaker.isolate");
    e.targets = {QStringLiteral("http://127.0.0.1:8081")};
    e.service = QStringLiteral("orders");
    e.policy = QStringLiteral("payments");
    e.before = QStringLiteral("closed");
    e.after = QStringLiteral("isolated");
    e.reason = reason;
    return e;
}

FleetEvent serviceEvent() {
    FleetEvent e;
    e.endpointId = QStringLiteral("http://127.0.0.1:8081");
    e.service = QStringLiteral("orders");
    e.instance = QStringLiteral("orders-1");
    e.time = QDateTime::currentDateTimeUtc();
    e.type = FleetEventType::Control;
    e.policy = QStringLiteral("payments");
    e.from = BreakerState::Closed;
    e.to = BreakerState::Isolated;
    e.actor = QStringLiteral("alice");
    return e;
}
} // namespace

class tst_AuditLog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        initConsoleTest();
        QVERIFY(m_dir.isValid());
    }

    void theConsolesActionsShowBesideTheServices() {
        const QString path = m_dir.filePath(QStringLiteral("log.sqlite"));
        {
            AuditStore earlier; // actions of an earlier session: shown when the log opens
            QVERIFY(earlier.open(path));
            earlier.setOperatorName(QStringLiteral("alice"));
            earlier.recordOutcome(earlier.recordIntent(isolate(QStringLiteral("earlier"))),
                                  {true, QStringLiteral("200 isolated")});
        }
        MainWindow window;
        QVERIFY2(window.context().reopenAudit(path), qPrintable(window.context().audit().error()));
        window.context().audit().setOperatorName(QStringLiteral("alice"));
        auto* tool = window.tool<EventLogTool>();
        EventLogModel* model = tool->model();
        QTRY_COMPARE(model->rowCount(), 2);
        QVERIFY(tool->auditStatus()->isHidden());

        // This console's own action shows at once (no poll period to wait).
        const qint64 intent = window.context().audit().recordIntent(isolate(QStringLiteral("drill")));
        QVERIFY(intent > 0);
        window.context().audit().recordOutcome(intent, {false, QStringLiteral("503 unavailable")});
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, EventLogTool::pollMs / 2);
        const auto text = [model](int row, int column) {
            return model->index(row, column).data().toString();
        };
        QCOMPARE(text(2, EventLogModel::SourceColumn), QStringLiteral("console (alice)"));
        QCOMPARE(text(2, EventLogModel::TypeColumn), QStringLiteral("breaker.isolate: sending"));
        QCOMPARE(text(2, EventLogModel::DetailColumn), QStringLiteral("drill"));
        QCOMPARE(text(2, EventLogModel::ChangeColumn), QStringLiteral("closed \u2192 isolated"));
        QCOMPARE(text(2, EventLogModel::InstanceColumn), QStringLiteral("http://127.0.0.1:8081"));
        QCOMPARE(text(3, EventLogModel::TypeColumn), QStringLiteral("breaker.isolate: failed"));
        QCOMPARE(text(3, EventLogModel::DetailColumn), QStringLiteral("503 unavailable"));
        QCOMPARE(model->auditRecord(3)->intentId, intent);

        // The service's own record of it, beside.
        emit window.hub().eventsArrived({serviceEvent()});
        QCOMPARE(model->rowCount(), 5);
        QCOMPARE(text(4, EventLogModel::SourceColumn), QStringLiteral("service"));
        QCOMPARE(model->index(4, 0).data(EventLogModel::SourceRole).toString(), QStringLiteral("service"));

        // Another process appending to the store: there within the poll period.
        {
            AuditStore cli;
            QVERIFY(cli.open(path));
            cli.setOperatorName(QStringLiteral("bob"));
            QVERIFY(cli.recordIntent(isolate(QStringLiteral("from the CLI"))) > 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 6, 3 * EventLogTool::pollMs);
        QCOMPARE(text(5, EventLogModel::SourceColumn), QStringLiteral("console (bob)"));

        // The source filter: the console's actions, or the services' records.
        EventLogView* view = tool->view();
        view->sourceCombo()->setCurrentIndex(view->sourceCombo()->findData(QStringLiteral("console")));
        QCOMPARE(view->filter()->rowCount(), 5);
        view->sourceCombo()->setCurrentIndex(view->sourceCombo()->findData(QStringLiteral("service")));
        QCOMPARE(view->filter()->rowCount(), 1);
        // The type filter keeps both sides' control actions together.
        view->sourceCombo()->setCurrentIndex(0);
        view->typeCombo()->setCurrentIndex(view->typeCombo()->findData(QStringLiteral("control")));
        QCOMPARE(view->filter()->rowCount(), 6);
        view->filterEdit()->setText(QStringLiteral("from the CLI"));
        QCOMPARE(view->filter()->rowCount(), 1);
    }

    void theExportWritesTheStore() {
        const QString path = m_dir.filePath(QStringLiteral("export.sqlite"));
        MainWindow window;
        QVERIFY(window.context().reopenAudit(path));
        AuditStore& store = window.context().audit();
        store.recordOutcome(store.recordIntent(isolate(QStringLiteral("one"))), {true, QStringLiteral("ok")});
        QVERIFY(store.recordIntent(isolate(QStringLiteral("two"))) > 0);
        auto* tool = window.tool<EventLogTool>();
        QSignalSpy exported(tool, &EventLogTool::auditExported);
        const QString out = m_dir.filePath(QStringLiteral("audit.jsonl"));
        tool->exportAudit(out);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.first().at(1).toLongLong(), 3);
        QVERIFY2(exported.first().at(2).toString().isEmpty(), qPrintable(exported.first().at(2).toString()));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        const AuditPage page = AuditReader::read(path, {});
        QCOMPARE(lines.size(), page.records.size());
        for (int i = 0; i < lines.size(); ++i)
            QVERIFY(*AuditJsonLines::parse(lines[i]).record == page.records[i]);

        // A file that cannot be written: said, and nothing half-written left.
        exported.clear();
        tool->exportAudit(m_dir.filePath(QStringLiteral("no/such/folder/audit.jsonl")));
        QVERIFY(exported.wait(10000));
        QVERIFY(exported.first().at(2).toString().contains(QStringLiteral("no/such/folder")));
    }

    void aStoreThatCannotOpenIsSaid() {
        MainWindow window;
        QVERIFY(!window.context().reopenAudit(m_dir.path())); // a folder is no store
        auto* tool = window.tool<EventLogTool>();
        QVERIFY(!tool->auditStatus()->isHidden());
        QVERIFY(tool->auditStatus()->text().contains(QStringLiteral("control actions are refused")));
        QVERIFY(tool->auditStatus()->toolTip().contains(m_dir.path()));
        QCOMPARE(window.context().audit().recordIntent(isolate(QStringLiteral("refused"))), 0);
        // And back once a store opens.
        QVERIFY(window.context().reopenAudit(m_dir.filePath(QStringLiteral("back.sqlite"))));
        QVERIFY(tool->auditStatus()->isHidden());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_AuditLog)
#include "tst_auditlog.moc"
