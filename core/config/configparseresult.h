// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "configerror.h"
#include "resilienceconfig.h"

#include <QList>

#include <optional>

namespace jimini {

// Either a complete, valid config and no errors, or no config and every error found.
struct ConfigParseResult {
    std::optional<ResilienceConfig> config;
    QList<ConfigError> errors;

    bool ok() const { return config.has_value(); }
};

} // namespace jimini
