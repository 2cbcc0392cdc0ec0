// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgetslog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcWidgets, "jimini.widgets")

} // namespace jimini
