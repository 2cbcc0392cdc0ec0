// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthlog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcHealth, "jimini.health")

} // namespace jimini
