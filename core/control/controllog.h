// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace jimini {

// This library's logging category, "jimini.control": QT_LOGGING_RULES="jimini.control.debug=true" turns
// its debug output on, "jimini.*.warning=false" silences every library's warnings.
Q_DECLARE_LOGGING_CATEGORY(lcControl)

} // namespace jimini
