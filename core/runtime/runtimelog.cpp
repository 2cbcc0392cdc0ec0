// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtimelog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcRuntime, "jimini.runtime")

} // namespace jimini
