// SPDX-License-Identifier: GPL-3.0-or-later
#include "control/rolloutbatches.h"

namespace jimini {

QList<QList<int>> rolloutBatches(int instances, int batchSize) {
    QList<QList<int>> batches;
    if (instances < 1 || batchSize < 1)
        return batches;
    batches.append(QList<int>{0});
    for (int i = 1; i < instances; i += batchSize) {
        QList<int> batch;
        for (int j = i; j < instances && j < i + batchSize; ++j)
            batch.append(j);
        batches.append(batch);
    }
    return batches;
}

} // namespace jimini
