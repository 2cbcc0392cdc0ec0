// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace jimini {

// jimini replay SCENARIO --config FILE [--compare FILE ...] [--json]: a scenario replayed on simulated
// time against one to three configs. Exit 0 when replayed; 2 on a usage or input error (what and where).
int runReplayCommand(const QStringList& arguments);

} // namespace jimini
