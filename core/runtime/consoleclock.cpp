// SPDX-License-Identifier: GPL-3.0-or-later
#include "consoleclock.h"

#include "runtime/qtscheduler.h"

#include "policy/simulatedscheduler.h"

#include <QThread>

#include <chrono>

namespace jimini {

namespace {
qint64 toMs(Duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}
} // namespace

std::shared_ptr<ConsoleClock> ConsoleClock::live() {
    std::shared_ptr<ConsoleClock> clock(new ConsoleClock);
    clock->m_live = std::make_unique<QtScheduler>();
    clock->m_scheduler = clock->m_live.get();
    return clock;
}

std::shared_ptr<ConsoleClock> ConsoleClock::simulated(const QDateTime& wallStart, TimePoint steadyStart) {
    std::shared_ptr<ConsoleClock> clock(new ConsoleClock);
    clock->m_simulated = std::make_unique<SimulatedScheduler>(steadyStart);
    clock->m_scheduler = clock->m_simulated.get();
    clock->m_wallStart = wallStart.toUTC();
    clock->m_steadyStart = steadyStart;
    return clock;
}

ConsoleClock::~ConsoleClock() = default;

std::shared_ptr<ConsoleClock> ConsoleClock::forThisThread() {
    if (m_simulated || m_live->thread() == QThread::currentThread())
        return shared_from_this();
    return live();
}

QDateTime ConsoleClock::wallNow() const {
    if (!m_simulated)
        return QDateTime::currentDateTimeUtc(); // the one read of the system's wall clock in the data path
    return m_wallStart.addMSecs(toMs(now() - m_steadyStart));
}

QDateTime ConsoleClock::wallAt(TimePoint t) const {
    if (!m_simulated)
        return QDateTime::currentDateTimeUtc().addMSecs(toMs(t - now()));
    return m_wallStart.addMSecs(toMs(t - m_steadyStart));
}

} // namespace jimini
