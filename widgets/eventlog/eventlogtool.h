// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/consoletool.h"

#include <QFutureWatcher>

class QAction;
class QLabel;
class QTimer;

namespace jimini {

class AuditFollower;
struct AuditExportResult;
class EventLogModel;
class EventLogView;

// The event log dock: breaker transitions, control actions and connection changes of the whole fleet, in
// the order the hub delivers them, and beside them the operator's own actions from the audit store (read
// off the UI thread: its newest records at start, then what is appended, by this console at once and by
// other processes within pollMs). The status bar says when there is no audit store (control actions are
// then refused); the File menu exports the store as JSON Lines.
class EventLogTool final : public ConsoleTool {
    Q_OBJECT
public:
    static constexpr int pollMs = 5000;

    using ConsoleTool::ConsoleTool;
    ~EventLogTool() override;

    QString id() const override { return QStringLiteral("events"); }
    QString title() const override { return tr("Event log"); }
    Placement placement() const override { return Placement::BottomDock; }
    QWidget* createWidget(ConsoleContext& context) override;
    QList<ToolAction> actions() const override;

    EventLogModel* model() const noexcept { return m_model; }
    EventLogView* view() const noexcept { return m_view; }
    AuditFollower* auditFollower() const noexcept { return m_follower; }
    QLabel* auditStatus() const noexcept { return m_auditStatus; }

    // Writes the whole audit store to path as JSON Lines (atomically: all or nothing), off the UI thread;
    // the result arrives as auditExported and in the status bar.
    void exportAudit(const QString& path);

signals:
    void auditExported(const QString& path, qint64 records, const QString& error);

private:
    void followAudit();
    void exportDialog();

    ConsoleContext* m_context = nullptr;
    EventLogModel* m_model = nullptr;
    EventLogView* m_view = nullptr;
    AuditFollower* m_follower = nullptr;
    QLabel* m_auditStatus = nullptr;
    QTimer* m_poll = nullptr;
    QAction* m_export = nullptr;
    QFutureWatcher<AuditExportResult>* m_exporting = nullptr;
};

} // namespace jimini
