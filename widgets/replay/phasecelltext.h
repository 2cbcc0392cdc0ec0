// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

namespace jimini {

// How a phase's JSON values read in one table cell, and back. Text that is not one of these forms
// becomes a JSON string, so ScenarioCodec (the one judge) rejects it with its path.
//   number:     0.5
//   status mix: "503:0.8 500:0.2" (status:weight, by spaces or commas)
//   latency:    "fixed mean=5", "uniform min=10 max=50", "normal mean=40 stddev=10",
//               "lognormal mean=40 stddev=20", "lognormal p50=40 p99=250" (ms; the keys less "_ms")
class PhaseCellText {
public:
    enum class Kind : quint8 { Text, Number, StatusMix, Latency };

    static QString toText(Kind kind, const QJsonValue& value);
    // Empty text: undefined (the key is removed: the baseline's value holds).
    static QJsonValue fromText(Kind kind, const QString& text);
    // The forms a cell of this kind takes, for a tooltip.
    static QString hint(Kind kind);
};

} // namespace jimini
