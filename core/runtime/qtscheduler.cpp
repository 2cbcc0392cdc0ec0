// SPDX-License-Identifier: GPL-3.0-or-later
#include "qtscheduler.h"

#include <QThread>

#include <algorithm>
#include <chrono>

namespace jimini {

QtScheduler::QtScheduler(QObject* parent)
    : QObject(parent) {
    connect(&m_timer, &DeadlineTimer::expired, this, &QtScheduler::fireDue);
}

QtScheduler::~QtScheduler() = default;

void QtScheduler::schedule(TimerTask& task, Duration delay) {
    bool newHead = false;
    {
        std::lock_guard lock(m_mutex);
        const TimePoint due = now() + std::max(delay, Duration::zero());
        m_timers.arm(task, due);
        newHead = m_timers.nextDue() == due;
    }
    if (!newHead)
        return;
    if (QThread::currentThread() == thread())
        rearm();
    else
        QMetaObject::invokeMethod(this, &QtScheduler::rearm, Qt::QueuedConnection);
}

bool QtScheduler::cancel(TimerTask& task) noexcept {
    // The timer may then wake up early for nothing; fireDue() just re-arms.
    std::lock_guard lock(m_mutex);
    return m_timers.disarm(task);
}

std::size_t QtScheduler::pending() const {
    std::lock_guard lock(m_mutex);
    return m_timers.size();
}

void QtScheduler::rearm() {
    TimePoint due;
    {
        std::lock_guard lock(m_mutex);
        due = m_timers.nextDue();
    }
    if (due == TimePoint::max()) {
        m_timer.stop();
        return;
    }
    m_timer.wakeAt(due);
}

void QtScheduler::fireDue() {
    for (;;) {
        TimerTask* task = nullptr;
        {
            std::lock_guard lock(m_mutex);
            task = m_timers.popDue(now());
        }
        if (!task)
            break;
        task->fire(); // no lock held: the task may arm or cancel timers
    }
    rearm();
}

} // namespace jimini
