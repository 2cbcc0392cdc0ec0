// SPDX-License-Identifier: GPL-3.0-or-later
#include "configlog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcConfig, "jimini.config")

} // namespace jimini
