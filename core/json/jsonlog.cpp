// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcJson, "jimini.json")

} // namespace jimini
