// SPDX-License-Identifier: GPL-3.0-or-later
#include "deadlinetimer.h"

#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdint>

#ifdef Q_OS_LINUX
#include <sys/timerfd.h>
#include <unistd.h>
#endif

namespace jimini {

DeadlineTimer::DeadlineTimer(QObject* parent)
    : QObject(parent) {
#ifdef Q_OS_LINUX
    // CLOCK_MONOTONIC is std::chrono::steady_clock's clock on Linux.
    m_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (m_fd >= 0) {
        m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &DeadlineTimer::onReadable);
        return;
    }
#endif
    m_fallback = new QTimer(this);
    m_fallback->setSingleShot(true);
    m_fallback->setTimerType(Qt::PreciseTimer);
    connect(m_fallback, &QTimer::timeout, this, &DeadlineTimer::expired);
}

DeadlineTimer::~DeadlineTimer() {
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        delete m_notifier; // before the descriptor it watches
        ::close(m_fd);
    }
#endif
}

void DeadlineTimer::wakeAt(TimePoint due) {
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        using namespace std::chrono;
        // An all-zero time disarms a timerfd: a time at or before the epoch becomes its first nanosecond,
        // long past, so it expires at once.
        const auto ns = std::max<std::int64_t>(duration_cast<nanoseconds>(due.time_since_epoch()).count(), 1);
        itimerspec spec{};
        spec.it_value.tv_sec = time_t(ns / 1'000'000'000);
        spec.it_value.tv_nsec = long(ns % 1'000'000'000);
        ::timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
        return;
    }
#endif
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(
        std::max(due - std::chrono::steady_clock::now(), Duration::zero()));
    m_fallback->start(wait);
}

void DeadlineTimer::stop() {
#ifdef Q_OS_LINUX
    if (m_fd >= 0) {
        const itimerspec disarmed{};
        ::timerfd_settime(m_fd, 0, &disarmed, nullptr);
        return;
    }
#endif
    m_fallback->stop();
}

void DeadlineTimer::onReadable() {
#ifdef Q_OS_LINUX
    std::uint64_t expirations = 0;
    if (::read(m_fd, &expirations, sizeof expirations) != sizeof expirations)
        return; // disarmed or re-armed since it became readable: nothing expired
#endif
    emit expired();
}

} // namespace jimini
