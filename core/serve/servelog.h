// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace jimini {

// This library's logging category, "jimini.serve": QT_LOGGING_RULES="jimini.serve.debug=true" turns
// its debug output on, "jimini.*.warning=false" silences every library's warnings.
Q_DECLARE_LOGGING_CATEGORY(lcServe)

} // namespace jimini
