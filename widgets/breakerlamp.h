// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"
#include "policy/breakerstate.h"

#include <QList>
#include <QMetaType>
#include <QRectF>
#include <QString>

#include <optional>

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

BreakerLamp breakerLampFromState(std::optional<BreakerState> state); // Off: no breaker, or not said
QString breakerLampName(BreakerLamp lamp); // the translated label: "half-open", "off", ...
// Trouble first: sorting and "worst of" use this order (open worst, closed and off best).
int breakerLampSeverity(BreakerLamp lamp);

// Paints one lamp centred in rect in the palette's colour for that state.
void paintBreakerLamp(QPainter* painter, const QRectF& rect, BreakerLamp lamp, bool dark);

QString healthLevelName(HealthLevel level); // the translated label: "healthy", ...
QIcon breakerIcon(BreakerLamp lamp);        // from resources/icons
QIcon healthIcon(HealthLevel level);
QIcon staleIcon();   // a ring with a clock hand: no answer for a while
QIcon failingIcon(); // a ring with a slash: the last read failed

} // namespace jimini

Q_DECLARE_METATYPE(jimini::BreakerLampList)
