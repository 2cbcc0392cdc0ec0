// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/secretslog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcSecrets, "jimini.secrets")

} // namespace jimini
