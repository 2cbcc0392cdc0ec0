// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/clock.h"

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace jimini {

// Steady time points become wall-clock times only at the edge, relative to one (now, wallNow) pair
// read together, so a wall-clock jump never reorders what the policies saw. Millisecond precision, UTC.
QDateTime wallTime(TimePoint t, TimePoint now, const QDateTime& wallNow);

// RFC 3339, UTC, milliseconds: "2026-11-29T02:30:00.123Z".
QString toRfc3339(const QDateTime& time);

// RFC 3339 and Python's isoformat(): "2026-11-29T02:30:00.123Z", "...+02:00", "2026-11-29T02:30:00.123456",
// "2026-11-29 02:30:00". No zone means UTC (the guide writes naive datetimes). Digits beyond the
// millisecond are truncated. nullopt when the text is not such a time.
std::optional<QDateTime> parseTimestamp(QStringView text);

} // namespace jimini
