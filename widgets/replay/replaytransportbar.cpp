// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaytransportbar.h"

#include "replaytransport.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

namespace jimini {

ReplayTransportBar::ReplayTransportBar(ReplayTransport& transport, QWidget* parent)
    : QWidget(parent)
    , m_transport(transport) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("replayPlay"));
    m_play->setCheckable(true);
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setAccessibleName(tr("Play"));
    m_play->setToolTip(tr("Play / pause the timeline"));
    layout->addWidget(m_play);

    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    m_speed->setAccessibleName(tr("Speed"));
    for (const double speed : {1.0, 10.0, 60.0, 600.0})
        m_speed->addItem(tr("%1x").arg(speed), speed);
    m_speed->addItem(tr("as fast as it computes"), 0.0);
    layout->addWidget(m_speed);

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("replayPosition"));
    m_slider->setAccessibleName(tr("Position on the timeline"));
    layout->addWidget(m_slider, 1);
    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("replayTime"));
    layout->addWidget(m_time);

    connect(m_play, &QToolButton::toggled, this,
            [this](bool on) { on ? m_transport.play() : m_transport.pause(); });
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { m_transport.setSpeed(m_speed->currentData().toDouble()); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int seconds) {
        if (std::int64_t(seconds) * 1000 != m_transport.position() / 1000 * 1000)
            m_transport.seek(std::int64_t(seconds) * 1000);
        refresh(); // a seek past what is computed lands on its edge
    });
    connect(&m_transport, &ReplayTransport::positionChanged, this, &ReplayTransportBar::refresh);
    connect(&m_transport, &ReplayTransport::playingChanged, this, [this](bool playing) {
        const QSignalBlocker block(m_play);
        m_play->setChecked(playing);
        m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
        m_play->setAccessibleName(playing ? tr("Pause") : tr("Play"));
    });
    m_transport.setSpeed(m_speed->currentData().toDouble());
    refresh();
}

QString ReplayTransportBar::clockText(std::int64_t ms) {
    const std::int64_t s = ms / 1000;
    const QString mmss = QStringLiteral("%1:%2")
                             .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                             .arg(s % 60, 2, 10, QLatin1Char('0'));
    return s >= 3600 ? QStringLiteral("%1:%2").arg(s / 3600).arg(mmss) : mmss;
}

void ReplayTransportBar::refresh() {
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, int(m_transport.duration() / 1000));
    m_slider->setValue(int(m_transport.position() / 1000));
    QString text =
        clockText(m_transport.position()) + QStringLiteral(" / ") + clockText(m_transport.duration());
    if (m_transport.available() < m_transport.duration())
        text += tr(" (computed to %1)").arg(clockText(m_transport.available()));
    m_time->setText(text);
}

} // namespace jimini
