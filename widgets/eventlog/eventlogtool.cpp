// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/eventlog/eventlogtool.h"

#include "control/auditfollower.h"
#include "control/auditjsonlines.h"
#include "control/auditstore.h"
#include "store/fleethub.h"
#include "widgets/eventlog/eventlogmodel.h"
#include "widgets/eventlog/eventlogview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"
#include "widgets/widgetslog.h"

#include <QAction>
#include <QFileDialog>
#include <QLabel>
#include <QSaveFile>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace jimini {

namespace {
AuditExportResult exportTo(const QString& storePath, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {0, QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    AuditExportResult result = AuditJsonLines::write(storePath, 0, &file);
    if (!result.ok())
        file.cancelWriting();
    else if (!file.commit())
        result.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return result;
}
} // namespace

EventLogTool::~EventLogTool() {
    if (m_exporting)
        m_exporting->waitForFinished();
}

QWidget* EventLogTool::createWidget(ConsoleContext& context) {
    m_context = &context;
    m_model = new EventLogModel(this);
    m_view = new EventLogView(m_model);
    m_view->setAccessibleName(tr("Event log"));
    connect(&context.hub(), &FleetHub::eventsArrived, m_model, &EventLogModel::append);
    connect(m_view, &EventLogView::instanceActivated, &context, &ConsoleContext::activateInstance);

    m_follower = new AuditFollower(this);
    connect(m_follower, &AuditFollower::recordsRead, m_model, &EventLogModel::appendAudit);
    connect(m_follower, &AuditFollower::readFailed, this,
            [](const QString& error) { qCWarning(lcWidgets).noquote() << "event log:" << error; });
    connect(&context, &ConsoleContext::auditRecorded, m_follower, &AuditFollower::poll);
    connect(&context, &ConsoleContext::auditChanged, this, &EventLogTool::followAudit);
    m_poll = new QTimer(this); // the CLI, or another console, appending to the same store
    m_poll->setInterval(pollMs);
    connect(m_poll, &QTimer::timeout, m_follower, &AuditFollower::poll);

    m_auditStatus = new QLabel;
    m_auditStatus->setObjectName(QStringLiteral("auditStatus"));
    m_auditStatus->setAccessibleName(tr("Audit store"));
    context.host().addStatusWidget(m_auditStatus);

    m_export = new QAction(tr("&Export audit log (JSON Lines)..."), this);
    m_export->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    connect(m_export, &QAction::triggered, this, &EventLogTool::exportDialog);
    m_exporting = new QFutureWatcher<AuditExportResult>(this);
    connect(m_exporting, &QFutureWatcher<AuditExportResult>::finished, this, [this] {
        const AuditExportResult result = m_exporting->result();
        const QString path = m_exporting->property("path").toString();
        m_context->host().showStatus(
            result.ok() ? tr("Exported %n audit record(s) to %1", nullptr, int(result.written)).arg(path)
                        : tr("Audit export failed: %1").arg(result.error),
            10000);
        emit auditExported(path, result.written, result.error);
    });
    followAudit();
    return m_view;
}

QList<ToolAction> EventLogTool::actions() const {
    return {{ToolAction::fileMenu(), m_export}};
}

void EventLogTool::followAudit() {
    const AuditStore& store = m_context->audit();
    if (store.isOpen()) {
        m_auditStatus->hide();
        m_export->setEnabled(true);
        m_follower->follow(store.path());
        m_poll->start();
        return;
    }
    // Said where it stays in view: every control action is refused until there is a store to record it in.
    m_auditStatus->setText(tr("\u26a0 No audit store: control actions are refused"));
    m_auditStatus->setToolTip(store.error());
    m_auditStatus->show();
    m_export->setEnabled(false);
    m_poll->stop();
    m_context->host().showStatus(store.error(), 15000);
}

void EventLogTool::exportAudit(const QString& path) {
    if (m_exporting->isRunning()) {
        emit auditExported(path, 0, tr("an export is already running"));
        return;
    }
    m_exporting->setProperty("path", path);
    const QString storePath = m_context->audit().path();
    m_exporting->setFuture(QtConcurrent::run([storePath, path] { return exportTo(storePath, path); }));
}

void EventLogTool::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(m_context->host().dialogParent(),
                                                      tr("Export audit log"), QStringLiteral("audit.jsonl"),
                                                      tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        exportAudit(path);
}

} // namespace jimini
