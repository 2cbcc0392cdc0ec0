// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace jimini {

// `jimini health URL [--token-file FILE] [--ca-file FILE] [--json] [--timeout S]`: one read of the health
// document through Connection (the console's own code path). Returns the exit code: 0 read, 1 usage,
// 2 not read (the reason on stderr).
int runHealthCommand(const QStringList& arguments);

} // namespace jimini
