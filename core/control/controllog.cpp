// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/controllog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcControl, "jimini.control")

} // namespace jimini
