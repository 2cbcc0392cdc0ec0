// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"
#include "policy/timertask.h"

#include <QObject>

#include <cstdint>
#include <memory>

namespace jimini {

class ConsoleClock;

// The replay's play head: a position on the scenario's timeline (ms from its start), moved by play at a
// speed (1x and up, or as fast as the replay computes), by pause, and by seek (the slider). It never
// passes what is computed (available) nor the end, and stops at the end.
//
// It plays on the console's ConsoleClock: a frame every frameInterval on the clock's scheduler, each
// moving the position by the clock's elapsed steady time times the speed. Live that is real time; on a
// simulated clock (tests) it moves only as the clock is advanced. positionChanged comes at most once a
// frame (and once per seek): what draws the timeline is paced by it.
class ReplayTransport final : public QObject {
    Q_OBJECT
public:
    static constexpr Duration frameInterval = std::chrono::milliseconds(100);
    static constexpr double asFastAsComputed = 0; // speed: jump to what is computed, every frame

    explicit ReplayTransport(std::shared_ptr<ConsoleClock> clock, QObject* parent = nullptr);
    ~ReplayTransport() override;

    // A new timeline: stopped at 0, nothing available.
    void reset(std::int64_t durationMs);
    // How far the replay has computed (ms from the start); grows while it runs.
    void setAvailable(std::int64_t availableMs);

    void play();
    void pause();
    void seek(std::int64_t positionMs); // clamped to [0, available]
    void setSpeed(double speed);        // a multiple of real time, or asFastAsComputed

    bool isPlaying() const noexcept { return m_playing; }
    double speed() const noexcept { return m_speed; }
    std::int64_t position() const noexcept { return m_position; }
    std::int64_t available() const noexcept { return m_available; }
    std::int64_t duration() const noexcept { return m_duration; }

signals:
    void positionChanged(std::int64_t positionMs);
    void playingChanged(bool playing);

private:
    struct Frame final : TimerTask {
        ReplayTransport* self = nullptr;
        void fire() override { self->onFrame(); }
    };
    void onFrame();
    void moveTo(std::int64_t positionMs);

    std::shared_ptr<ConsoleClock> m_clock;
    Frame m_frame;
    TimePoint m_lastFrame{};
    double m_carryMs = 0; // the part of a millisecond a slow frame moved
    std::int64_t m_duration = 0;
    std::int64_t m_available = 0;
    std::int64_t m_position = 0;
    double m_speed = 1;
    bool m_playing = false;
};

} // namespace jimini
