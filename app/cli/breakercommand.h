// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace jimini {

// jimini trip|reset URL... --policy P --reason R [--ttl D] [--state isolated|disabled] [--token-file F]
// [--operator NAME] [--audit-db FILE] [--json] [--timeout S]: a breaker action on every URL at once, the
// console's own FleetBreakerAction. trip isolates (or disables), reset returns to automatic. Exit 0 when
// every instance took it, 1 when at least one did not (refused, unreachable, the service said no, or it
// could not be recorded in the audit store), 2 on a usage or input error (nothing sent). arguments
// start with the program name, the command removed.
int runBreakerCommand(const QString& command, const QStringList& arguments);

} // namespace jimini
