// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

namespace jimini {

// The order a rollout pushes in: instance 0 alone (the canary), then the rest, in list order, in batches
// of batchSize (the last one may be smaller). Indexes into the instance list; empty for no instances or
// a batchSize below 1.
QList<QList<int>> rolloutBatches(int instances, int batchSize);

} // namespace jimini
