// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace jimini {

class ReplayTransport;

// Play/pause, the speed, the position slider (seconds; it stops where the replay has computed to) and
// the time as position / duration. Follows the transport; the slider seeks it.
class ReplayTransportBar final : public QWidget {
    Q_OBJECT
public:
    explicit ReplayTransportBar(ReplayTransport& transport, QWidget* parent = nullptr);

    // The transport's duration or what is computed changed: range and label follow.
    void refresh();

    QSlider* slider() const noexcept { return m_slider; }
    QComboBox* speedBox() const noexcept { return m_speed; }
    QToolButton* playButton() const noexcept { return m_play; }

    static QString clockText(std::int64_t ms); // "1:02:03" or "02:03"

private:
    ReplayTransport& m_transport;
    QToolButton* m_play = nullptr;
    QComboBox* m_speed = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_time = nullptr;
};

} // namespace jimini
