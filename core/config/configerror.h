// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "json/fielderror.h"

namespace jimini {

// One broken rule of a config: path names the offending JSON key ("policies.payments.retry.max_attempts",
// "policies.default.order[2]"); it is empty for problems with the document as a whole.
using ConfigError = FieldError;

} // namespace jimini
