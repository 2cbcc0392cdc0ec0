// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace jimini {

// A breaker override's time-to-live as an operator writes it: whole seconds ("90") or a whole number with
// a unit ("90s", "5m", "1h"), more than 0 and at most a year (the protocol's limit). Anything else is
// refused with a sentence that names the text and what is accepted.
struct BreakerTtl {
    static constexpr int maxSeconds = 31536000;

    std::optional<int> seconds; // set when the text was a TTL
    QString error;              // why not, otherwise

    static BreakerTtl parse(QStringView text);
    // "90 s", "5 min", "1 h", "1 h 30 min": how the console and the CLI say a TTL.
    static QString toText(int seconds);
};

} // namespace jimini
