// SPDX-License-Identifier: GPL-3.0-or-later
#include "storelog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcStore, "jimini.store")

} // namespace jimini
