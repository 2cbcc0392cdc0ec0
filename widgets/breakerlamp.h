// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QList>
#include <QMetaType>
#include <QRectF>
#include <QString>

class QIcon;
class QPainter;

namespace jimini {

// How one breaker looks in the fleet view. Every state has its own colour AND shape, so the lamps can be
// read without telling colours apart: closed a filled circle, half-open a half-filled circle, open a
// hollow circle with a cross, isolated a filled square, disabled a dashed ring.
enum class BreakerLamp : quint8 { Closed, HalfOpen, Open, Isolated, Disabled, Off };

struct BreakerLampItem {
    QString policy;
    BreakerLamp lamp = BreakerLamp::Off;
    bool manual = false;
    friend bool operator==(const BreakerLampItem&, const BreakerLampItem&) = default;
};
using BreakerLampList = QList<BreakerLampItem>;

BreakerLamp breakerLampFromState(const QString& state); // the protocol's closed, open, half_open, ...
QString breakerLampName(BreakerLamp lamp);              // "half-open": for people
// Trouble first: sorting and "worst of" use this order (open worst, closed and off best).
int breakerLampSeverity(BreakerLamp lamp);

// Paints one lamp centred in rect in the palette's colour for that state.
void paintBreakerLamp(QPainter* painter, const QRectF& rect, BreakerLamp lamp, bool dark);

QString healthLevelName(HealthLevel level);
QIcon breakerIcon(BreakerLamp lamp); // from resources/icons
QIcon healthIcon(HealthLevel level);
QIcon staleIcon();

} // namespace jimini

Q_DECLARE_METATYPE(jimini::BreakerLampList)
