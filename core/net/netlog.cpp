// SPDX-License-Identifier: GPL-3.0-or-later
#include "netlog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcNet, "jimini.net")

} // namespace jimini
