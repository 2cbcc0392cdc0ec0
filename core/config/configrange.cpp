// SPDX-License-Identifier: GPL-3.0-or-later
#include "configrange.h"

#include "configtext.h"

#include <cmath>

namespace jimini {

bool ConfigRange::contains(double value) const {
    if (!std::isfinite(value))
        return false;
    const bool aboveLo = loOpen ? value > lo : value >= lo;
    const bool belowHi = hiOpen ? value < hi : value <= hi;
    return aboveLo && belowHi;
}

QString ConfigRange::violation(const QString& noun, double got) const {
    const QString low = ConfigText::number(lo);
    const QString high = ConfigText::number(hi);
    QString rule;
    if (std::isinf(hi))
        rule = (loOpen ? QStringLiteral("> ") : QStringLiteral(">= ")) + low;
    else if (!loOpen && !hiOpen)
        rule = QStringLiteral("between %1 and %2").arg(low, high);
    else
        rule = QStringLiteral("%1 %2 and %3 %4")
                   .arg(loOpen ? QStringLiteral(">") : QStringLiteral(">="), low,
                        hiOpen ? QStringLiteral("<") : QStringLiteral("<="), high);
    return QStringLiteral("must be %1 %2 (got %3)").arg(noun, rule, ConfigText::number(got));
}

} // namespace jimini
