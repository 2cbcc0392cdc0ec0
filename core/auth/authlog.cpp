// SPDX-License-Identifier: GPL-3.0-or-later
#include "authlog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcAuth, "jimini.auth")

} // namespace jimini
