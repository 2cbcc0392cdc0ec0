// SPDX-License-Identifier: GPL-3.0-or-later
#include "sourceslog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcSources, "jimini.sources")

} // namespace jimini
