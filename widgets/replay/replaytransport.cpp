// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaytransport.h"

#include "runtime/consoleclock.h"

#include <algorithm>
#include <cmath>

namespace jimini {

ReplayTransport::ReplayTransport(std::shared_ptr<ConsoleClock> clock, QObject* parent)
    : QObject(parent)
    , m_clock(std::move(clock)) {
    m_frame.self = this;
}

ReplayTransport::~ReplayTransport() {
    m_clock->scheduler().cancel(m_frame);
}

void ReplayTransport::reset(std::int64_t durationMs) {
    pause();
    m_duration = std::max<std::int64_t>(0, durationMs);
    m_available = 0;
    m_carryMs = 0;
    moveTo(0);
}

void ReplayTransport::setAvailable(std::int64_t availableMs) {
    m_available = std::clamp<std::int64_t>(availableMs, 0, m_duration);
}

void ReplayTransport::play() {
    if (m_playing)
        return;
    if (m_position >= m_duration && m_duration > 0)
        moveTo(0); // play at the end starts over
    m_playing = true;
    m_lastFrame = m_clock->now();
    m_carryMs = 0;
    m_clock->scheduler().schedule(m_frame, frameInterval);
    emit playingChanged(true);
}

void ReplayTransport::pause() {
    if (!m_playing)
        return;
    m_playing = false;
    m_clock->scheduler().cancel(m_frame);
    emit playingChanged(false);
}

void ReplayTransport::seek(std::int64_t positionMs) {
    m_carryMs = 0;
    moveTo(std::clamp<std::int64_t>(positionMs, 0, m_available));
}

void ReplayTransport::setSpeed(double speed) {
    m_speed = speed > 0 ? speed : asFastAsComputed;
}

void ReplayTransport::onFrame() {
    const TimePoint now = m_clock->now();
    const double elapsedMs = std::chrono::duration<double, std::milli>(now - m_lastFrame).count();
    m_lastFrame = now;
    std::int64_t target = m_available;
    if (m_speed != asFastAsComputed) {
        const double step = elapsedMs * m_speed + m_carryMs;
        const double whole = std::floor(step);
        m_carryMs = step - whole;
        target = std::min<std::int64_t>(m_position + std::int64_t(whole), m_available);
    }
    moveTo(target);
    if (m_position >= m_duration)
        pause();
    else
        m_clock->scheduler().schedule(m_frame, frameInterval);
}

void ReplayTransport::moveTo(std::int64_t positionMs) {
    if (positionMs == m_position)
        return;
    m_position = positionMs;
    emit positionChanged(m_position);
}

} // namespace jimini
