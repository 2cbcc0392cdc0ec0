// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace jimini {

// This library's logging category, "jimini.sources": QT_LOGGING_RULES="jimini.sources.debug=true" turns
// its debug output on, "jimini.*.warning=false" silences every library's warnings.
Q_DECLARE_LOGGING_CATEGORY(lcSources)

} // namespace jimini
