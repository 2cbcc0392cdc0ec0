// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/healthtime.h"

#include <QRegularExpression>

namespace jimini {

QDateTime wallTime(TimePoint t, TimePoint now, const QDateTime& wallNow) {
    const auto ago = std::chrono::duration_cast<std::chrono::milliseconds>(now - t);
    return wallNow.toUTC().addMSecs(-ago.count());
}

QString toRfc3339(const QDateTime& time) {
    return time.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<QDateTime> parseTimestamp(QStringView text) {
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$)"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    auto number = [&m](int group) { return m.capturedView(group).toInt(); };
    const QDate date(number(1), number(2), number(3));
    QString fraction = m.captured(7);
    fraction = (fraction + QStringLiteral("000")).left(3);
    const QTime time(number(4), number(5), number(6), fraction.toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    int offsetSeconds = 0;
    if (m.hasCaptured(9)) {
        const int hours = number(10);
        const int minutes = number(11);
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        offsetSeconds = (hours * 60 + minutes) * 60 * (m.capturedView(9) == u'-' ? -1 : 1);
    }
    QDateTime utc(date, time, Qt::UTC);
    return utc.addSecs(-offsetSeconds);
}

} // namespace jimini
