// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/healthdocument.h"

#include <QString>

#include <optional>

namespace jimini {

// Either a document, or none and the first error: where (a JSON path like
// "policies[0].circuit_breaker.state", "" for the document itself) and why.
struct HealthParseResult {
    std::optional<HealthDocument> document;
    QString errorPath;
    QString error;

    bool ok() const { return document.has_value(); }
};

} // namespace jimini
