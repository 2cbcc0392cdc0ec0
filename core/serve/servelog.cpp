// SPDX-License-Identifier: GPL-3.0-or-later
#include "servelog.h"

namespace jimini {

Q_LOGGING_CATEGORY(lcServe, "jimini.serve")

} // namespace jimini
