// SPDX-License-Identifier: GPL-3.0-or-later
#include "simlog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcSim, "jimini.sim")

} // namespace jimini
