// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

namespace jimini {

// One difference between two configs, in the JSON form (durations in seconds). An added key has an
// undefined before, a removed one (a policy, or a stage turned off) an undefined after.
struct ConfigChange {
    QString path;
    QJsonValue before;
    QJsonValue after;

    bool isAddition() const { return before.isUndefined(); }
    bool isRemoval() const { return after.isUndefined(); }
    friend bool operator==(const ConfigChange&, const ConfigChange&) = default;
};

} // namespace jimini
