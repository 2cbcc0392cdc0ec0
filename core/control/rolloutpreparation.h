// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control/rolloutinstance.h"

#include "config/configchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace jimini {

// Whether a rollout may start, decided before anything is sent: the new config must be valid, and every
// instance must have been read (its config and ETag, its health) and run one old config, so that a
// rollback has one known config to go back to (force goes on anyway, with a warning in the log).
struct RolloutPreparation {
    QString refusal;             // why not, in the operator's words; empty: it may start
    QList<ConfigChange> changes; // the new config against the canary's old one (ConfigDiff)

    // "" when config is valid; otherwise "the new config is invalid: " and its first errors.
    static QString invalidConfig(const QByteArray& config);
    static RolloutPreparation check(const QList<RolloutInstance>& instances, const QByteArray& newConfig,
                                    bool force);
};

} // namespace jimini
