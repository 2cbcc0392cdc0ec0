// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "breakerlamp.h"
#include "health/healthdocument.h"

#include <QColor>
#include <QPalette>

namespace jimini {

// The console's colours, defined once: the dark and light application palettes and the colours of
// health levels and breaker states (each tuned per scheme so it keeps its contrast on either
// background). The system scheme is read from the window colour's lightness because
// QStyleHints::colorScheme() only exists from Qt 6.5.
class Palette {
public:
    static bool isDark(const QPalette& palette);
    static bool systemIsDark(); // the application's current palette
    static QPalette dark();
    static QPalette light();
    static QPalette forSystem(); // dark() or light(), whichever the system palette is

    static QColor healthColor(HealthLevel level, bool dark);
    static QColor breakerColor(BreakerLamp lamp, bool dark);
    static QColor staleColor(bool dark);         // greyed rows: stale or failing instances
    static QColor newAlertBackground(bool dark); // unacknowledged alerts
    static QColor sparklineColor(bool dark);
};

} // namespace jimini
