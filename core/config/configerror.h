// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace jimini {

// One broken rule. path names the offending JSON key ("policies.payments.retry.max_attempts",
// "policies.default.order[2]"); it is empty for problems with the document as a whole.
struct ConfigError {
    QString path;
    QString message;

    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
    friend bool operator==(const ConfigError&, const ConfigError&) = default;
};

} // namespace jimini
