// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/tools/toolregistry.h"

namespace jimini {

// The tools of jimini-console, in the order of their pages, docks and menu entries. A new feature adds
// its line here.
ToolRegistry consoleTools();

} // namespace jimini
