// SPDX-License-Identifier: GPL-3.0-or-later
#include "palette.h"

#include <QApplication>

namespace jimini {

bool Palette::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

bool Palette::systemIsDark() {
    return isDark(QApplication::palette());
}

QPalette Palette::dark() {
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1f, 0x20, 0x23);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb3));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4b));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

QPalette Palette::light() {
    QPalette p;
    const QColor text(0x1e, 0x1e, 0x1e);
    const QColor disabledText(0x9a, 0x9a, 0x9a);
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xc0, 0x00, 0x00));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x00, 0x5a, 0xb4));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

QPalette Palette::forSystem() {
    return systemIsDark() ? dark() : light();
}

QColor Palette::healthColor(HealthLevel level, bool dark) {
    switch (level) {
    case HealthLevel::Healthy:
        return dark ? QColor(0x4c, 0xc3, 0x6b) : QColor(0x1f, 0x8a, 0x3d);
    case HealthLevel::Degraded:
        return dark ? QColor(0xf2, 0xb4, 0x2c) : QColor(0xb7, 0x79, 0x00);
    case HealthLevel::Critical:
        return dark ? QColor(0xff, 0x5f, 0x5f) : QColor(0xc4, 0x1e, 0x24);
    }
    return staleColor(dark);
}

QColor Palette::breakerColor(BreakerLamp lamp, bool dark) {
    switch (lamp) {
    case BreakerLamp::Closed:
        return healthColor(HealthLevel::Healthy, dark);
    case BreakerLamp::HalfOpen:
        return healthColor(HealthLevel::Degraded, dark);
    case BreakerLamp::Open:
        return healthColor(HealthLevel::Critical, dark);
    case BreakerLamp::Isolated:
        return dark ? QColor(0xc3, 0x8b, 0xe8) : QColor(0x7d, 0x3c, 0x98);
    case BreakerLamp::Disabled:
        return dark ? QColor(0x6c, 0xb4, 0xff) : QColor(0x2a, 0x6f, 0xb8);
    case BreakerLamp::Off:
        break;
    }
    return staleColor(dark);
}

// At least 4.5:1 (WCAG AA) in both themes on the base, the alternate base and the new alert background, so
// greyed rows (stale instances, resolved alerts) stay readable (tst_themescreenshot checks it).
QColor Palette::staleColor(bool dark) {
    return dark ? QColor(0xa8, 0xa8, 0xa8) : QColor(0x66, 0x66, 0x66);
}

QColor Palette::newAlertBackground(bool dark) {
    return dark ? QColor(0x4a, 0x32, 0x10) : QColor(0xff, 0xe9, 0xb3);
}

QColor Palette::sparklineColor(bool dark) {
    return dark ? QColor(0xff, 0x8a, 0x65) : QColor(0xd8, 0x43, 0x15);
}

} // namespace jimini
