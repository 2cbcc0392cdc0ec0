// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <chrono>

namespace jimini {

// How busy a thread's event loop is: the time between the dispatcher waking up and it going back to
// sleep, summed, over wall time. Measures the thread it is created on.
class UiLoad final : public QObject {
    Q_OBJECT
public:
    explicit UiLoad(QObject* parent = nullptr);

    void reset();
    double busyFraction() const; // since construction or the last reset()
    std::chrono::nanoseconds busy() const;
    std::chrono::nanoseconds wall() const;

    static qint64 residentBytes(); // VmRSS of this process, 0 when unknown

private:
    using Clock = std::chrono::steady_clock;
    void awake();
    void aboutToBlock();

    Clock::time_point m_start;
    Clock::time_point m_wokeAt;
    std::chrono::nanoseconds m_busy{0};
    bool m_awake = true; // we are created while running
};

} // namespace jimini
