// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tools/closegate.h"

#include "widgets/tools/consoletool.h"
#include "widgets/widgetslog.h"

#include "policy/scheduler.h"

#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace jimini {

namespace {

QList<ConsoleTool*> busyTools(const QList<ConsoleTool*>& tools) {
    QList<ConsoleTool*> busy;
    for (ConsoleTool* tool : tools) {
        if (!tool->pendingWork().isEmpty())
            busy.append(tool);
    }
    return busy;
}

} // namespace

CloseGate::CloseGate(QWidget* window, ToolList tools, Scheduler& scheduler, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_tools(std::move(tools))
    , m_scheduler(scheduler) {}

CloseGate::~CloseGate() {
    m_scheduler.cancel(*this);
}

bool CloseGate::allowsClose() {
    if (m_approved)
        return true;
    if (m_question || isWindingDown()) {
        if (m_question)
            m_question->raise();
        return false;
    }
    const QList<ConsoleTool*> busy = busyTools(m_tools());
    if (busy.isEmpty())
        return true;

    QStringList work;
    for (ConsoleTool* tool : busy)
        work += tool->pendingWork();
    m_question = new QMessageBox(QMessageBox::Question, tr("Close Jimini Console?"),
                                 tr("Closing now would leave this behind:<ul><li>%1</li></ul>")
                                     .arg(work.join(QStringLiteral("</li><li>"))),
                                 QMessageBox::Cancel, m_window);
    m_question->setObjectName(QStringLiteral("closeGateQuestion"));
    m_question->setInformativeText(
        tr("The console winds it down first (rolls back, clears the faults it injected), then closes."));
    QPushButton* windDownButton = m_question->addButton(tr("&Wind down and close"), QMessageBox::AcceptRole);
    windDownButton->setObjectName(QStringLiteral("windDownButton"));
    m_question->setDefaultButton(QMessageBox::Cancel);
    m_question->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_question, &QMessageBox::buttonClicked, this, [this, windDownButton](QAbstractButton* clicked) {
        if (clicked == windDownButton)
            windDown();
    });
    m_question->open();
    return false;
}

void CloseGate::windDown() {
    // Asked again: what was busy when the question opened may have finished since.
    const QList<ConsoleTool*> busy = busyTools(m_tools());
    if (busy.isEmpty()) {
        closeNow();
        return;
    }
    m_waitingFor = int(busy.size());
    emit statusChanged(tr("Winding down before closing: %1").arg(busy.size()));
    Duration deadline = m_deadline;
    for (ConsoleTool* tool : busy)
        deadline = std::max<Duration>(deadline, tool->windDownBudget());
    m_scheduler.schedule(*this, deadline);
    for (ConsoleTool* tool : busy) {
        // Connected before asking: a tool may be done at once, inside windDown().
        connect(tool, &ConsoleTool::windDownFinished, this, &CloseGate::toolFinished,
                Qt::SingleShotConnection);
        tool->windDown();
    }
}

void CloseGate::toolFinished() {
    if (m_waitingFor > 0 && --m_waitingFor == 0)
        closeNow();
}

void CloseGate::fire() {
    if (!isWindingDown())
        return;
    qCWarning(lcWidgets) << "closing with" << m_waitingFor << "tool(s) still winding down after the deadline";
    closeNow();
}

void CloseGate::closeNow() {
    m_scheduler.cancel(*this);
    m_waitingFor = 0;
    m_approved = true;
    // Not from inside a tool's signal or the question's click: the window's close deletes what emitted.
    QMetaObject::invokeMethod(m_window, &QWidget::close, Qt::QueuedConnection);
}

} // namespace jimini
