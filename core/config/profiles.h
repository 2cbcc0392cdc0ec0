// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "resilienceconfig.h"

#include <QStringList>

#include <optional>

namespace jimini {

// The guide's three environment profiles, bundled as resources (:/profiles/<name>.json).
class Profiles {
public:
    static QStringList names(); // production, staging, development
    static QString resourcePath(const QString& name);
    // nullopt for a name that is not a profile (the error is logged if the bundled file is broken).
    static std::optional<ResilienceConfig> load(const QString& name);
};

} // namespace jimini
