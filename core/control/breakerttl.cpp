// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/breakerttl.h"

#include <QRegularExpression>

namespace jimini {

BreakerTtl BreakerTtl::parse(QStringView text) {
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,9})(s|m|h)?$"));
    const QString trimmed = text.trimmed().toString();
    const QRegularExpressionMatch m = shape.match(trimmed);
    BreakerTtl ttl;
    if (!m.hasMatch()) {
        ttl.error =
            QStringLiteral("\"%1\" is not a time-to-live: write seconds (90) or a whole number with a "
                           "unit s, m or h (90s, 5m, 1h)")
                .arg(trimmed.left(40));
        return ttl;
    }
    const QString unit = m.captured(2);
    const qint64 factor = unit == QLatin1String("h") ? 3600 : unit == QLatin1String("m") ? 60 : 1;
    const qint64 seconds = m.captured(1).toLongLong() * factor;
    if (seconds <= 0 || seconds > maxSeconds) {
        ttl.error =
            QStringLiteral("time-to-live \"%1\" is out of range: more than 0 and at most a year (8760h)")
                .arg(trimmed);
        return ttl;
    }
    ttl.seconds = int(seconds);
    return ttl;
}

QString BreakerTtl::toText(int seconds) {
    if (seconds < 60 || (seconds % 60 != 0 && seconds < 3600))
        return QStringLiteral("%1 s").arg(seconds);
    const int hours = seconds / 3600;
    const int minutes = (seconds % 3600) / 60;
    const int rest = seconds % 60;
    QStringList parts;
    if (hours > 0)
        parts << QStringLiteral("%1 h").arg(hours);
    if (minutes > 0)
        parts << QStringLiteral("%1 min").arg(minutes);
    if (rest > 0)
        parts << QStringLiteral("%1 s").arg(rest);
    return parts.join(QLatin1Char(' '));
}

} // namespace jimini
