// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

namespace jimini {

// How every reader's message names the JSON type it found: "expected a number, found a string".
class JsonTypeName {
public:
    // "null", "a boolean", "a number", "a string", "an array", "an object"; "nothing" for undefined.
    static QString of(const QJsonValue& value);
};

} // namespace jimini
