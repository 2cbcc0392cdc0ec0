// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"
#include "policy/timertask.h"

#include <QList>
#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace jimini {

class ConsoleTool;
class Scheduler;

// Stands between a close request and the window closing while tools hold work that closing must wind
// down first (a rollout in flight, faults a live replay injected), so a console closed in a hurry leaves
// no service half-changed. It names that work in a non-modal question ("closeGateQuestion"); on "Wind
// down and close" it asks every busy tool to wind down and closes the window once all of them said they
// are done, or once the deadline has passed on the given scheduler (the view's clock), whichever is first.
// UI thread.
class CloseGate final : public QObject, private TimerTask {
    Q_OBJECT
public:
    using ToolList = std::function<QList<ConsoleTool*>()>;

    CloseGate(QWidget* window, ToolList tools, Scheduler& scheduler, QObject* parent = nullptr);
    ~CloseGate() override;

    // From the window's closeEvent: true lets the close through; false keeps the window open while the
    // gate asks or winds down (it closes the window itself when done).
    bool allowsClose();

    void setDeadline(Duration deadline) noexcept { m_deadline = deadline; }
    bool isWindingDown() const noexcept { return m_waitingFor > 0; }
    QMessageBox* question() const { return m_question; }

signals:
    void statusChanged(const QString& message);

private:
    void fire() override; // the deadline
    void windDown();
    void toolFinished();
    void closeNow();

    QWidget* m_window;
    ToolList m_tools;
    Scheduler& m_scheduler;
    Duration m_deadline = std::chrono::seconds(20);
    QPointer<QMessageBox> m_question;
    int m_waitingFor = 0;
    bool m_approved = false;
};

} // namespace jimini
