// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <QObject>

class QSocketNotifier;
class QTimer;

namespace jimini {

// Wakes the event loop of its thread at a steady-clock time. A QTimer counts whole milliseconds and fires
// up to one late, which puts an open-loop probe's start error over a millisecond; on Linux a timerfd
// armed at the absolute time wakes the loop within tens of microseconds, through a socket notifier, so
// nothing spins. Elsewhere a QTimer rounded up to the next millisecond.
class DeadlineTimer final : public QObject {
    Q_OBJECT
public:
    explicit DeadlineTimer(QObject* parent = nullptr);
    ~DeadlineTimer() override;

    // Re-arms for due (steady_clock time); a due time already past expires at once.
    void wakeAt(TimePoint due);
    void stop();

signals:
    void expired();

private:
    void onReadable();

    int m_fd = -1;
    QSocketNotifier* m_notifier = nullptr;
    QTimer* m_fallback = nullptr;
};

} // namespace jimini
