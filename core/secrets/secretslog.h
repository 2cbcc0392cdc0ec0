// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace jimini {

// This library's logging category, "jimini.secrets". It logs where secrets are kept, never a secret.
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

} // namespace jimini
