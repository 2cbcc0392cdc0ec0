// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace jimini {

// The X-Jimini-Operator header: who, by their own account, sends a control request (docs/protocol.md,
// "Operator"). One rule for both ends: the console cleans the name before sending, the agent cleans what
// arrives (hostile input: bounded before it is decoded) before it goes into an event's actor.
class OperatorHeader {
public:
    static constexpr const char* name = "X-Jimini-Operator";
    static constexpr int maxLength = 64;    // characters, after cleaning
    static constexpr int maxRawBytes = 256; // what the agent decodes at most

    // Control and format characters (newlines, bidi overrides) removed, runs of spaces made one, trimmed,
    // cut to maxLength characters (never inside a surrogate pair).
    static QString sanitized(const QString& name);
    static QByteArray encode(const QString& name);   // UTF-8 of sanitized(name)
    static QString decode(const QByteArray& header); // bounded, invalid UTF-8 replaced, sanitized
};

} // namespace jimini
