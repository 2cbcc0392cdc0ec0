// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "deadlinetimer.h"
#include "policy/scheduler.h"
#include "policy/timerheap.h"

#include <QObject>

#include <mutex>

namespace jimini {

// The real-time Scheduler: timers fire on the thread this object lives in, from its event loop.
// schedule() and cancel() may be called from any thread. One DeadlineTimer follows the earliest due timer
// (to the microsecond on Linux, where a QTimer would round to whole milliseconds).
class QtScheduler final : public QObject, public Scheduler {
    Q_OBJECT
public:
    explicit QtScheduler(QObject* parent = nullptr);
    ~QtScheduler() override;

    const Clock& clock() const noexcept override { return SteadyClock::instance(); }
    void schedule(TimerTask& task, Duration delay) override;
    bool cancel(TimerTask& task) noexcept override;

    std::size_t pending() const;

private:
    void rearm();
    void fireDue();

    mutable std::mutex m_mutex;
    TimerHeap m_timers{*this};
    DeadlineTimer m_timer{this};
};

} // namespace jimini
